using System.Globalization;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Inbound;

/// <summary>
/// The automatic answer to an email: for a proposal, its receipt number, that staff will check it, and the web
/// form for next time; for anything else, that it was kept and why it is no submission. Never sent to likely
/// spam, and at most a few times an hour to one address (<see cref="EmailLedger"/>). User text is HTML-escaped.
/// </summary>
public static class InboundReplyEmail
{
    public const string ReceivedKind = "inbound-received";
    public const string UnmatchedKind = "inbound-unmatched";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static EmailMessage Received(CallDefinition call, SubmissionRecord record, InboundEmail email, string formUrl)
    {
        var subject = $"[{record.ReceiptNumber}] Đã nhận email đề xuất / Your emailed proposal was received";
        var reach = call.Contact?.Line is { } line ? $" ({line})" : string.Empty;
        var text = new StringBuilder()
            .AppendLine(Invariant, $"{call.Organiser} đã nhận email \"{email.Subject}\" gửi tới {string.Join(", ", email.Recipients)} lúc {VietnamTime.FormatVi(record.ReceivedAtUtc)}.")
            .AppendLine(Invariant, $"Số tiếp nhận: {record.ReceiptNumber} (đợt \"{call.Title}\").")
            .AppendLine("Cán bộ sẽ kiểm tra, hoàn thiện thông tin từ phiếu đề xuất đính kèm và chấp nhận hồ sơ; khi đó Quý doanh nghiệp sẽ nhận thư xác nhận kèm đường dẫn tra cứu.")
            .AppendLine(Invariant, $"Lần sau, xin nộp qua biểu mẫu trực tuyến để nhận xác nhận ngay: {formUrl}")
            .AppendLine(Invariant, $"Cần hỗ trợ, xin liên hệ {call.Organiser}{reach}.")
            .AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"Your email was received as submission {record.ReceiptNumber}. Staff will check it, complete it from the attached form and accept it; you will then get a receipt with a tracking link. Next time, please use the web form: {formUrl}");
        return new EmailMessage([email.FromAddress], subject, text.ToString(), Html(text.ToString()));
    }

    public static EmailMessage Unmatched(CallDefinition? call, InboundEmail email, string reason, string formUrl)
    {
        var subject = "Đã nhận email của Quý vị / Your email was received";
        var text = new StringBuilder()
            .AppendLine(Invariant, $"Email \"{email.Subject}\" đã được nhận và lưu lại để cán bộ xem xét, nhưng chưa được ghi nhận là hồ sơ đề xuất: {UnmatchedReasons.Vietnamese(reason).ToLower(CultureInfo.GetCultureInfo("vi-VN"))}.")
            .AppendLine(reason == UnmatchedReasons.NoAttachment
                ? "Hồ sơ đề xuất cần kèm bản quét phiếu đề xuất có chữ ký (PDF) hoặc tệp Word của phiếu."
                : string.Empty)
            .AppendLine(Invariant, $"Xin nộp hồ sơ qua biểu mẫu trực tuyến: {formUrl}")
            .AppendLine(call is null ? string.Empty : $"Cần hỗ trợ, xin liên hệ {call.Organiser}{(call.Contact?.Line is { } line ? $" ({line})" : string.Empty)}.")
            .AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"Your email was received and kept for staff, but it was not taken as a proposal: {UnmatchedReasons.English(reason).ToLowerInvariant()}. Please submit through the web form: {formUrl}");
        return new EmailMessage([email.FromAddress], subject, text.ToString(), Html(text.ToString()));
    }

    private static string Html(string text) =>
        string.Concat(text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => "<p>" + EmailText.Html(l.TrimEnd('\r')) + "</p>"));
}
