using System.Globalization;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// The receipt the classify stage sends the submitter once (ledger kind <see cref="Kind"/>): Vietnamese
/// first with an English summary, what to fix when rejected, that its digital signature was verified (when
/// it was), where the signed original goes on paper and whom to call (from the call file), and the status page
/// link. User text is HTML-escaped.
/// </summary>
public static class ReceiptEmail
{
    public const string Kind = "receipt";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="noticeUrl">The call's personal-data notice page (<c>PrivacyNotice.PageUrl</c>); null when the call has none.</param>
    public static EmailMessage Compose(CallDefinition call, SubmissionRecord record, string statusUrl, string? noticeUrl = null)
    {
        var received = VietnamTime.FormatVi(record.ReceivedAtUtc);
        var rejected = record.Status == SubmissionStatus.Rejected;
        var subject = rejected
            ? $"[{record.ReceiptNumber}] Hồ sơ đề xuất cần bổ sung, sửa đổi"
            : $"[{record.ReceiptNumber}] Xác nhận đã nhận đề xuất nhiệm vụ KH&CN";

        var text = new StringBuilder()
            .AppendLine(Invariant, $"Kính gửi {record.EnterpriseName},")
            .AppendLine()
            .AppendLine(Invariant, $"{call.Organiser} đã nhận đề xuất nhiệm vụ khoa học và công nghệ của Quý doanh nghiệp.")
            .AppendLine()
            .AppendLine(Invariant, $"Số tiếp nhận: {record.ReceiptNumber}")
            .AppendLine(Invariant, $"Thời điểm nhận: {received}")
            .AppendLine(Invariant, $"Tên nhiệm vụ: {record.TaskName}")
            .AppendLine(Invariant, $"Đợt tiếp nhận: {call.Title}");
        var signature = VerifiedSignature(record);
        if (signature is { } verified)
        {
            text.AppendLine(Invariant, $"Chữ ký số: {verified.Vi}");
        }

        text.AppendLine();
        if (rejected)
        {
            text.AppendLine("Hồ sơ chưa hợp lệ vì các lý do sau; vui lòng sửa và gửi lại trước hạn:");
            foreach (var reason in record.RejectionReasons)
            {
                text.AppendLine(Invariant, $"  - {reason.Vi}");
            }

            text.AppendLine();
        }
        else
        {
            text.AppendLine(Invariant, $"Hồ sơ sẽ được tổng hợp sau hạn tiếp nhận ({VietnamTime.FormatVi(call.DeadlineInstant)}) để báo cáo cấp trên.");
        }

        foreach (var instruction in call.Contact?.InstructionsVi ?? [])
        {
            text.AppendLine(instruction);
        }

        text.AppendLine(Invariant, $"Tra cứu tình trạng hồ sơ: {statusUrl}");
        if (noticeUrl is not null)
        {
            text.AppendLine(Invariant, $"Thông báo xử lý dữ liệu cá nhân và quyền của anh/chị: {noticeUrl}");
        }

        text.AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"Receipt {record.ReceiptNumber}: your proposal was received on {VietnamTime.FormatEn(record.ReceivedAtUtc)}.")
            .AppendLine(rejected
                ? "It needs corrections (listed above in Vietnamese; the status page shows them in English); please resubmit before the deadline."
                : "It will be compiled into the report after the deadline.");
        if (signature is { } signed)
        {
            text.AppendLine(Invariant, $"Digital signature: {signed.En}");
        }

        text.AppendLine(Invariant, $"Track it at {statusUrl}");
        if (noticeUrl is not null)
        {
            text.AppendLine(Invariant, $"How your personal data is handled, and your rights: {noticeUrl}");
        }

        foreach (var instruction in call.Contact?.InstructionsEn ?? [])
        {
            text.AppendLine(instruction);
        }

        var html = new StringBuilder()
            .Append("<p>Kính gửi ").Append(EmailText.Html(record.EnterpriseName)).Append(",</p>")
            .Append("<p>").Append(EmailText.Html(call.Organiser)).Append(" đã nhận đề xuất nhiệm vụ khoa học và công nghệ của Quý doanh nghiệp.</p>")
            .Append("<table><tr><td>Số tiếp nhận</td><td><strong>").Append(EmailText.Html(record.ReceiptNumber)).Append("</strong></td></tr>")
            .Append("<tr><td>Thời điểm nhận</td><td>").Append(EmailText.Html(received)).Append("</td></tr>")
            .Append("<tr><td>Tên nhiệm vụ</td><td>").Append(EmailText.Html(record.TaskName)).Append("</td></tr>");
        if (signature is { } shown)
        {
            html.Append("<tr><td>Chữ ký số</td><td>").Append(EmailText.Html(shown.Vi)).Append(" <em>(").Append(EmailText.Html(shown.En)).Append(")</em></td></tr>");
        }

        html.Append("</table>");
        if (rejected)
        {
            html.Append("<p>Hồ sơ chưa hợp lệ vì các lý do sau:</p><ul>");
            foreach (var reason in record.RejectionReasons)
            {
                html.Append("<li>").Append(EmailText.Html(reason.Vi)).Append(" <em>(").Append(EmailText.Html(reason.En)).Append(")</em></li>");
            }

            html.Append("</ul>");
        }

        foreach (var (vi, en) in (call.Contact?.InstructionsVi ?? []).Zip(call.Contact?.InstructionsEn ?? []))
        {
            html.Append("<p>").Append(EmailText.Html(vi)).Append(" <em>(").Append(EmailText.Html(en)).Append(")</em></p>");
        }

        html.Append("<p><a href=\"").Append(EmailText.Html(statusUrl)).Append("\">Tra cứu tình trạng hồ sơ / Track your submission</a></p>");
        if (noticeUrl is not null)
        {
            html.Append("<p><a href=\"").Append(EmailText.Html(noticeUrl)).Append("\">Thông báo xử lý dữ liệu cá nhân / How your personal data is handled</a></p>");
        }

        return new EmailMessage([record.ContactEmail], subject, text.ToString(), html.ToString());
    }

    /// <summary>"Verified, tax code …, signed by … (CA …) at …", in both languages; null unless the signature was verified with the matching tax code.</summary>
    private static (string Vi, string En)? VerifiedSignature(SubmissionRecord record)
    {
        if (record.SignatureState != SignatureStates.Verified || record.Signatures.FirstOrDefault(s => s.State == SignatureStates.Verified) is not { } s)
        {
            return null;
        }

        var taxCode = s.TaxCodes.Count > 0 ? s.TaxCodes[0] : record.TaxCode;
        var at = s.SignedAtUtc is { } signedAt ? VietnamTime.FormatVi(signedAt) : null;
        return (
            $"{SignatureStates.Vietnamese(SignatureStates.Verified)} {taxCode}; người ký: {s.SignerName}; tổ chức cấp chứng thư: {s.Issuer}" + (at is null ? "." : $"; ký lúc {at}."),
            $"{SignatureStates.English(SignatureStates.Verified)} ({taxCode}); signed by {s.SignerName}, certificate issued by {s.Issuer}" + (s.SignedAtUtc is { } when ? $", at {VietnamTime.FormatEn(when)}." : "."));
    }
}
