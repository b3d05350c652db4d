using System.Text;
using System.Text.Json;
using Proposals.Domain.Validation;
using Proposals.LocalHost;

namespace Proposals.Testing;

/// <summary>
/// <c>tests/cases/field-rules.json</c>: one table of cases that the server's rules and the browser's
/// (web/rules.js) must both answer exactly as written.
/// </summary>
public static class FieldRulesTable
{
    public static readonly JsonElement Root = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests", "cases", "field-rules.json"))).RootElement.Clone();

    public static string CallId => Root.GetProperty("call").GetString()!;

    public static IEnumerable<JsonElement> FieldCases => Root.GetProperty("fieldCases").EnumerateArray();

    public static IEnumerable<JsonElement> DocumentCases => Root.GetProperty("documentCases").EnumerateArray();

    public static string Name(JsonElement testCase) => testCase.GetProperty("name").GetString()!;

    public static bool RunsInBrowser(JsonElement testCase) =>
        !testCase.TryGetProperty("browser", out var browser) || browser.GetBoolean();

    /// <summary>The table's base proposal: a valid answer to every field of the form.</summary>
    public static Dictionary<string, string> BaseFields() =>
        Root.GetProperty("base").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>The case's answers: the table's base proposal with the case's changes.</summary>
    public static Dictionary<string, string> Fields(JsonElement testCase)
    {
        var fields = BaseFields();
        if (testCase.TryGetProperty("set", out var set))
        {
            foreach (var field in set.EnumerateObject())
            {
                fields[field.Name] = field.Value.GetString()!;
            }
        }

        if (testCase.TryGetProperty("repeat", out var repeat))
        {
            var text = string.Concat(Enumerable.Repeat(repeat.GetProperty("text").GetString()!, repeat.GetProperty("count").GetInt32()));
            fields[repeat.GetProperty("field").GetString()!] = repeat.TryGetProperty("form", out var form) && form.GetString() == "NFD"
                ? text.Normalize(NormalizationForm.FormD)
                : text;
        }

        return fields;
    }

    public static IReadOnlyList<FieldError> Expected(JsonElement testCase, string property = "errors") =>
        testCase.TryGetProperty(property, out var errors) && errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().Select(e => new FieldError(e.GetProperty("field").GetString()!, e.GetProperty("vi").GetString()!, e.GetProperty("en").GetString()!)).ToList()
            : [];

    /// <summary>For a failure message: what an implementation answered, as the table would write it.</summary>
    public static string Describe(IEnumerable<FieldError> errors) =>
        JsonSerializer.Serialize(errors.Select(e => new { field = e.Field, vi = e.Vi, en = e.En }), Readable);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
