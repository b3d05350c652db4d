using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Bench;

/// <summary>
/// A national-scale call written straight into storage as the pipeline leaves it after classify: every row
/// classified, Vietnamese text of realistic length, each enterprise with a tax code of its own (the same tax
/// code and task name would supersede, a similar name would link duplicates).
/// </summary>
public static class SyntheticCall
{
    private static readonly DateTimeOffset FirstReceivedAt = new(2027, 3, 1, 1, 30, 0, TimeSpan.Zero);

    private static readonly string[] Kinds = ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã", "Công ty TNHH MTV"];
    private static readonly string[] Trades = ["Cơ khí Chính xác", "Đóng tàu", "Dệt may", "Chế biến Thủy sản", "Điện tử", "Nhựa và Bao bì", "Gỗ Mỹ nghệ", "Dược phẩm", "Thực phẩm Sạch", "Vật liệu Xây dựng"];
    private static readonly (string Province, string RegionId, string Region)[] Places =
    [
        ("Thành phố Hải Phòng", "red-river-delta", "Đồng bằng sông Hồng"),
        ("Thành phố Hà Nội", "red-river-delta", "Đồng bằng sông Hồng"),
        ("Thành phố Hồ Chí Minh", "southeast", "Đông Nam Bộ"),
        ("Tỉnh Quảng Ninh", "red-river-delta", "Đồng bằng sông Hồng"),
        ("Thành phố Đà Nẵng", "north-central-and-central-coast", "Bắc Trung Bộ và duyên hải miền Trung"),
        ("Thành phố Cần Thơ", "mekong-river-delta", "Đồng bằng sông Cửu Long"),
        ("Tỉnh Thái Nguyên", "northern-midlands-and-mountains", "Trung du và miền núi phía Bắc"),
        ("Tỉnh Đắk Lắk", "central-highlands", "Tây Nguyên"),
    ];
    private static readonly string[] Tasks =
    [
        "Áp dụng Lean và TPM nâng cao năng suất dây chuyền",
        "Xây dựng và áp dụng hệ thống quản lý chất lượng ISO 9001:2015 tích hợp ISO 14001",
        "Ứng dụng công cụ cải tiến Kaizen và 5S trong sản xuất",
        "Chuyển đổi số quy trình kiểm soát chất lượng sản phẩm",
        "Áp dụng hệ thống quản lý năng lượng ISO 50001 giảm tiêu hao điện năng",
        "Nghiên cứu tiêu chuẩn hóa và truy xuất nguồn gốc sản phẩm chủ lực",
    ];
    private static readonly string[] Sizes = ["micro", "small", "medium", "large"];

