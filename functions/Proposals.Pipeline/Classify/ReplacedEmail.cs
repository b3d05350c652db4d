using System.Globalization;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// To the contact of a submission that a revision replaced: which one, when, and how it was proven (the tracking
/// token, or a digital signature), with the call's contact for a replacement the enterprise did not make. Ledger
/// kind per newer submission, so once per pair. User text is HTML-escaped.
/// </summary>
public static class ReplacedEmail
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Kind(string newerSubmissionId) => "replaced-by-" + newerSubmissionId;

    public static EmailMessage Compose(CallDefinition call, SubmissionRecord replaced, SubmissionRecord newer)
    {
        var reach = call.Contact?.Line is { } line ? $"{call.Organiser} ({line})" : call.Organiser;
        var (proofVi, proofEn) = newer.ReplacesBySignature == replaced.SubmissionId
            ? ("chữ ký số của doanh nghiệp trên bản quét", "the enterprise's digital signature on the scan")
            : ("mã tra cứu của đề xuất này", "this proposal's tracking token");
        var subject = $"[{replaced.ReceiptNumber}] Đề xuất đã được thay bằng bản sửa {newer.ReceiptNumber}";
        var text = new StringBuilder()
            .AppendLine(Invariant, $"Kính gửi {replaced.EnterpriseName},")
            .AppendLine()
            .AppendLine(Invariant, $"Đề xuất số {replaced.ReceiptNumber} (\"{replaced.TaskName}\") cho đợt \"{call.Title}\" đã được thay bằng bản sửa số {newer.ReceiptNumber}, nhận lúc {VietnamTime.FormatVi(newer.ReceivedAtUtc)}, chứng minh bằng {proofVi}.")
            .AppendLine("Nếu Quý doanh nghiệp không gửi bản sửa này, xin liên hệ ngay:")
            .AppendLine(Invariant, $"  {reach}")
            .AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"Proposal {replaced.ReceiptNumber} was replaced by revision {newer.ReceiptNumber}, received {VietnamTime.FormatEn(newer.ReceivedAtUtc)}, proven by {proofEn}. If you did not send it, contact {reach} at once.");
        var html = new StringBuilder()
            .Append("<p>Kính gửi ").Append(EmailText.Html(replaced.EnterpriseName)).Append(",</p>")
            .Append("<p>Đề xuất số <strong>").Append(EmailText.Html(replaced.ReceiptNumber)).Append("</strong> đã được thay bằng bản sửa số <strong>")
            .Append(EmailText.Html(newer.ReceiptNumber)).Append("</strong>, chứng minh bằng ").Append(EmailText.Html(proofVi)).Append(".</p>")
            .Append("<p>Nếu Quý doanh nghiệp không gửi bản sửa này, xin liên hệ ngay: ").Append(EmailText.Html(reach)).Append(".</p>")
            .Append("<p><em>Proposal ").Append(EmailText.Html(replaced.ReceiptNumber)).Append(" was replaced by revision ")
            .Append(EmailText.Html(newer.ReceiptNumber)).Append(", proven by ").Append(EmailText.Html(proofEn)).Append(". If you did not send it, contact ")
            .Append(EmailText.Html(reach)).Append(" at once.</em></p>");
        return new EmailMessage([replaced.ContactEmail], subject, text.ToString(), html.ToString());
    }
}
