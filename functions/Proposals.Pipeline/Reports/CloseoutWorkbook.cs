using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Reports;

/// <summary>
/// The closeout workbook: a summary sheet and the full list, one row per submission with its status
/// and classification, in Vietnamese, times in Vietnam time.
/// </summary>
public static class CloseoutWorkbook
{
    public const string InProgress = "Đang xử lý";

    /// <summary>Classification failed on every try; the message waits in poison for staff.</summary>
    public const string Failed = "Lỗi xử lý, chờ cán bộ";

    /// <summary>Replaced by a later version from the same enterprise with the same task name.</summary>
    public const string Superseded = "Đã thay bằng bản nộp sau";

    public static void Write(Stream destination, CallDefinition call, IReadOnlyList<SubmissionRecord> records, DateTimeOffset generatedAtUtc)
    {
        using var writer = new XlsxWriter(destination);
        writer.AddSheet("Tổng hợp", [("Chỉ tiêu", 46), ("Giá trị", 18), ("Số hồ sơ", 12)], SummaryRows(call, records, generatedAtUtc));
        writer.AddSheet("Danh sách", ListColumns, records.Select(ListRow));
    }

    private static readonly (string, double)[] ListColumns =
    [
        ("Số tiếp nhận", 14), ("Thời điểm nhận (giờ Việt Nam)", 20), ("Trạng thái", 16), ("Tên doanh nghiệp", 36),
        ("Mã số thuế", 16), ("Tỉnh/thành phố", 16), ("Vùng kinh tế - xã hội", 26), ("Ngành VSIC", 10),
        ("Tên ngành", 30), ("Quy mô doanh nghiệp", 14), ("Căn cứ xác định quy mô", 50), ("Tên nhiệm vụ", 50),
        ("Hình thức", 22), ("Nội dung ưu tiên", 10), ("Tên nội dung ưu tiên", 40), ("Cảnh báo", 24),
        ("Lý do không hợp lệ", 50), ("Lưu ý khi đối chiếu tệp Word", 50), ("Email liên hệ", 28), ("Mã hồ sơ", 34),
    ];

    private static List<object?> ListRow(SubmissionRecord r) =>
    [
        r.ReceiptNumber,
        VietnamTime.ToVietnam(r.ReceivedAtUtc).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        StatusText(r),
        r.EnterpriseName,
        r.TaxCode,
        r.Province,
        r.RegionName,
        r.VsicSection,
        r.SectorName,
        r.EnterpriseSize is { } size && Enum.TryParse<EnterpriseSize>(size, ignoreCase: true, out var parsed) ? EnterpriseSizeRules.Vietnamese(parsed) : null,
        r.EnterpriseSizeEvidence,
        r.TaskName,
        TaskTypes.TryParse(r.TaskType, out var type) ? TaskTypes.Vietnamese(type) : r.TaskType,
        r.PriorityArea,
        r.PriorityAreaTitle,
        string.Join(", ", r.FlagList),
        r.IsPoisoned ? $"Lỗi hệ thống: {r.LastError}" : string.Join("\n", r.RejectionReasons.Select(e => e.Vi)),
        string.Join("\n", r.ReviewWarnings.Select(e => e.Vi)),
        r.ContactEmail,
        r.SubmissionId,
    ];

    public static string StatusText(SubmissionRecord r) =>
        r.SupersededBy is not null ? Superseded
        : r.HasLeftPipeline ? SubmissionStatus.Vietnamese(r.Status) : r.IsPoisoned ? Failed : InProgress;

    private static IEnumerable<IReadOnlyList<object?>> SummaryRows(CallDefinition call, IReadOnlyList<SubmissionRecord> records, DateTimeOffset generatedAtUtc)
    {
        yield return ["Đợt tiếp nhận", call.Title, null];
        yield return ["Đơn vị tiếp nhận", call.Organiser, null];
        yield return ["Hạn tiếp nhận", VietnamTime.FormatVi(call.DeadlineInstant), null];
        yield return ["Thời điểm lập báo cáo", VietnamTime.FormatVi(generatedAtUtc), null];
        yield return ["Tổng số hồ sơ", null, records.Count];

        foreach (var group in records.GroupBy(StatusText).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return ["Theo trạng thái", group.Key, group.Count()];
        }

        var counted = records.Where(r => r.Status == SubmissionStatus.Classified).ToList();
        foreach (var area in call.PriorityAreas)
        {
            yield return ["Theo nội dung ưu tiên (hồ sơ hợp lệ)", $"{area.Number}. {area.Title}", counted.Count(r => r.PriorityArea == area.Number)];
        }

        foreach (var size in Enum.GetValues<EnterpriseSize>())
        {
            yield return ["Theo quy mô (hồ sơ hợp lệ)", EnterpriseSizeRules.Vietnamese(size), counted.Count(r => r.EnterpriseSize == EnterpriseSizeRules.Key(size))];
        }

        foreach (var group in counted.GroupBy(r => r.RegionName ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return ["Theo vùng (hồ sơ hợp lệ)", group.Key, group.Count()];
        }

        foreach (var group in counted.GroupBy(r => $"{r.VsicSection} - {r.SectorName}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return ["Theo ngành (hồ sơ hợp lệ)", group.Key, group.Count()];
        }
    }
}
