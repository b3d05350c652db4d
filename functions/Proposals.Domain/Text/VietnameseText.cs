using System.Globalization;
using System.Text;

namespace Proposals.Domain.Text;

/// <summary>
/// Text as enterprises type it: NFC or NFD, stray control characters, with or without diacritics.
/// </summary>
public static class VietnameseText
{
    /// <summary>NFC, control characters removed (tab and newlines kept in multi-line text), trimmed.</summary>
    public static string Normalize(string? value, bool multiline = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var composed = value.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (c == '\r')
            {
                continue; // CRLF and CR become LF below or vanish
            }

            if (multiline && (c == '\n' || c == '\t'))
            {
                builder.Append(c);
            }
            else if (!multiline && (c == '\n' || c == '\t'))
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// Lower case without diacritics ("Hải Phòng" → "hai phong"), for matching and duplicate detection.
    /// </summary>
    public static string Fold(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// Folded text as single-space-separated words of letters and digits ("Áp dụng  ISO-9001." →
    /// "ap dung iso 9001"): what keyword rules, duplicate checks and safe file names compare.
    /// </summary>
    public static string FoldedWords(string? text)
    {
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Vietnamese alphabetical order, as people read sorted names: a &lt; ă &lt; â &lt; b &lt; … &lt; d &lt; đ &lt; e &lt; ê …,
    /// tones a secondary difference ("Dương" before "Đặng", "Anh" before "Ăn"). ICU's Vietnamese collation
    /// through .NET; the build keeps globalization-invariant mode off (Directory.Build.props), or every
    /// comparison would fall back to ordinal code points.
    /// </summary>
    public static StringComparer Order { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    /// <summary>
    /// The collation key of <paramref name="value"/> in that order, as bytes compared ordinally: for
    /// indexes that compare many times (the staff list) or keep a position in the order (a page token).
    /// </summary>
    public static byte[] SortKey(string? value) =>
        VietnameseCompare.GetSortKey(Normalize(value), CompareOptions.None).KeyData;

    private static readonly CompareInfo VietnameseCompare = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
}
