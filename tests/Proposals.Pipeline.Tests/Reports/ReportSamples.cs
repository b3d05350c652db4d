using Microsoft.Extensions.Configuration;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Tests.Reports;

/// <summary>The Hai Phong call as shipped, and submissions built by hand in every state a report counts.</summary>
internal static class ReportSamples
{
    public static CallDefinition HaiPhong()
    {
        // As the hosts read it: the call file completed from its agency's (calls/agencies/haiphong.json).
        var configuration = new ConfigurationBuilder().AddCallFiles(Path.Combine(AppContext.BaseDirectory, "calls")).Build();
        return CallCatalogOptions.Read(configuration).Calls["haiphong-2024"];
    }

    /// <summary>Written when the report is generated: 22/4/2023 08:30 in Vietnam, still 21/4 in UTC.</summary>
    public static readonly DateTimeOffset GeneratedAtUtc = new(2023, 4, 22, 1, 30, 0, TimeSpan.Zero);

    public static SubmissionRecord Counted(
        int n, string taskName, string enterprise, string taxCode, int area, int months,
        string size = "small", int? suggested = null, params string[] flags) => new()
        {
            PartitionKey = "haiphong-2024",
            RowKey = $"sub-{n:D4}",
            ReceiptNumber = $"HP24-{n:D6}",
            Status = SubmissionStatus.Classified,
            ReceivedAtUtc = new DateTimeOffset(2023, 4, 20, 3, 0, 0, TimeSpan.Zero).AddMinutes(n),
            ClassifiedAtUtc = new DateTimeOffset(2023, 4, 20, 4, 0, 0, TimeSpan.Zero),
            SignatureState = SignatureStates.NotSigned,
            EnterpriseName = enterprise,
            TaxCode = taxCode,
            Province = "Hải Phòng",
            TaskName = taskName,
            TaskType = "research-topic",
            PriorityArea = area,
            SuggestedPriorityArea = suggested ?? area,
            DurationMonths = months,
            EnterpriseSize = size,
            Flags = flags.Length == 0 ? null : string.Join(',', flags),
        };

    public static List<SubmissionRecord> Counted() =>
    [
        // Sent as a digitally signed PDF; the others are scans of paper.
        WithSignature(Counted(1, "Áp dụng ISO 9001 và công cụ Lean tại nhà máy đóng tàu", "Công ty TNHH Đóng tàu Bạch Đằng", "0100233488", 2, 24), SignatureStates.Verified),
        Counted(2, "=1+1", "Công ty Cổ phần Thép \"Hải Phòng\" & Cộng sự", "0314409058-002", 4, 40, "large", 2,
            EligibilityFlags.DurationOverLimit, EligibilityFlags.LargeEnterprise, EligibilityFlags.PriorityAreaMismatch),
        Counted(3, "<script>&\"", "Hợp tác xã Nông nghiệp Tiên Lãng", "0200123456", 3, 12, "micro"),
        Counted(4, "Đào tạo chuyên gia năng suất\u0001 chất lượng cho doanh nghiệp vừa", "Công ty TNHH Cơ khí Kiến An", "0201234567", 3, 18, "medium"),
    ];

    private static SubmissionRecord WithSignature(SubmissionRecord record, string state)
    {
        record.SignatureState = state;
        return record;
    }

    /// <summary>The counted ones plus one rejected, one superseded and one still in the pipeline.</summary>
    public static List<SubmissionRecord> All()
    {
        var records = Counted();
        records.Add(new SubmissionRecord
        {
            PartitionKey = "haiphong-2024", RowKey = "sub-0101", Status = SubmissionStatus.Rejected,
            ClassifiedAtUtc = GeneratedAtUtc, EnterpriseName = "Công ty lỗi tệp", TaskName = "Tệp hỏng",
        });
        records.Add(new SubmissionRecord
        {
            PartitionKey = "haiphong-2024", RowKey = "sub-0102", Status = SubmissionStatus.Classified,
            ClassifiedAtUtc = GeneratedAtUtc, SupersededBy = "sub-0001", PriorityArea = 2,
            EnterpriseName = "Công ty TNHH Đóng tàu Bạch Đằng", TaskName = "Áp dụng ISO 9001 (bản cũ)",
        });
        records.Add(new SubmissionRecord
        {
            PartitionKey = "haiphong-2024", RowKey = "sub-0103", Status = SubmissionStatus.Validated,
            EnterpriseName = "Công ty đang xử lý", TaskName = "Chưa phân loại",
        });
        return records;
    }
}
