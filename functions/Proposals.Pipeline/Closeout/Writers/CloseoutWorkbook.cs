using System.Globalization;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// The closeout workbook, in Vietnamese, times in Vietnam time: a summary sheet, the list of the
/// proposals the report forwards (the latest valid version of each), and a sheet of what it does not
/// count (rejected, superseded, excluded by staff, late, still in the pipeline) with the reason for each,
/// and for a staff exclusion who decided and when.
/// </summary>
public static class CloseoutWorkbook
{
    public const string SummarySheet = "Tổng hợp";
    public const string ListSheet = "Danh sách đề xuất";
    public const string ExcludedSheet = "Không tính vào tổng hợp";

    public const string InProgress = "Đang xử lý";

    /// <summary>Classification failed on every try; the message waits in poison for staff.</summary>
    public const string Failed = "Lỗi xử lý, chờ cán bộ";

    /// <summary>Replaced by a later version from the same enterprise with the same task name.</summary>
    public const string Superseded = "Đã thay bằng bản nộp sau";

    public const string Late = "Nộp sau hạn, không tiếp nhận";

    /// <summary>Valid, but staff left it out of the report (their reason is beside it).</summary>
    public const string ExcludedByStaff = "Cán bộ loại khỏi tổng hợp";

    /// <summary>
    /// Writes the workbook. <paramref name="records"/> is read twice (the list, then the excluded), so
    /// pass something that can be enumerated again without holding everything, such as a snapshot file.
    /// </summary>
    public static void Write(
        Stream destination,
        CallDefinition call,
        CloseoutSummary summary,
        Func<IEnumerable<SubmissionRecord>> records,
        IReadOnlyList<LateAttempt> late,
        DateTimeOffset generatedAtUtc)
    {
        // Receipt numbers stand for submission ids wherever staff read a reference to another submission.
        var receipts = records().ToDictionary(r => r.SubmissionId, r => r.ReceiptNumber, StringComparer.Ordinal);
        using var writer = new XlsxWriter(destination);
        writer.AddSheet(SummarySheet, [("Chỉ tiêu", 46), ("Giá trị", 60), ("Số hồ sơ", 12)], SummaryRows(call, summary, generatedAtUtc));
        writer.AddSheet(ListSheet, ListColumns, records().Where(r => r.IsCounted).Select((r, i) => ListRow(i + 1, r, receipts)));
        writer.AddSheet(ExcludedSheet, ExcludedColumns,
            records().Where(r => !r.IsCounted).Select(r => ExcludedRow(r, receipts)).Concat(late.Select(LateRow)));
    }

    public static string StatusText(SubmissionRecord r) =>
        r.SupersededBy is not null ? Superseded
        : r.ExcludedReason is not null && r.Status == SubmissionStatus.Classified ? ExcludedByStaff
        : r.HasLeftPipeline || r.IsWaitingForStaff ? SubmissionStatus.Vietnamese(r.Status)
        : r.IsPoisoned ? Failed : InProgress;

    public static string VietnamTimeText(DateTimeOffset instant) =>
        VietnamTime.ToVietnam(instant).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string FlagsText(SubmissionRecord r) => string.Join("; ", r.FlagList.Select(EligibilityFlags.Vietnamese));

    private static readonly (string, double)[] ListColumns =
    [
        ("STT", 6), ("Số tiếp nhận", 14), ("Thời điểm nhận (giờ Việt Nam)", 20), ("Tên doanh nghiệp", 36),
        ("Mã số thuế", 16), ("Chữ ký số", 30), ("Tỉnh/thành phố", 16), ("Vùng kinh tế - xã hội", 26), ("Ngành VSIC", 10),
        ("Tên ngành", 30), ("Quy mô doanh nghiệp", 14), ("Căn cứ xác định quy mô", 50), ("Tên nhiệm vụ", 50),
        ("Hình thức", 22), ("Thời gian thực hiện (tháng)", 12), ("Nội dung ưu tiên đăng ký", 12), ("Tên nội dung ưu tiên", 40),
        ("Nội dung ưu tiên gợi ý", 12), ("Căn cứ gợi ý (từ khóa)", 50), ("Cảnh báo", 40), ("Có thể trùng với", 20),
        ("Lần nộp", 8), ("Lưu ý khi đối chiếu tệp Word", 50), ("Email liên hệ", 28), ("Nguồn", 12), ("Mã hồ sơ", 34),
    ];

    private static List<object?> ListRow(int number, SubmissionRecord r, Dictionary<string, string> receipts) =>
    [
        number,
        r.ReceiptNumber,
        VietnamTimeText(r.ReceivedAtUtc),
        r.EnterpriseName,
        r.TaxCode,
        SignatureStates.Vietnamese(r.SignatureState),
        r.Province,
        r.RegionName,
        r.VsicSection,
        r.SectorName,
        r.EnterpriseSize is { } size && Enum.TryParse<EnterpriseSize>(size, ignoreCase: true, out var parsed) ? EnterpriseSizeRules.Vietnamese(parsed) : null,
        r.EnterpriseSizeEvidence,
        r.TaskName,
        TaskTypes.TryParse(r.TaskType, out var type) ? TaskTypes.Vietnamese(type) : r.TaskType,
        r.DurationMonths,
        r.PriorityArea,
        r.PriorityAreaTitle,
        r.SuggestedPriorityArea,
        r.PriorityEvidence,
        FlagsText(r),
        string.Join(", ", r.PossibleDuplicateList.Select(id => receipts.GetValueOrDefault(id, id))),
        r.Version,
        string.Join("\n", r.ReviewWarnings.Select(e => e.Vi)),
        r.ContactEmail,
        SubmissionSources.Vietnamese(r.Source),
        r.SubmissionId,
    ];

