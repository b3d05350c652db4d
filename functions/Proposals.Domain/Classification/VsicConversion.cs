using System.Text.Json;

namespace Proposals.Domain.Classification;

/// <summary>
/// The official conversion of VSIC 2018 codes into VSIC 2025 (Cục Thống kê, Công văn 3061/CTK-CSCL,
/// Phụ lục II), as far as <c>ReferenceData/conversion-vsic-2018-2025.json</c> has transcribed it. Enterprises'
/// registration certificates still carry 2018 codes, so a 2025 call accepts one and converts it: to one
/// code, or, where the table splits it, to the codes the person chooses from. A 2018 code the file has no
/// row for is not guessed at: the person is asked for the 2025 code.
/// </summary>
public sealed class VsicConversion
{
    private readonly Dictionary<string, IReadOnlyList<string>> _rows;
    private readonly HashSet<string> _divisionsComplete;

    private VsicConversion(ConversionFile file, VsicDirectory from, VsicDirectory to)
    {
        From = from;
        To = to;
        _rows = file.Rows.ToDictionary(r => r.From, r => (IReadOnlyList<string>)r.To, StringComparer.Ordinal);
        _divisionsComplete = file.DivisionsComplete.ToHashSet(StringComparer.Ordinal);
        foreach (var (code, targets) in _rows)
        {
            if (!from.Lists(code) || targets.Count == 0 || targets.Any(t => !to.Lists(t)))
            {
                throw new InvalidDataException($"Conversion row {code} → {string.Join(", ", targets)}: a code is in neither list.");
            }
        }
    }

    /// <summary>The version converted from, e.g. VSIC 2018.</summary>
    public VsicDirectory From { get; }

    public VsicDirectory To { get; }

    /// <summary>
    /// The 2025 codes an old code becomes, in the table's order; null when it is not an old code the
    /// conversion knows (a row, or a code of a division whose every row was transcribed and kept its number).
    /// </summary>
    public IReadOnlyList<string>? TargetsOf(string code)
    {
        if (_rows.TryGetValue(code, out var targets))
        {
            return targets;
        }

        return code.Length is 4 or 5 && From.Lists(code) && _divisionsComplete.Contains(code[..2]) && To.Lists(code) ? [code] : null;
    }

    /// <summary>Every row, for the browser: the same lookup on both sides.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Rows => _rows;

    public IReadOnlyCollection<string> DivisionsComplete => _divisionsComplete;

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

    private sealed record ConversionFile(List<string> DivisionsComplete, List<ConversionRow> Rows);

    private sealed record ConversionRow(string From, List<string> To);
}
