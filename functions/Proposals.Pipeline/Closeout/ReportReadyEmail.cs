using System.Globalization;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout;

/// <summary>
/// The email that tells staff a report revision is written (ledger kind <see cref="Kind"/>): the counts,
/// the unfinished submissions, links to the files (from <see cref="ReportLinks"/>) and the console to get
/// fresh ones. User text is HTML-escaped.
/// </summary>
public static class ReportReadyEmail
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Kind(int revision) => $"report-r{revision:D3}";

    public static EmailMessage Compose(
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
            $"{summary.Superseded} bản đã được nộp lại, {summary.Excluded} bị cán bộ loại có lý do, {summary.LateRejected} lượt nộp sau hạn bị từ chối.";
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
            .Append("<p>Đợt tiếp nhận <strong>").Append(EmailText.Html(call.Title)).Append("</strong> đã kết thúc lúc ")
            .Append(EmailText.Html(VietnamTime.FormatVi(call.DeadlineInstant))).Append(".</p>")
            .Append("<p>").Append(EmailText.Html(counts)).Append("</p>");
        if (unfinished.Count > 0)
        {
            html.Append("<p><strong>Chú ý:</strong> ").Append(unfinished.Count).Append(" hồ sơ chưa xử lý xong khi lập báo cáo:</p><ul>");
            foreach (var record in unfinished)
            {
                html.Append("<li>").Append(EmailText.Html(record.ReceiptNumber)).Append(" (").Append(EmailText.Html(record.SubmissionId)).Append("): ")
                    .Append(EmailText.Html(UnfinishedText(record))).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p>Tệp báo cáo (liên kết có hiệu lực đến ").Append(EmailText.Html(expiresAt)).Append("):</p><ul>");
        foreach (var file in files)
        {
            html.Append("<li><a href=\"").Append(EmailText.Html(file.Url)).Append("\">").Append(EmailText.Html(FileName(file.Name))).Append("</a></li>");
        }

        html.Append("</ul><p><a href=\"").Append(EmailText.Html(staffReportUrl)).Append("\">Lấy liên kết mới / Fresh download links</a></p>");
        return new EmailMessage(call.StaffEmails, subject, text.ToString(), html.ToString());
    }

    private static string FileName(string blobName) => blobName[(blobName.LastIndexOf('/') + 1)..];

    private static string UnfinishedText(SubmissionRecord record) =>
        record.IsPoisoned ? $"lỗi xử lý, chờ cán bộ xử lý lại ({record.LastError})" : "đang xử lý";
}
