using System.Globalization;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// To the contact of an earlier submission when another proposal with the same or a similar task name is sent
/// under the same tax code from another address: it counts too (nothing is displaced without proof), staff
/// decide, and the enterprise learns of it while it can still act. Ledger kind per newer submission, so once
/// per pair. User text is HTML-escaped.
/// </summary>
public static class TaxCodeUsedEmail
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Kind(string newerSubmissionId) => "tax-code-used-" + newerSubmissionId;

    public static EmailMessage Compose(CallDefinition call, SubmissionRecord earlier, SubmissionRecord newer)
    {
        var subject = $"[{earlier.ReceiptNumber}] Một đề xuất khác đã được nộp dưới mã số thuế {earlier.TaxCode}";
        var reach = call.Contact?.Line is { } line ? $"{call.Organiser} ({line})" : call.Organiser;
        var text = new StringBuilder()
            .AppendLine(Invariant, $"Kính gửi {earlier.EnterpriseName},")
            .AppendLine()
            .AppendLine(Invariant, $"Quý doanh nghiệp đã nộp đề xuất số {earlier.ReceiptNumber} (\"{earlier.TaskName}\") cho đợt \"{call.Title}\".")
            .AppendLine(Invariant, $"Ngày {VietnamTime.FormatVi(newer.ReceivedAtUtc)}, một đề xuất khác có tên nhiệm vụ giống hoặc gần giống đã được nộp dưới cùng mã số thuế {newer.TaxCode}, từ một địa chỉ liên hệ khác: số tiếp nhận {newer.ReceiptNumber}.")
            .AppendLine("Cả hai đề xuất đều được ghi nhận; cán bộ tiếp nhận sẽ xem xét. Đề xuất của Quý doanh nghiệp không bị thay thế.")
            .AppendLine("Nếu Quý doanh nghiệp không gửi đề xuất thứ hai này, hoặc muốn rút một trong hai, xin liên hệ:")
            .AppendLine(Invariant, $"  {reach}")
            .AppendLine("Để nộp bản sửa đề xuất của mình, hãy dùng đường dẫn tra cứu trong thư xác nhận đã nhận trước đây (nút \"Nộp bản sửa\").")
            .AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"Another proposal with the same or a similar task name was sent under your tax code {newer.TaxCode} from another contact address (receipt {newer.ReceiptNumber}). Both are recorded and staff will review them; yours has not been replaced. If you did not send it, or want to withdraw one, contact {reach}.");

        var html = new StringBuilder()
            .Append("<p>Kính gửi ").Append(EmailText.Html(earlier.EnterpriseName)).Append(",</p>")
            .Append("<p>Quý doanh nghiệp đã nộp đề xuất số <strong>").Append(EmailText.Html(earlier.ReceiptNumber)).Append("</strong> cho đợt ")
            .Append(EmailText.Html(call.Title)).Append(".</p>")
            .Append("<p>Một đề xuất khác có tên nhiệm vụ giống hoặc gần giống đã được nộp dưới cùng mã số thuế <strong>")
            .Append(EmailText.Html(newer.TaxCode)).Append("</strong> từ một địa chỉ liên hệ khác: số tiếp nhận <strong>")
            .Append(EmailText.Html(newer.ReceiptNumber)).Append("</strong>. Cả hai đều được ghi nhận; cán bộ sẽ xem xét. Đề xuất của Quý doanh nghiệp không bị thay thế.</p>")
            .Append("<p>Nếu Quý doanh nghiệp không gửi đề xuất này, xin liên hệ: ").Append(EmailText.Html(reach)).Append(".</p>")
            .Append("<p><em>Another proposal was sent under your tax code from another contact address (receipt ")
            .Append(EmailText.Html(newer.ReceiptNumber)).Append("). Yours has not been replaced; staff will review both.</em></p>");
        return new EmailMessage([earlier.ContactEmail], subject, text.ToString(), html.ToString());
    }
}
