using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Reports;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Email;

/// <summary>The emails the pipeline sends, Vietnamese first with an English summary. User text is HTML-escaped.</summary>
public static class EmailTemplates
{
    public const string ReceiptKind = "receipt";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ReportKind(int revision) => $"report-r{revision:D3}";

    public static EmailMessage Receipt(CallDefinition call, SubmissionRecord record, string statusUrl)
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
            .AppendLine(Invariant, $"Đợt tiếp nhận: {call.Title}")
            .AppendLine();
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

        text.AppendLine(Invariant, $"Tra cứu tình trạng hồ sơ: {statusUrl}")
            .AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"Receipt {record.ReceiptNumber}: your proposal was received on {VietnamTime.FormatEn(record.ReceivedAtUtc)}.")
            .AppendLine(rejected
                ? "It needs corrections (listed above in Vietnamese; the status page shows them in English); please resubmit before the deadline."
                : "It will be compiled into the report after the deadline.")
            .AppendLine(Invariant, $"Track it at {statusUrl}");

        var html = new StringBuilder()
            .Append("<p>Kính gửi ").Append(E(record.EnterpriseName)).Append(",</p>")
            .Append("<p>").Append(E(call.Organiser)).Append(" đã nhận đề xuất nhiệm vụ khoa học và công nghệ của Quý doanh nghiệp.</p>")
            .Append("<table><tr><td>Số tiếp nhận</td><td><strong>").Append(E(record.ReceiptNumber)).Append("</strong></td></tr>")
            .Append("<tr><td>Thời điểm nhận</td><td>").Append(E(received)).Append("</td></tr>")
            .Append("<tr><td>Tên nhiệm vụ</td><td>").Append(E(record.TaskName)).Append("</td></tr></table>");
        if (rejected)
        {
            html.Append("<p>Hồ sơ chưa hợp lệ vì các lý do sau:</p><ul>");
            foreach (var reason in record.RejectionReasons)
            {
                html.Append("<li>").Append(E(reason.Vi)).Append(" <em>(").Append(E(reason.En)).Append(")</em></li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p><a href=\"").Append(E(statusUrl)).Append("\">Tra cứu tình trạng hồ sơ / Track your submission</a></p>");
        return new EmailMessage([record.ContactEmail], subject, text.ToString(), html.ToString());
    }

    public static EmailMessage ReportReady(
        CallDefinition call,
        int revision,
        CloseoutSummary summary,
        IReadOnlyList<SubmissionRecord> unfinished,
        IReadOnlyList<ReportFileView> files,
        string staffReportUrl)
    {
        var revisionText = revision > 1 ? $" (bản sửa đổi lần {revision - 1})" : string.Empty;
        var subject = $"Báo cáo tổng hợp đề xuất{revisionText}: {call.Title}";
        var expiresAt = files.Count > 0 ? VietnamTime.FormatVi(files.Min(f => f.ExpiresAt)) : string.Empty;
        var counts = $"Đã nhận {summary.Received} hồ sơ; {summary.Counted} đề xuất được tổng hợp, {summary.Rejected} không hợp lệ, " +
            $"{summary.Superseded} bản đã được nộp lại, {summary.LateRejected} lượt nộp sau hạn bị từ chối.";
        var text = new StringBuilder()
            .AppendLine(Invariant, $"Đợt tiếp nhận \"{call.Title}\" đã kết thúc lúc {VietnamTime.FormatVi(call.DeadlineInstant)}.")
            .AppendLine(counts);
        if (unfinished.Count > 0)
        {
            text.AppendLine(Invariant, $"Chú ý: {unfinished.Count} hồ sơ chưa xử lý xong khi lập báo cáo; chúng được ghi là \"đang xử lý\" hoặc \"lỗi xử lý\" trong báo cáo:");
            foreach (var record in unfinished)
            {
                text.AppendLine(Invariant, $"  - {record.ReceiptNumber} ({record.SubmissionId}): {UnfinishedText(record)}");
            }
        }

        text.AppendLine(Invariant, $"Tệp báo cáo (liên kết tải có hiệu lực đến {expiresAt}):");
        foreach (var file in files)
        {
            text.AppendLine(Invariant, $"  - {FileName(file.Name)}: {file.Url}");
        }

        text.AppendLine(Invariant, $"Sau thời hạn đó, lấy liên kết mới tại trang cán bộ (cần đăng nhập): {staffReportUrl}")
            .AppendLine()
            .AppendLine("---")
            .AppendLine(Invariant, $"The call closed; the report of {summary.Counted} proposals ({summary.Received} submissions received) is attached as links valid until {expiresAt}; fresh links at {staffReportUrl} (staff sign-in required).");

        var html = new StringBuilder()
            .Append("<p>Đợt tiếp nhận <strong>").Append(E(call.Title)).Append("</strong> đã kết thúc lúc ")
            .Append(E(VietnamTime.FormatVi(call.DeadlineInstant))).Append(".</p>")
            .Append("<p>").Append(E(counts)).Append("</p>");
        if (unfinished.Count > 0)
        {
            html.Append("<p><strong>Chú ý:</strong> ").Append(unfinished.Count).Append(" hồ sơ chưa xử lý xong khi lập báo cáo:</p><ul>");
            foreach (var record in unfinished)
            {
                html.Append("<li>").Append(E(record.ReceiptNumber)).Append(" (").Append(E(record.SubmissionId)).Append("): ")
                    .Append(E(UnfinishedText(record))).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p>Tệp báo cáo (liên kết có hiệu lực đến ").Append(E(expiresAt)).Append("):</p><ul>");
        foreach (var file in files)
        {
            html.Append("<li><a href=\"").Append(E(file.Url)).Append("\">").Append(E(FileName(file.Name))).Append("</a></li>");
        }

        html.Append("</ul><p><a href=\"").Append(E(staffReportUrl)).Append("\">Lấy liên kết mới / Fresh download links</a></p>");
        return new EmailMessage(call.StaffEmails, subject, text.ToString(), html.ToString());
    }

    private static string FileName(string blobName) => blobName[(blobName.LastIndexOf('/') + 1)..];

    private static string UnfinishedText(SubmissionRecord record) =>
        record.IsPoisoned ? $"lỗi xử lý, chờ cán bộ xử lý lại ({record.LastError})" : "đang xử lý";

    // Escapes markup but leaves Vietnamese letters readable in the source of the email.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Html.Encode(text);
}