    private static readonly (string, double)[] ExcludedColumns =
    [
        ("Số tiếp nhận", 14), ("Thời điểm nhận (giờ Việt Nam)", 20), ("Tình trạng", 26), ("Lý do", 60),
        ("Tên doanh nghiệp", 36), ("Mã số thuế", 16), ("Tên nhiệm vụ", 50), ("Mã hồ sơ", 34),
        ("Người quyết định", 24), ("Thời điểm quyết định (giờ Việt Nam)", 20),
    ];

    private static List<object?> ExcludedRow(SubmissionRecord r, Dictionary<string, string> receipts) =>
    [
        r.ReceiptNumber,
        VietnamTimeText(r.ReceivedAtUtc),
        StatusText(r),
        r.SupersededBy is { } later ? $"Doanh nghiệp đã nộp lại nhiệm vụ này: bản {receipts.GetValueOrDefault(later, later)} được tính"
            : r.Status == SubmissionStatus.Rejected ? string.Join("\n", r.RejectionReasons.Select(e => e.Vi))
            : r.ExcludedReason is { } reason ? ExclusionReasons.Vietnamese(reason) + (r.ExcludedNote is { } note ? ": " + note : string.Empty)
            : r.Status == SubmissionStatus.NotAProposal ? "Cán bộ xác định không phải đề xuất: " + r.NotAProposalReason
            : r.IsWaitingForStaff ? "Nhận qua email trước hạn; cán bộ chưa hoàn thiện và chấp nhận khi lập báo cáo"
            : r.IsPoisoned ? $"Lỗi hệ thống: {r.LastError}"
            : "Chưa xử lý xong khi lập báo cáo",
        r.EnterpriseName,
        r.TaxCode,
        r.TaskName,
        r.SubmissionId,
        r.ExcludedBy,
        r.ExcludedAtUtc is { } at ? VietnamTimeText(at) : null,
    ];

    private static List<object?> LateRow(LateAttempt a) =>
    [
        null,
        VietnamTimeText(a.AttemptedAtUtc),
        Late,
        "Gửi sau thời hạn tiếp nhận; hệ thống đã từ chối và không lưu hồ sơ",
        a.EnterpriseName,
        a.TaxCode,
        a.TaskName,
        null,
        null,
        null,
    ];

    private static IEnumerable<IReadOnlyList<object?>> SummaryRows(CallDefinition call, CloseoutSummary summary, DateTimeOffset generatedAtUtc)
    {
        yield return ["Đợt tiếp nhận", call.Title, null];
        yield return ["Đơn vị tiếp nhận", call.Organiser, null];
        yield return ["Hạn tiếp nhận", VietnamTime.FormatVi(call.DeadlineInstant), null];
        yield return ["Thời điểm lập báo cáo", VietnamTime.FormatVi(generatedAtUtc), null];
        yield return ["Tổng số hồ sơ đã nhận", null, summary.Received];
        yield return ["Số đề xuất đưa vào tổng hợp (bản mới nhất, hợp lệ)", null, summary.Counted];
        yield return ["Trong đó có cảnh báo cần xem xét", null, summary.Flagged];
        yield return ["Hồ sơ không hợp lệ", null, summary.Rejected];
        yield return ["Bản nộp đã được thay bằng bản nộp sau", null, summary.Superseded];
        yield return ["Cán bộ loại khỏi tổng hợp (có lý do)", null, summary.Excluded];
        yield return ["Chưa xử lý xong khi lập báo cáo", null, summary.InFlight];
        yield return ["Nhận qua email, cán bộ chưa hoàn thiện", null, summary.WaitingForStaff];
        yield return ["Trong số được tổng hợp: nhận qua email", null, summary.CountedByEmail];
        yield return ["Trong số được tổng hợp: bản giấy do cán bộ nhập", null, summary.CountedOnPaper];
        yield return ["Nộp sau hạn (bị từ chối)", null, summary.LateRejected];

        foreach (var row in summary.ByStatus)
        {
            yield return ["Theo tình trạng", row.Label, row.Count];
        }

        foreach (var (title, rows) in new[]
        {
            ("Theo nội dung ưu tiên", summary.ByPriorityArea),
            ("Theo quy mô doanh nghiệp", summary.BySize),
            ("Theo vùng kinh tế - xã hội", summary.ByRegion),
            ("Theo ngành (VSIC)", summary.BySector),
        })
        {
            foreach (var row in rows)
            {
                yield return [title, row.Label, row.Count];
            }
        }
    }
}
