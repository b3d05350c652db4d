using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Proposals.Pipeline.Email;

/// <summary>What every email template does to user text before it goes into HTML.</summary>
public static class EmailText
{
    // Escapes markup but leaves Vietnamese letters readable in the source of the email.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Html(string text) => Encoder.Encode(text);
}
