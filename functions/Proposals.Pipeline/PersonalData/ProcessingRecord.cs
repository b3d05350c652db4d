using System.Globalization;
using Proposals.Domain.Calls;
using Proposals.Domain.Privacy;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.PersonalData;

/// <summary>What a deployment says about itself that the call files do not: where it runs, how long logs and deleted blobs stay.</summary>
public sealed record ProcessingRecordSettings(string Deployment, string? Region, int LogRetentionDays, int SoftDeleteDays, DateTimeOffset GeneratedAt);

/// <summary>
/// The record of processing activities an agency files for its impact assessment dossier (hồ sơ đánh giá tác động xử
/// lý dữ liệu cá nhân, Law 91/2025/QH15), written from the configuration so that it says what the deployment does:
/// the data categories, purposes, where it is stored (containers, tables, region), how long per call, who has access,
/// transfers, and the safeguards. Markdown, Vietnamese first with English beside it.
/// </summary>
public static class ProcessingRecord
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, IReadOnlyCollection<CallDefinition> calls, ProcessingRecordSettings settings)
    {
        var w = output;
        w.WriteLine("# Hồ sơ hoạt động xử lý dữ liệu cá nhân / Record of processing activities");
        w.WriteLine();
        w.WriteLine(string.Create(Invariant, $"Triển khai / deployment: **{settings.Deployment}** · vùng Azure / region: **{settings.Region ?? "(chưa khai báo: --region)"}** · lập lúc / generated {settings.GeneratedAt:yyyy-MM-dd HH:mm} UTC."));
        w.WriteLine("Sinh tự động từ cấu hình (`calls/*.json`, `infra/storage-names.json`); lập lại sau mỗi thay đổi cấu hình. / Generated from the configuration; generate it again after every change.");
        w.WriteLine();

        w.WriteLine("## 1. Bên kiểm soát, mục đích / Controller and purposes");
        w.WriteLine();
        w.WriteLine("| đợt / call | bên kiểm soát / controller | mục đích / purpose | liên hệ về dữ liệu / data contact | phiên bản thông báo / notice version |");
        w.WriteLine("|---|---|---|---|---|");
        foreach (var call in calls.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var notice = PrivacyNotice.For(call);
            var purpose = notice?.Sections.First(s => s.Key == "purpose").Vi ?? $"Tiếp nhận, đánh giá, tổng hợp đề xuất: {call.Title}";
            w.WriteLine(string.Create(Invariant, $"| `{call.Id}` | {Cell(call.PrivacyNotice?.Controller ?? call.Organiser)} | {Cell(purpose)} | {Cell(PrivacyNotice.RightsContact(call))} | {Cell(notice?.Version ?? "(không có / none)")} |"));
        }

        w.WriteLine();
        w.WriteLine("## 2. Loại dữ liệu, chủ thể / Data categories and subjects");
        w.WriteLine();
        w.WriteLine(string.Create(Invariant, $"- **Dữ liệu cá nhân cơ bản / basic personal data**: {PrivacyNotice.DataCategories.Vi}. ({PrivacyNotice.DataCategories.En}.)"));
        w.WriteLine("- **Chủ thể / subjects**: người đại diện theo pháp luật và người liên hệ của doanh nghiệp đề xuất; chủ hộ kinh doanh (mã số thuế 12 số là số định danh cá nhân); người ký số. / The legal representatives and contacts of proposing enterprises; household business owners (a 12-digit tax code is a personal number); signers.");
        w.WriteLine("- **Dữ liệu cá nhân nhạy cảm / sensitive data**: không thu thập có chủ đích; tệp đính kèm có thể chứa, do doanh nghiệp tự đưa vào. / None collected on purpose; attachments may carry some, put there by the enterprise.");
        w.WriteLine("- **Cán bộ / staff**: tên đăng nhập (Entra ID) trong nhật ký thao tác. / Sign-in names (Entra ID) in the audit trail.");
        w.WriteLine();

        w.WriteLine("## 3. Nơi lưu trữ / Where it is stored");
        w.WriteLine();
        w.WriteLine(string.Create(Invariant, $"Một tài khoản Azure Storage (vùng / region {settings.Region ?? "?"}), mã hóa khi lưu (Microsoft-managed keys), truy cập bằng managed identity, không có truy cập công khai. / One storage account, encrypted at rest, reached by managed identity, no public access."));
        w.WriteLine();
        w.WriteLine("| loại / kind | tên / name | nội dung cá nhân / personal content |");
        w.WriteLine("|---|---|---|");
        foreach (var (kind, name, what) in StorageRows())
        {
            w.WriteLine(string.Create(Invariant, $"| {kind} | `{name}` | {what} |"));
        }

        w.WriteLine(string.Create(Invariant, $"| Application Insights | (log) | mã hồ sơ, mã đợt; không có tên, thư điện tử, điện thoại, mã số thuế (có kiểm thử) / ids only, tested; kept {settings.LogRetentionDays} days |"));
        w.WriteLine();

        w.WriteLine("## 4. Thời hạn lưu trữ theo đợt / Retention per call");
        w.WriteLine();
        w.WriteLine("| đợt / call | hạn nộp / deadline | thời hạn / period | xóa từ / purge from | căn cứ / basis |");
        w.WriteLine("|---|---|---|---|---|");
        foreach (var call in calls.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            w.WriteLine(call.Retention is { } r
                ? string.Create(Invariant, $"| `{call.Id}` | {VietnamTime.FormatVi(call.DeadlineInstant)} | {r.DaysAfterDeadline} ngày / days | {VietnamTime.FormatVi(call.PurgeAt!.Value)} | {Cell(r.Basis)} |")
                : string.Create(Invariant, $"| `{call.Id}` | {VietnamTime.FormatVi(call.DeadlineInstant)} | **chưa khai báo / not set: never purged automatically** | | |"));
        }

        w.WriteLine();
        w.WriteLine(string.Create(Invariant, $"Sau ngày xóa và khi cán bộ xác nhận báo cáo đã được lưu trữ, hệ thống xóa hồ sơ, tài liệu, thư đã gửi, khóa tiếp nhận và báo cáo của đợt, giữ lại bản ghi số lượng (tombstone). Tài liệu bị xóa còn khôi phục được {settings.SoftDeleteDays} ngày (soft delete). Quy tắc vòng đời Blob xóa tài liệu sau ngày xóa ít nhất một năm nếu việc xóa chưa chạy. / After the purge date and staff's confirmation that the report is archived, the system deletes the call's submissions, documents, emails sent, keys and report files and keeps a tombstone of counts. Deleted blobs stay restorable {settings.SoftDeleteDays} days. A Blob lifecycle rule deletes documents at least a year after the purge date should the purge not have run."));
        w.WriteLine();

        w.WriteLine("## 5. Ai được truy cập / Who has access");
        w.WriteLine();
        w.WriteLine("| vai trò / role | truy cập / access |");
        w.WriteLine("|---|---|");
        w.WriteLine("| Người nộp / submitter | hồ sơ của mình, qua đường dẫn tra cứu có mã bí mật / their own submission, through the tracking link's secret token |");
        w.WriteLine("| Cán bộ (app role `Staff`, Entra ID) / staff | bảng điều khiển: danh sách, chi tiết, tài liệu (đường dẫn ngắn hạn), báo cáo, trích xuất/chỉnh sửa/xóa theo yêu cầu; mọi thao tác ghi nhật ký / the console; every action on the audit trail |");
        w.WriteLine("| Ứng dụng (managed identity) / the app | Storage Blob Data Owner, Queue and Table Data Contributor trên tài khoản lưu trữ / on the storage account |");
        w.WriteLine("| Người vận hành / operator | Storage Table/Blob Data Contributor khi được cấp (docs/operations.md) / when granted |");
        w.WriteLine();

        w.WriteLine("## 6. Chuyển giao, bên xử lý / Transfers and processors");
        w.WriteLine();
        w.WriteLine("- **Twilio SendGrid** (bên xử lý, Hoa Kỳ / processor, United States): địa chỉ thư, tên doanh nghiệp, số tiếp nhận, tên nhiệm vụ trong thư biên nhận; thư báo cáo cho cán bộ chỉ có số lượng và đường dẫn. Đây là chuyển dữ liệu ra nước ngoài: cần hồ sơ đánh giá tác động chuyển dữ liệu. / Receipt emails carry the address, enterprise name, receipt number and task name; the staff email carries counts and links. A transfer abroad: it needs its own transfer impact assessment.");
        w.WriteLine("- **Microsoft Azure** (bên xử lý / processor): lưu trữ và vận hành tại vùng nêu trên. / Hosting in the region above.");
        w.WriteLine("- **Bên nhận báo cáo / report recipients**: " + string.Join("; ", calls.SelectMany(c => c.Report.Addressees).Distinct(StringComparer.Ordinal).DefaultIfEmpty("(chưa khai báo / none set)")) + ".");
        w.WriteLine();

        w.WriteLine("## 7. Biện pháp bảo vệ / Safeguards");
        w.WriteLine();
        foreach (var line in Safeguards)
        {
            w.WriteLine("- " + line);
        }

        w.WriteLine();
        w.WriteLine("## 8. Quyền của chủ thể / Data subjects' requests");
        w.WriteLine();
        w.WriteLine("Trích xuất (ZIP, `GET /api/staff/personal-data`), chỉnh sửa thông tin liên hệ (có lý do), xóa (khi luật cho phép; từ chối có căn cứ): thực hiện trong bảng điều khiển, ghi vào nhật ký thao tác (`" + StorageNames.AuditTrailTable + "`). Các thao tác: " +
            string.Join(", ", new[] { AuditActions.ExportPersonalData, AuditActions.CorrectContact, AuditActions.Erase, AuditActions.RefuseErasure, AuditActions.ConfirmArchived, AuditActions.Purge }.Select(a => $"`{a}` ({AuditActions.Vietnamese(a)})")) + ".");
    }

    private static readonly string[] Safeguards =
    [
        "Chỉ HTTPS; tiêu đề bảo mật (CSP, no-referrer) trên mọi trang. / HTTPS only; security headers on every page.",
        "Cán bộ đăng nhập bằng Entra ID với app role; khóa cán bộ chỉ dùng cục bộ. / Staff sign in with Entra ID and an app role.",
        "Tài liệu tải qua đường dẫn SAS ngắn hạn, chỉ đọc; tệp có mã độc không tải được; quét mã độc (Defender for Storage) khi bật. / Documents through short-lived read-only links; malware blocked.",
        "Mã tra cứu chỉ nằm trong phần # của đường dẫn, không vào log; bảng chỉ giữ giá trị băm. / Tracking tokens never reach logs; only their hash is stored.",
        "Log và telemetry chỉ mang mã hồ sơ, không có tên, thư, điện thoại, mã số thuế (kiểm thử tự động). / Logs carry ids only (tested).",
        "Nhật ký thao tác chỉ ghi thêm, không sửa, không xóa; không ghi giá trị tra cứu. / The audit trail is insert-only and never holds a query's value.",
        "Giới hạn tần suất cho biểu mẫu công khai và bảng điều khiển. / Rate limits on the public form and the console.",
        "Xóa theo thời hạn tự động, có xác nhận lưu trữ, bản ghi số lượng và quy tắc vòng đời dự phòng. / Automatic retention with confirmation, tombstone and lifecycle backstop.",
    ];

    private static IEnumerable<(string Kind, string Name, string What)> StorageRows() =>
    [
        ("container", StorageNames.SubmissionsContainer, "tài liệu, trường đã nộp / documents, submitted fields"),
        ("container", StorageNames.ReportsContainer, "báo cáo (tên doanh nghiệp, mã số thuế) / reports"),
        ("container", StorageNames.StaffListsContainer, "bản chụp danh sách cán bộ xem / the staff list's checkpoints"),
        ("container", StorageNames.InboundContainer, "thư điện tử không khớp đợt nào / unmatched inbound email"),
        ("table", StorageNames.SubmissionsTable, "một dòng mỗi hồ sơ: tên, mã số thuế, thư liên hệ / one row per submission"),
        ("table", StorageNames.TaxCodeIndexTable, "mã số thuế → hồ sơ / tax code index"),
        ("table", StorageNames.LateSubmissionsTable, "nộp muộn: mã số thuế, tên / late attempts"),
        ("table", StorageNames.IntakeKeysTable, "khóa tiếp nhận (không có dữ liệu cá nhân) / keys, none personal"),
        ("table", StorageNames.EmailLedgerTable, "thư đã gửi: người nhận / emails sent: recipients"),
        ("table", StorageNames.CloseoutRunsTable, "lần lập báo cáo: số lượng / report runs: counts"),
        ("table", StorageNames.AuditTrailTable, "thao tác cán bộ: tên cán bộ, mã hồ sơ / staff actions"),
        ("table", StorageNames.InboundEmailsTable, "thư đến: địa chỉ gửi / inbound email: sender"),
        ("table", StorageNames.CallRetentionTable, "xác nhận lưu trữ, bản ghi số lượng / archive confirmation, tombstone"),
        ("queue", StorageNames.ClassifyQueue, "mã hồ sơ / ids only"),
        ("queue", StorageNames.ClassifyPoisonQueue, "mã hồ sơ / ids only"),
    ];

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
