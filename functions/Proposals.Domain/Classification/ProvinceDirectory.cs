using System.Reflection;
using System.Text.Json;
using Proposals.Domain.Text;

namespace Proposals.Domain.Classification;

/// <summary>
/// A versioned province → socio-economic region table (reference data shipped in
/// <c>ReferenceData/provinces-*.json</c>), with the dates it is in force. Names match with or without
/// diacritics and with or without the "Tỉnh"/"Thành phố" prefix. A list that merged earlier units
/// (<c>formerUnits</c>, the 2025 list) also knows those names, and every spelling the earlier lists
/// accepted for them, so "Hải Dương" is answered with where it went rather than "unknown".
/// </summary>
public sealed class ProvinceDirectory
{
    private static readonly string[] Prefixes = ["thanh pho ", "tinh ", "tp. ", "tp.", "tp "];
    private readonly Dictionary<string, Province> _byFoldedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProvinceSuccession> _successionByFoldedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Region> _regions;

    private ProvinceDirectory(ProvinceFile file)
    {
        Version = file.Version;
        Validity = new ReferenceValidity(file.ValidFrom, file.ValidUntil);
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

    public ReferenceValidity Validity { get; }

    /// <summary>The units merged into this list's units, each with every spelling people type for it.</summary>
    public IEnumerable<ProvinceSuccession> Successions => _successionByFoldedName.Values.Distinct();

    public IReadOnlyList<Province> Provinces { get; }

    public IEnumerable<Region> Regions => _regions.Values;

    public bool TryFind(string? name, out Province? province) => _byFoldedName.TryGetValue(Key(name), out province);

    /// <summary>A name that is no unit of this list but was merged into one (e.g. "Hải Dương" in the 2025 list).</summary>
    public bool TryFindSuccession(string? name, out ProvinceSuccession? succession) =>
        _successionByFoldedName.TryGetValue(Key(name), out succession);

    /// <summary>Every spelling that finds <paramref name="province"/>: what the form matches typed names with.</summary>
    public static IReadOnlyList<string> Spellings(Province province) => [province.Name, .. province.Aliases];

    public Region RegionOf(Province province) => _regions[province.Region];

    /// <summary>
    /// A version shipped with the domain, e.g. <c>provinces-2023</c>, read once per process: the lists never change,
    /// and start-up's checks, the call catalog and the tests all ask for the same few.
    /// </summary>
    public static ProvinceDirectory Load(string version) => Loaded.GetOrAdd(version, Build);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProvinceDirectory> Loaded = new(StringComparer.Ordinal);

    private static ProvinceDirectory Build(string version)
    {
        var file = Read(version);
        var directory = new ProvinceDirectory(file);
        if (file.Provinces.Any(p => p.FormerUnits.Count > 0))
        {
            directory.AddSuccessions(AvailableVersions().Where(v => v != version).Select(Read)
                .Where(earlier => earlier.ValidUntil is { } until && until < file.ValidFrom).ToList());
        }

        return directory;
    }

    /// <summary>
    /// Each former unit's name, and the spellings an earlier list accepted for it ("Vũng Tàu" for
    /// "Bà Rịa - Vũng Tàu"), lead to the unit it was merged into. A name that is still a unit (Hải Phòng,
    /// which kept its name and took in Hải Dương) stays that unit.
    /// </summary>
    private void AddSuccessions(IReadOnlyList<ProvinceFile> earlierLists)
    {
        foreach (var successor in Provinces)
        {
            foreach (var former in successor.FormerUnits)
            {
                var earlierSpellings = earlierLists.SelectMany(l => l.Provinces).Where(p => p.Name == former).SelectMany(Spellings)
                    .Prepend(former).Distinct().ToList();
                var succession = new ProvinceSuccession(former, successor, Validity.From, earlierSpellings);
                foreach (var spelling in earlierSpellings.Where(spelling => !_byFoldedName.ContainsKey(Key(spelling))))
                {
                    _successionByFoldedName[Key(spelling)] = succession;
                }
            }
        }
    }

    private static ProvinceFile Read(string version)
    {
        using var stream = typeof(ProvinceDirectory).Assembly.GetManifestResourceStream($"ReferenceData.{version}.json")
            ?? throw new ArgumentException($"No province list '{version}' ships with this build.", nameof(version));
        return JsonSerializer.Deserialize<ProvinceFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"Province list '{version}' is empty.");
    }

    public static IReadOnlyList<string> AvailableVersions() =>
        typeof(ProvinceDirectory).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReferenceData.provinces-", StringComparison.Ordinal))
            .Select(n => n["ReferenceData.".Length..^".json".Length])
            .ToList();

    /// <summary>How names are compared: folded (case, diacritics, đ), without the "Tỉnh"/"Thành phố" prefix, letters and digits only.</summary>
    public static string Key(string? name)
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

    private sealed record ProvinceFile(string Version, DateOnly ValidFrom, DateOnly? ValidUntil, List<Region> Regions, List<Province> Provinces);
}

/// <param name="Kind"><c>province</c> (tỉnh) or <c>city</c> (thành phố trực thuộc trung ương), as it is now.</param>
/// <param name="KindSince">When a province became a city (Đồng Nai, Quảng Ninh, Bắc Ninh in 2026); before it, a province.</param>
public sealed record Province(string Name, string Kind, string Region, IReadOnlyList<string> Aliases)
{
    /// <summary>The statistics office's two-digit code (2025 list).</summary>
    public string? Code { get; init; }

    /// <summary>The earlier provinces merged into this one on the list's first day (2025 list).</summary>
    public IReadOnlyList<string> FormerUnits { get; init; } = [];

    public DateOnly? KindSince { get; init; }

    /// <summary>"tỉnh" or "thành phố" on <paramref name="day"/>.</summary>
    public string KindVietnamese(DateOnly day) => Kind == "city" && (KindSince is null || day >= KindSince) ? "thành phố" : "tỉnh";
}

/// <summary>A unit that was merged into another: what to tell someone who names it.</summary>
/// <param name="FormerSpellings">The former name and the other spellings the earlier list accepted for it (e.g. without diacritics).</param>
public sealed record ProvinceSuccession(string FormerName, Province Successor, DateOnly Since, IReadOnlyList<string> FormerSpellings)
{
    /// <summary>
    /// "Tỉnh Hải Dương (cũ) đã được sắp xếp vào thành phố Hải Phòng từ ngày 01/07/2025", in the words of the
    /// 2025 arrangement (sắp xếp đơn vị hành chính), with what the successor is now when that changed since. Every
    /// unit merged on 01/07/2025 was a province (tỉnh): no centrally governed city was merged into another.
    /// </summary>
    public string Vietnamese
    {
        get
        {
            var then = Successor.KindVietnamese(Since);
            var now = Successor.KindVietnamese(DateOnly.MaxValue);
            var sentence = $"Tỉnh {FormerName} (cũ) đã được sắp xếp vào {then} {Successor.Name} từ ngày {Since.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
            return now == then ? sentence : $"{sentence} (nay là {now} {Successor.Name})";
        }
    }

    public string English =>
        $"{FormerName} was merged into {Successor.Name} on {Since.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
}

public sealed record Region(string Id, string Name, string NameEn);
