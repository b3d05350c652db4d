using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Tests.Reports;

/// <summary>The report's count tables read in Vietnamese alphabetical order, as staff and the ministry read them.</summary>
public class CloseoutSummaryOrderTests
{
    [Fact]
    public void Regions_and_sectors_are_in_Vietnamese_order_not_code_point_order()
    {
        // Code points put "Đông" (ô, U+00F4) before "Đồng" (ồ, U+1ED3); Vietnamese compares letters first
        // ("đong bang" < "đong nam"), tones second.
        string[] regions = ["Đông Nam Bộ", "Đồng bằng sông Hồng", "Duyên hải Nam Trung Bộ và Tây Nguyên", "Đồng bằng sông Cửu Long", "Bắc Trung Bộ"];
        var records = regions.Select((region, i) => new SubmissionRecord
        {
            PartitionKey = "c",
            RowKey = $"s{i}",
            Status = SubmissionStatus.Classified,
            ClassifiedAtUtc = DateTimeOffset.UtcNow,
            RegionName = region,
            VsicSection = i % 2 == 0 ? "Đ" : "D",
            SectorName = "x",
        });

        var summary = CloseoutSummary.Of(new CallDefinition { Id = "c", Title = "t", Organiser = "o" }, records);

        summary.ByRegion.Select(r => r.Label).ShouldBe(
            ["Bắc Trung Bộ", "Duyên hải Nam Trung Bộ và Tây Nguyên", "Đồng bằng sông Cửu Long", "Đồng bằng sông Hồng", "Đông Nam Bộ"]);
        summary.BySector.Select(r => r.Label).ShouldBe(["D - x", "Đ - x"]);
    }
}
