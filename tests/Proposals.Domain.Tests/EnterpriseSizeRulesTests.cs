using Proposals.Domain.Classification;

namespace Proposals.Domain.Tests;

public class EnterpriseSizeRulesTests
{
    private const long Bn = 1_000_000_000;
    private const SectorGroup Industry = SectorGroup.AgricultureIndustryConstruction;
    private const SectorGroup Trade = SectorGroup.TradeAndServices;

    [Theory]
    // Industry and construction: micro ≤10 & (rev ≤3 bn or cap ≤3 bn)
    [InlineData(Industry, 10, 3 * Bn, 999 * Bn, EnterpriseSize.Micro)]
    [InlineData(Industry, 10, 999 * Bn, 3 * Bn, EnterpriseSize.Micro)]
    [InlineData(Industry, 10, 3 * Bn + 1, 3 * Bn + 1, EnterpriseSize.Small)]
    [InlineData(Industry, 11, 1 * Bn, 1 * Bn, EnterpriseSize.Small)]
    // small ≤100 & (rev ≤50 or cap ≤20)
    [InlineData(Industry, 100, 50 * Bn, 999 * Bn, EnterpriseSize.Small)]
    [InlineData(Industry, 100, 999 * Bn, 20 * Bn, EnterpriseSize.Small)]
    [InlineData(Industry, 100, 50 * Bn + 1, 20 * Bn + 1, EnterpriseSize.Medium)]
    [InlineData(Industry, 101, 1 * Bn, 1 * Bn, EnterpriseSize.Medium)]
    // medium ≤200 & (rev ≤200 or cap ≤100)
    [InlineData(Industry, 200, 200 * Bn, 999 * Bn, EnterpriseSize.Medium)]
    [InlineData(Industry, 200, 999 * Bn, 100 * Bn, EnterpriseSize.Medium)]
    [InlineData(Industry, 200, 200 * Bn + 1, 100 * Bn + 1, EnterpriseSize.Large)]
    [InlineData(Industry, 201, 1 * Bn, 1 * Bn, EnterpriseSize.Large)]
    // Trade and services: micro ≤10 & (rev ≤10 or cap ≤3)
    [InlineData(Trade, 10, 10 * Bn, 999 * Bn, EnterpriseSize.Micro)]
    [InlineData(Trade, 10, 999 * Bn, 3 * Bn, EnterpriseSize.Micro)]
    [InlineData(Trade, 10, 10 * Bn + 1, 3 * Bn + 1, EnterpriseSize.Small)]
    [InlineData(Trade, 11, 1 * Bn, 1 * Bn, EnterpriseSize.Small)]
    // small ≤50 & (rev ≤100 or cap ≤50)
    [InlineData(Trade, 50, 100 * Bn, 999 * Bn, EnterpriseSize.Small)]
    [InlineData(Trade, 50, 999 * Bn, 50 * Bn, EnterpriseSize.Small)]
    [InlineData(Trade, 50, 100 * Bn + 1, 50 * Bn + 1, EnterpriseSize.Medium)]
    [InlineData(Trade, 51, 1 * Bn, 1 * Bn, EnterpriseSize.Medium)]
    // medium ≤100 & (rev ≤300 or cap ≤100)
    [InlineData(Trade, 100, 300 * Bn, 999 * Bn, EnterpriseSize.Medium)]
    [InlineData(Trade, 100, 999 * Bn, 100 * Bn, EnterpriseSize.Medium)]
    [InlineData(Trade, 100, 300 * Bn + 1, 100 * Bn + 1, EnterpriseSize.Large)]
    [InlineData(Trade, 101, 1 * Bn, 1 * Bn, EnterpriseSize.Large)]
    public void Classifies_on_both_sides_of_every_limit(SectorGroup group, int employees, long revenue, long capital, EnterpriseSize expected) =>
        EnterpriseSizeRules.Classify(group, employees, revenue, capital).Size.ShouldBe(expected);

    [Fact]
    public void Gives_the_evidence_in_Vietnamese()
    {
        var result = EnterpriseSizeRules.Classify(Industry, 85, 45 * Bn, 18 * Bn);
        result.Size.ShouldBe(EnterpriseSize.Small);
        result.Evidence.ShouldContain("85 lao động ≤ 100");
        result.Evidence.ShouldContain("doanh thu 45 tỷ đồng ≤ 50 tỷ đồng");
        result.Evidence.ShouldContain("NĐ 80/2021");
    }

    [Theory]
    [InlineData('A', SectorGroup.AgricultureIndustryConstruction)]
    [InlineData('C', SectorGroup.AgricultureIndustryConstruction)]
    [InlineData('F', SectorGroup.AgricultureIndustryConstruction)]
    [InlineData('G', SectorGroup.TradeAndServices)]
    [InlineData('M', SectorGroup.TradeAndServices)]
    [InlineData('U', SectorGroup.TradeAndServices)]
    public void Sections_A_to_F_are_industry_and_G_onwards_trade_and_services_in_both_versions(char section, SectorGroup group)
    {
        VsicDirectory.Load("vsic-2018").Section(section).Group.ShouldBe(group);
        VsicDirectory.Load("vsic-2025").Section(section).Group.ShouldBe(group);
    }

    [Fact]
    public void VSIC_2018_has_21_sections_A_to_U()
    {
        var vsic = VsicDirectory.Load("vsic-2018");
        "ABCDEFGHIJKLMNOPQRSTU".All(c => vsic.TryGetSection(c, out _)).ShouldBeTrue();
        vsic.TryGetSection('V', out _).ShouldBeFalse();
    }
}
