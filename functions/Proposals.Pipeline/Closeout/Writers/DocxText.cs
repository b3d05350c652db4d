using System.Text;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// Makes submitted text safe to put in a Word run. The SDK escapes markup (<c>&lt;</c>, <c>&amp;</c>),
/// but characters that XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF)
/// would make the writer throw or Word report a corrupt file, so they are dropped; line breaks and
/// tabs become spaces because a table cell shows one line of a task name.
/// </summary>
public static class DocxText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF')
            {
                builder.Append(c);
            }
        }

        var cleaned = builder.ToString();
        return cleaned.IsNormalized(NormalizationForm.FormC) ? cleaned : cleaned.Normalize(NormalizationForm.FormC);
    }
}
