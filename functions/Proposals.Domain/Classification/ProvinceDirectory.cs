using System.Reflection;
using System.Text.Json;
using Proposals.Domain.Text;

namespace Proposals.Domain.Classification;

/// <summary>
/// A versioned province → socio-economic region table (reference data shipped in
/// <c>ReferenceData/provinces-*.json</c>). Names match with or without diacritics and with or
/// without the "Tỉnh"/"Thành phố" prefix.
/// </summary>
public sealed class ProvinceDirectory
{
    private static readonly string[] Prefixes = ["thanh pho ", "tinh ", "tp. ", "tp.", "tp "];
    private readonly Dictionary<string, Province> _byFoldedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Region> _regions;

    private ProvinceDirectory(ProvinceFile file)
    {
        Version = file.Version;
        _regions = file.Regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var province in file.Provinces)
        {
            if (!_regions.ContainsKey(province.Region))
            {
                throw new InvalidDataException($"{file.Version}: province {province.Name} names unknown region {province.Region}.");
            }

            foreach (var name in province.Aliases.Prepend(province.Name))
            {
                _byFoldedName[Key(name)] = province;
            }
        }

        Provinces = file.Provinces;
    }

    public string Version { get; }

    public IReadOnlyList<Province> Provinces { get; }

    public IEnumerable<Region> Regions => _regions.Values;

    public bool TryFind(string? name, out Province? province) => _byFoldedName.TryGetValue(Key(name), out province);

    public Region RegionOf(Province province) => _regions[province.Region];

    /// <summary>Loads a version shipped with the domain, e.g. <c>provinces-2023</c>.</summary>
    public static ProvinceDirectory Load(string version)
    {
        using var stream = typeof(ProvinceDirectory).Assembly.GetManifestResourceStream($"ReferenceData.{version}.json")
            ?? throw new ArgumentException($"No province list '{version}' ships with this build.", nameof(version));
        var file = JsonSerializer.Deserialize<ProvinceFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"Province list '{version}' is empty.");
        return new ProvinceDirectory(file);
    }

    public static IReadOnlyList<string> AvailableVersions() =>
        typeof(ProvinceDirectory).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReferenceData.provinces-", StringComparison.Ordinal))
            .Select(n => n["ReferenceData.".Length..^".json".Length])
            .ToList();

    private static string Key(string? name)
    {
        var folded = VietnameseText.Fold(name).Trim();
        foreach (var prefix in Prefixes)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                folded = folded[prefix.Length..];
                break;
            }
        }

        return new string(folded.Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ProvinceFile(string Version, List<Region> Regions, List<Province> Provinces);
}

public sealed record Province(string Name, string Kind, string Region, IReadOnlyList<string> Aliases);

public sealed record Region(string Id, string Name, string NameEn);
