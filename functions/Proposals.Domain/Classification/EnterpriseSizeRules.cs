using System.Globalization;

namespace Proposals.Domain.Classification;

public enum EnterpriseSize
{
    Micro,
    Small,
    Medium,
    Large,
}

/// <summary>
/// Nghị định 80/2021/NĐ-CP, Article 5: headcount within the limit AND (revenue OR total capital within
/// its limit), with limits by sector group.
/// </summary>
public static class EnterpriseSizeRules
{
    private const long Billion = 1_000_000_000;

    private static readonly SizeLimit[] IndustryLimits =
    [
        new(EnterpriseSize.Micro, 10, 3 * Billion, 3 * Billion),
        new(EnterpriseSize.Small, 100, 50 * Billion, 20 * Billion),
        new(EnterpriseSize.Medium, 200, 200 * Billion, 100 * Billion),
    ];

    private static readonly SizeLimit[] TradeLimits =
    [
        new(EnterpriseSize.Micro, 10, 10 * Billion, 3 * Billion),
        new(EnterpriseSize.Small, 50, 100 * Billion, 50 * Billion),
        new(EnterpriseSize.Medium, 100, 300 * Billion, 100 * Billion),
    ];

    public static SizeClassification Classify(SectorGroup group, int employees, long annualRevenueVnd, long totalCapitalVnd)
    {
        var limits = group == SectorGroup.AgricultureIndustryConstruction ? IndustryLimits : TradeLimits;
        foreach (var limit in limits)
        {
            if (employees > limit.MaxEmployees)
            {
                continue;
            }

            if (annualRevenueVnd <= limit.MaxRevenueVnd)
            {
                return new(limit.Size, Evidence(group, employees, limit, $"doanh thu {Bn(annualRevenueVnd)} ≤ {Bn(limit.MaxRevenueVnd)}"));
            }

            if (totalCapitalVnd <= limit.MaxCapitalVnd)
            {
                return new(limit.Size, Evidence(group, employees, limit, $"nguồn vốn {Bn(totalCapitalVnd)} ≤ {Bn(limit.MaxCapitalVnd)}"));
            }
        }

        var medium = limits[^1];
        return new(EnterpriseSize.Large,
            $"{GroupVi(group)}: {employees} lao động, doanh thu {Bn(annualRevenueVnd)}, nguồn vốn {Bn(totalCapitalVnd)} " +
            $"vượt ngưỡng doanh nghiệp vừa ({medium.MaxEmployees} lao động; {Bn(medium.MaxRevenueVnd)} hoặc {Bn(medium.MaxCapitalVnd)})");
    }

    public static string Key(EnterpriseSize size) => size.ToString().ToLowerInvariant();

    public static string Vietnamese(EnterpriseSize size) => size switch
    {
        EnterpriseSize.Micro => "Siêu nhỏ",
        EnterpriseSize.Small => "Nhỏ",
        EnterpriseSize.Medium => "Vừa",
        _ => "Lớn",
    };

    private static string Evidence(SectorGroup group, int employees, SizeLimit limit, string money) =>
        $"{GroupVi(group)}: {employees} lao động ≤ {limit.MaxEmployees}, {money} (NĐ 80/2021, Điều 5)";

    private static string GroupVi(SectorGroup group) => group == SectorGroup.AgricultureIndustryConstruction
        ? "Nông, lâm, thủy sản; công nghiệp và xây dựng"
        : "Thương mại và dịch vụ";

    private static string Bn(long vnd) =>
        (vnd / (decimal)Billion).ToString("0.###", CultureInfo.InvariantCulture).Replace('.', ',') + " tỷ đồng";

    private sealed record SizeLimit(EnterpriseSize Size, int MaxEmployees, long MaxRevenueVnd, long MaxCapitalVnd);
}

public sealed record SizeClassification(EnterpriseSize Size, string Evidence);
