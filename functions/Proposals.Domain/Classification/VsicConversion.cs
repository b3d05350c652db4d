using System.Text.Json;

namespace Proposals.Domain.Classification;

/// <summary>
/// The official conversion of VSIC 2018 codes into VSIC 2025 (Cục Thống kê, Công văn 3061/CTK-CSCL,
/// Phụ lục II), from <c>ReferenceData/conversion-vsic-2018-2025.json</c>. Enterprises' registration certificates
/// still carry 2018 codes, so a 2025 call accepts one and converts it: to one code, or, where the table splits
/// it, to the codes the person chooses from. The file lists the codes whose number changes; every other 2018
/// code keeps its number, which the load checks is a 2025 code, so every 2018 code converts.
/// </summary>
public sealed class VsicConversion
{
    private readonly Dictionary<string, IReadOnlyList<string>> _rows;

    private VsicConversion(ConversionFile file, VsicDirectory from, VsicDirectory to)
    {
        From = from;
        To = to;
        _rows = file.Rows.ToDictionary(r => r.From, r => (IReadOnlyList<string>)r.To, StringComparer.Ordinal);
        foreach (var (code, targets) in _rows)
        {
            if (!from.Lists(code) || targets.Count == 0 || targets.Any(t => !to.Lists(t)))
            {
                throw new InvalidDataException($"Conversion row {code} → {string.Join(", ", targets)}: a code is in neither list.");
            }
        }

        // The table is whole: a 2018 code without a row keeps its number only if VSIC 2025 has that number.
        if (from.Classes.Keys.Concat(from.Subclasses).FirstOrDefault(c => !_rows.ContainsKey(c) && !to.Lists(c)) is { } orphan)
        {
            throw new InvalidDataException($"{from.Name} code {orphan} has no conversion row and is not a {to.Name} code.");
        }
    }

    /// <summary>The version converted from, e.g. VSIC 2018.</summary>
    public VsicDirectory From { get; }

    public VsicDirectory To { get; }

    /// <summary>
    /// The 2025 codes an old code becomes, in the table's order (its own number when it has no row); null
    /// when it is not a code of the old list.
    /// </summary>
    public IReadOnlyList<string>? TargetsOf(string code) =>
        _rows.TryGetValue(code, out var targets) ? targets : code.Length is 4 or 5 && From.Lists(code) ? [code] : null;

    /// <summary>The rows of the codes whose number changes, for the browser: the same lookup on both sides.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Rows => _rows;

    /// <summary>The file that converts into <paramref name="version"/>, if one ships.</summary>
    internal static (string From, string Resource)? Into(string version) => version switch
    {
        "vsic-2025" => ("vsic-2018", "ReferenceData.conversion-vsic-2018-2025.json"),
        _ => null,
    };

    internal static VsicConversion Load((string From, string Resource) source, VsicDirectory from, VsicDirectory to)
    {
        using var stream = typeof(VsicConversion).Assembly.GetManifestResourceStream(source.Resource)
            ?? throw new InvalidDataException($"{source.Resource} does not ship with this build.");
        var file = JsonSerializer.Deserialize<ConversionFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{source.Resource} is empty.");
        return new VsicConversion(file, from, to);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ConversionFile(List<ConversionRow> Rows);

    private sealed record ConversionRow(string From, List<string> To);
}
