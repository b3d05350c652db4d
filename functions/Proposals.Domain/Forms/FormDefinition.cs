using System.Text.Json;
using System.Text.Json.Serialization;

namespace Proposals.Domain.Forms;

/// <summary>
/// One version of the proposal form (e.g. A1-ĐXNV): its sections, fields, labels and help in
/// Vietnamese and English, types, limits and rules. Data, not code: a call names the version it uses,
/// the server validates against it and the web form renders from it.
/// </summary>
public sealed record FormDefinition(string Version, LocalizedText Title, IReadOnlyList<FormSection> Sections)
{
    /// <summary>
    /// Most pages the signed scan may have: the form itself, which the notice caps (A1-ĐXNV: "không quá 4
    /// trang A4"). Intake refuses a longer scan with the reason; null sets no limit.
    /// </summary>
    public int? SignedScanMaxPages { get; init; }

    [JsonIgnore]
    public IEnumerable<FormField> Fields => Sections.SelectMany(s => s.Fields);

    public FormField? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>Whether the field applies given the other answers (items 9.x only for pilot projects).</summary>
    public static bool IsShown(FormField field, IReadOnlyDictionary<string, string> answers) =>
        field.ShowWhen is not { } condition
        || (answers.TryGetValue(condition.Field, out var value) && value == condition.EqualsValue);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads and checks a definition; a broken file fails loudly at start-up, not at the first submission.</summary>
    public static FormDefinition Load(Stream json)
    {
        var form = JsonSerializer.Deserialize<FormDefinition>(json, JsonOptions)
            ?? throw new InvalidDataException("The form definition is empty.");
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(form.Version))
        {
            problems.Add("it has no version");
        }

        foreach (var duplicate in form.Fields.GroupBy(f => f.Key).Where(g => g.Count() > 1))
        {
            problems.Add($"field '{duplicate.Key}' appears twice");
        }

        foreach (var field in form.Fields)
        {
            if (field.MaxLength <= 0)
            {
                problems.Add($"field '{field.Key}' has no maxLength");
            }

            if (field.Type == FieldType.Choice && field.Options is not { Count: > 0 })
            {
                problems.Add($"choice field '{field.Key}' has no options");
            }

            if (field.ShowWhen is { } condition && form.Field(condition.Field) is null)
            {
                problems.Add($"field '{field.Key}' depends on unknown field '{condition.Field}'");
            }
        }

        return problems.Count == 0
            ? form
            : throw new InvalidDataException($"Form definition '{form.Version}': {string.Join("; ", problems)}.");
    }
}

public sealed record LocalizedText(string Vi, string En);

public sealed record FormSection(string Id, LocalizedText Title, IReadOnlyList<FormField> Fields);

public sealed record FormField(
    string Key,
    LocalizedText Label,
    FieldType Type,
    int MaxLength,
    bool Required = true,
    LocalizedText? Help = null,
    long? Min = null,
    long? Max = null,
    IReadOnlyList<FieldOption>? Options = null,
    FieldCondition? ShowWhen = null)
{
    public bool IsMultiline => Type == FieldType.Multiline;
}

public sealed record FieldOption(string Value, LocalizedText Label);

/// <summary>The field is shown (and required) only when <see cref="Field"/> has the value <see cref="EqualsValue"/>.</summary>
public sealed record FieldCondition(string Field, [property: JsonPropertyName("equals")] string EqualsValue);

public enum FieldType
{
    Text,
    Multiline,
    TaxCode,
    Email,
    Phone,
    Province,
    VsicSection,
    VsicCode,
    WholeNumber,
    Money,
    Choice,
    PriorityArea,
    Month,
}
