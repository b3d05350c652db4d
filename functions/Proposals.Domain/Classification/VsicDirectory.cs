using System.Text.Json;

namespace Proposals.Domain.Classification;

/// <summary>
/// A version of Vietnam's standard industrial classification (VSIC), shipped in
/// <c>ReferenceData/vsic-*.json</c>: its sections (one letter each) with their two-digit divisions, so a
/// business code's section can be read from its first two digits, and its four-digit classes and five-digit
/// subclasses, so a code that does not exist is refused. A call names its version; the letters and the
/// divisions differ between versions (VSIC 2025 splits 2018's J, so later letters move by one). A version
/// that replaced another carries the official conversion from it (<see cref="Conversion"/>), because
/// registration certificates keep the old codes.
/// </summary>
public sealed class VsicDirectory
{
    private readonly Dictionary<char, VsicSection> _byLetter;
    private readonly Dictionary<string, VsicSection> _byDivision = new(StringComparer.Ordinal);

    private VsicDirectory(VsicFile file)
    {
        Version = file.Version;
        Decision = file.Decision;
        Validity = new ReferenceValidity(file.ValidFrom, file.ValidUntil);
        Sections = file.Sections.Select(s => new VsicSection(s.Letter[0], s.Name, s.NameEn, s.Divisions)).ToList();
        Classes = file.Classes ?? [];
        Subclasses = (file.Subclasses ?? []).ToHashSet(StringComparer.Ordinal);
        ClassesComplete = file.ClassesComplete;
        _byLetter = Sections.ToDictionary(s => s.Letter);
        foreach (var section in Sections)
        {
            foreach (var division in section.Divisions)
            {
                _byDivision.Add(division, section);
            }
        }
    }

    /// <summary>E.g. <c>vsic-2025</c>.</summary>
    public string Version { get; }

    /// <summary>The decision that issued it, e.g. "Quyết định 36/2025/QĐ-TTg".</summary>
    public string Decision { get; }

    public ReferenceValidity Validity { get; }

    public IReadOnlyList<VsicSection> Sections { get; }

    /// <summary>"VSIC 2025" for people.</summary>
    public string Name => "VSIC " + Version["vsic-".Length..];

    /// <summary>The four-digit classes, with their names where the source gives them (VSIC 2025 does; the 2018 list has none).</summary>
    public IReadOnlyDictionary<string, string?> Classes { get; }

    /// <summary>The five-digit subclasses.</summary>
    public IReadOnlySet<string> Subclasses { get; }

    /// <summary>
    /// Whether <see cref="Classes"/> and <see cref="Subclasses"/> are the whole list. The VSIC 2018 list is an
    /// OCR that misses some classes: a code it lacks is checked by its three-digit group instead.
    /// </summary>
    public bool ClassesComplete { get; }

    /// <summary>The conversion from the version this one replaced (VSIC 2025: from VSIC 2018), or null.</summary>
    public VsicConversion? Conversion { get; private set; }

    /// <summary>Whether a four- or five-digit code exists in this version.</summary>
    public bool Contains(string code) => code.Length switch
    {
        4 => Classes.ContainsKey(code) || (!ClassesComplete && HasGroup(code)),
        5 => Subclasses.Contains(code) || (!ClassesComplete && HasGroup(code)),
        _ => false,
    };

    /// <summary>Whether the code is written in this version's list itself (not only accepted by its group).</summary>
    public bool Lists(string code) => code.Length == 4 ? Classes.ContainsKey(code) : Subclasses.Contains(code);

    /// <summary>The name of a class, or of a subclass's class; null when the list gives none.</summary>
    public string? NameOf(string code) => code.Length >= 4 && Classes.TryGetValue(code[..4], out var name) ? name : null;

    private bool HasGroup(string code) =>
        Classes.Keys.Concat(Subclasses).Any(c => c.StartsWith(code[..3], StringComparison.Ordinal));

    public bool TryGetSection(char letter, out VsicSection section) => _byLetter.TryGetValue(letter, out section!);

    public VsicSection Section(char letter) =>
        TryGetSection(letter, out var section) ? section : throw new ArgumentOutOfRangeException(nameof(letter), letter, $"Not a {Name} section.");

    /// <summary>The section a business code (2 to 5 digits) belongs to, by its division; null when no division has those digits.</summary>
    public VsicSection? SectionOfCode(string code) =>
        code.Length >= 2 && _byDivision.TryGetValue(code[..2], out var section) ? section : null;

    /// <summary>A version shipped with the domain, e.g. <c>vsic-2025</c>, read once per process (the lists never change).</summary>
    public static VsicDirectory Load(string version) => Loaded.GetOrAdd(version, Build);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, VsicDirectory> Loaded = new(StringComparer.Ordinal);

    private static VsicDirectory Build(string version)
    {
        using var stream = typeof(VsicDirectory).Assembly.GetManifestResourceStream($"ReferenceData.{version}.json")
            ?? throw new ArgumentException($"No VSIC version '{version}' ships with this build.", nameof(version));
        var file = JsonSerializer.Deserialize<VsicFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"VSIC version '{version}' is empty.");
        var directory = new VsicDirectory(file);
        if (VsicConversion.Into(version) is { } from)
        {
            directory.Conversion = VsicConversion.Load(from, Load(from.From), directory);
        }

        return directory;
    }

    public static IReadOnlyList<string> AvailableVersions() =>
        typeof(VsicDirectory).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReferenceData.vsic-", StringComparison.Ordinal))
            .Select(n => n["ReferenceData.".Length..^".json".Length])
            .ToList();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record VsicFile(
        string Version, string Decision, DateOnly ValidFrom, DateOnly? ValidUntil, List<SectionEntry> Sections,
        Dictionary<string, string?>? Classes, List<string>? Subclasses, bool ClassesComplete);

    private sealed record SectionEntry(string Letter, string Name, string NameEn, List<string> Divisions);
}

public sealed record VsicSection(char Letter, string NameVi, string NameEn, IReadOnlyList<string> Divisions)
{
    /// <summary>
    /// Sections A–F are agriculture, industry and construction; G onwards trade and services (Nghị định
    /// 80/2021/NĐ-CP's two groups). The same letters in VSIC 2018 and 2025: the split of J moved only later ones.
    /// </summary>
    public SectorGroup Group => Letter <= 'F' ? SectorGroup.AgricultureIndustryConstruction : SectorGroup.TradeAndServices;
}

public enum SectorGroup
{
    AgricultureIndustryConstruction,
    TradeAndServices,
}
