using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Proposals.Domain.Classification;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Testing;

/// <summary>
/// Submission rows written straight into the table, as the pipeline leaves them, for tests of the staff
/// list at sizes no test could post through intake (tens of thousands). Deterministic: row <c>i</c> is
/// always the same, so a test can count what a filter must find.
/// </summary>
public static class SeededSubmissions
{
    public static readonly DateTimeOffset FirstReceivedAt = new(2026, 3, 1, 1, 30, 0, TimeSpan.Zero);

    private static readonly string[] Sizes = ["micro", "small", "medium", "large"];
    private static readonly string[] Statuses = ["classified", "classified", "rejected", "validated", "received"];

    public static SubmissionRecord Row(string callId, int i)
    {
        var inHaiPhong = i % 2 == 0;
        var name = (i % 3) switch
        {
            0 => $"Công ty TNHH Cơ khí Hải Phòng số {i}",
            1 => $"Công ty Cổ phần Đóng tàu Bạch Đằng {i}",
            _ => $"Doanh nghiệp Thương mại Sài Gòn {i}",
        };
        var flags = new List<string>();
        if (i % 3 == 0)
        {
            flags.Add(EligibilityFlags.LargeEnterprise);
        }

        if (i % 7 == 0)
        {
            flags.Add(EligibilityFlags.PossibleDuplicate);
        }

        return new SubmissionRecord
        {
            PartitionKey = callId,
            RowKey = "s" + i.ToString("D8", CultureInfo.InvariantCulture) + "x",
            ReceiptNumber = "SEED-" + i.ToString("D6", CultureInfo.InvariantCulture),
            Status = Statuses[i % Statuses.Length],
            ReceivedAtUtc = FirstReceivedAt.AddMinutes(37 * i),
            TrackingTokenHash = new string('0', 64),
            // Every fifth name arrives decomposed (NFD), as some keyboards send it.
            EnterpriseName = i % 5 == 0 ? name.Normalize(NormalizationForm.FormD) : name,
            TaxCode = "0100" + (233000 + i).ToString("D6", CultureInfo.InvariantCulture),
            Province = inHaiPhong ? "Hải Phòng" : "Hồ Chí Minh",
            ContactEmail = $"lien-he-{i}@example.vn",
            TaskName = $"Áp dụng ISO 9001 và công cụ cải tiến năng suất {i}",
            TaskType = "research",
            PriorityArea = i % 5 + 1,
            SuggestedPriorityArea = i % 4 == 0 ? null : (i + 1) % 5 + 1,
            DurationMonths = 24,
            EnterpriseSize = Sizes[i % Sizes.Length],
            RegionId = inHaiPhong ? "red-river-delta" : "southeast",
            RegionName = inHaiPhong ? "Đồng bằng sông Hồng" : "Đông Nam Bộ",
            Flags = flags.Count == 0 ? null : string.Join(',', flags),
            ClassifiedAtUtc = FirstReceivedAt.AddMinutes(37 * i + 1),
        };
    }

    public static IReadOnlyList<SubmissionRecord> Rows(string callId, int count) =>
        Enumerable.Range(0, count).Select(i => Row(callId, i)).ToList();

    /// <summary>Writes the rows as the store writes rows (each with its change entry for the staff list), 50 to a transaction.</summary>
    public static async Task InsertAsync(string connectionString, IReadOnlyList<SubmissionRecord> rows)
    {
        var table = new TableClient(connectionString, StorageNames.SubmissionsTable);
        await table.CreateIfNotExistsAsync();
        foreach (var batch in SubmissionStore.BulkInsertBatches(rows, DateTimeOffset.UtcNow))
        {
            await table.SubmitTransactionAsync(batch);
        }
    }
}