    /// <param name="taxCodeOffset">Added to <paramref name="i"/> for the tax code (and the enterprise's number): calls of
    /// different agencies seeded with different offsets share no enterprise.</param>
    public static SubmissionRecord Row(string callId, string receiptPrefix, int i, int taxCodeOffset = 0)
    {
        var place = Places[i % Places.Length];
        var trade = Trades[i / 3 % Trades.Length];
        var flags = new List<string>();
        if (Sizes[i % Sizes.Length] == "large")
        {
            flags.Add(EligibilityFlags.LargeEnterprise);
        }

        if (i % 11 == 0)
        {
            flags.Add(EligibilityFlags.OutsideCallProvince);
        }

        var area = i % 5 + 1;
        return new SubmissionRecord
        {
            PartitionKey = callId,
            RowKey = "s" + i.ToString("D9", CultureInfo.InvariantCulture), // deterministic: the documents seeded for row i sit under its id
            ReceiptNumber = receiptPrefix + "-" + (i + 1).ToString("D6", CultureInfo.InvariantCulture),
            Status = SubmissionStatus.Classified,
            ReceivedAtUtc = FirstReceivedAt.AddSeconds(20 * i),
            TrackingTokenHash = new string('0', 64),
            EnterpriseName = $"{Kinds[i % Kinds.Length]} {trade} {place.Province.Replace("Thành phố ", "", StringComparison.Ordinal).Replace("Tỉnh ", "", StringComparison.Ordinal)} số {i}",
            TaxCode = TaxCode(taxCodeOffset + i),
            Province = place.Province,
            ContactEmail = string.Create(CultureInfo.InvariantCulture, $"lien-he-{i}@doanh-nghiep.vn"),
            TaskName = $"{Tasks[i % Tasks.Length]} ngành {trade.ToLowerInvariant()} tại doanh nghiệp số {i}",
            TaskType = i % 4 == 0 ? "pilotProduction" : "research",
            PriorityArea = area,
            DurationMonths = 12 + i % 25,
            SignedScanOriginalName = "ban-quet-co-chu-ky.pdf",
            SignedScanBytes = 204_800,
            EditableFormOriginalName = "phieu-de-xuat.docx",
            EditableFormBytes = 51_200,
            ValidatedAtUtc = FirstReceivedAt.AddSeconds(20 * i + 2),
            ReviewWarningsJson = i % 9 == 0 ? "[{\"field\":\"editableForm\",\"vi\":\"Phiếu đề xuất khác mẫu A1-ĐXNV ở mục 5.\",\"en\":\"The form differs from template A1-ĐXNV in item 5.\"}]" : null,
            ClassifiedAtUtc = FirstReceivedAt.AddSeconds(20 * i + 3),
            EnterpriseSize = Sizes[i % Sizes.Length],
            EnterpriseSizeEvidence = "Nghị định 80/2021/NĐ-CP, công nghiệp và xây dựng: 85 lao động, doanh thu 45 tỷ đồng",
            VsicSection = "C",
            SectorName = "Công nghiệp chế biến, chế tạo",
            RegionId = place.RegionId,
            RegionName = place.Region,
            PriorityAreaTitle = $"Nội dung ưu tiên {area}",
            Flags = flags.Count == 0 ? null : string.Join(',', flags),
            SuggestedPriorityArea = i % 6 == 0 ? area % 5 + 1 : area,
            PriorityEvidence = $"{area}: \"năng suất\" ×2, \"iso 9001\" ×1",
            PriorityRulesVersion = "bench",
        };
    }

    /// <summary>Ten digits, province 01–99 then a sequence: unique per row.</summary>
    public static string TaxCode(int i) => "0" + (100_000_000 + i).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>
    /// Rows as the store writes them (each with its change entry for the staff list), 50 to a table
    /// transaction, <paramref name="parallel"/> transactions at a time.
    /// </summary>
    public static Task SeedRowsAsync(string connectionString, string callId, string receiptPrefix, int count, int parallel = 4) =>
        SeedRowsAsync(connectionString, Enumerable.Range(0, count).Select(i => Row(callId, receiptPrefix, i)), parallel);

    /// <summary>Rows of one call (one partition, as <see cref="SubmissionStore.BulkInsertBatches"/> requires) as the store writes them.</summary>
    public static async Task SeedRowsAsync(string connectionString, IEnumerable<SubmissionRecord> rows, int parallel = 4)
    {
        var table = new TableClient(connectionString, StorageNames.SubmissionsTable);
        await table.CreateIfNotExistsAsync();
        // The call as it stands before the measurement: its changes written long ago (a day), as a real call's
        // accumulate over days, not all in the last minute a staff list looks back over.
        var batches = SubmissionStore.BulkInsertBatches(rows, DateTimeOffset.UtcNow.AddDays(-1));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (batch, token) =>
            await table.SubmitTransactionAsync(batch, token));
    }

    /// <summary>Small documents (a few KB) for every row, for the attachments archive.</summary>
    public static async Task SeedDocumentsAsync(string connectionString, string callId, string receiptPrefix, int count, int parallel = 16)
    {
        var container = new BlobContainerClient(connectionString, StorageNames.SubmissionsContainer);
        await container.CreateIfNotExistsAsync();
        var pdf = BinaryData.FromBytes(new byte[3 * 1024]);
        var docx = BinaryData.FromBytes(new byte[2 * 1024]);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, token) =>
        {
            var row = Row(callId, receiptPrefix, i);
            await container.GetBlobClient(StorageNames.SubmissionBlob(callId, row.SubmissionId, StorageNames.SignedScanBlob)).UploadAsync(pdf, token);
            await container.GetBlobClient(StorageNames.SubmissionBlob(callId, row.SubmissionId, StorageNames.EditableFormBlob)).UploadAsync(docx, token);
        });
    }
}
