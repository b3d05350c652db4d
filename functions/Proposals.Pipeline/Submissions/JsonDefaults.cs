using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Proposals.Pipeline.Submissions;

public static class JsonDefaults
{
    /// <summary>camelCase, Vietnamese letters written as themselves rather than \u escapes.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };
}
