using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Proposals.Pipeline.Documents;

/// <summary>What an enterprise typed into the content controls of the call's Word template, by tag (field key).</summary>
public sealed record WordFormContent(IReadOnlyDictionary<string, string> ValuesByTag)
{
    /// <summary>No content control at all: the file was not made from the call's template.</summary>
    public bool FollowsTemplate => ValuesByTag.Count > 0;
}

/// <summary>
/// Reads back the answers in an editable form made from <see cref="WordFormTemplate"/>, so staff can
/// see where the Word file and the web form disagree. The file comes from the public: it is opened
/// read-only, its main part is bounded before it is parsed, and anything malformed yields null.
/// </summary>
public static class WordFormReader
{
    /// <summary>
    /// The text of every content control by tag, or null when the file is not a readable Word
    /// document or its main part is larger than <paramref name="maxUncompressedBytes"/> once unzipped.
    /// </summary>
    public static WordFormContent? TryRead(Stream seekableDocx, long maxUncompressedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUncompressedBytes); // 0 would mean "no limit" below

        // The XML parser stops at this many characters even if the ZIP directory lies about the size.
        var settings = new OpenSettings { MaxCharactersInPart = maxUncompressedBytes };
        try
        {
            var source = PackageSource.Writable(seekableDocx); // not a temporary file per upload (issue 23)
            using var privateCopy = ReferenceEquals(source, seekableDocx) ? null : source;
            using var document = WordprocessingDocument.Open(source, isEditable: false, settings);
            if (document.MainDocumentPart is not { } main || DeclaredSize(main) > maxUncompressedBytes)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var control in main.Document.Descendants<SdtElement>())
            {
                if (control.SdtProperties?.GetFirstChild<Tag>()?.Val?.Value is not { Length: > 0 } tag)
                {
                    continue;
                }

                var text = TextOf(control).Trim();

                // A control copied by the user carries the same tag; the first one filled in wins.
                if (!values.TryGetValue(tag, out var existing) || existing.Length == 0)
                {
                    values[tag] = text;
                }
            }

            return new WordFormContent(values);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException)
        {
            // A malformed upload. A failing stream (IOException) is not the enterprise's doing: it propagates.
            return null;
        }
    }

    /// <summary>The uncompressed size the ZIP directory declares, read without decompressing the part.</summary>
    private static long DeclaredSize(OpenXmlPart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        return stream.Length;
    }

    private static string TextOf(SdtElement control)
    {
        // Word keeps the placeholder's text in the content while the control shows it: that is not an answer.
        if (control.SdtProperties?.GetFirstChild<ShowingPlaceholder>() is not null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var content in control.ChildElements.Where(IsContent))
        {
            AppendText(content, text);
        }

        return text.ToString();
    }

    private static bool IsContent(OpenXmlElement element) =>
        element is SdtContentBlock or SdtContentRun or SdtContentCell or SdtContentRow;

    private static void AppendText(OpenXmlElement element, StringBuilder text)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case Paragraph:
                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    AppendText(child, text);
                    break;
                case SdtElement nested:
                    if (nested is SdtBlock && text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append(TextOf(nested));
                    break;
                default:
                    // Deleted text (w:delText) and field codes (w:instrText) are other types and stay out.
                    AppendText(child, text);
                    break;
            }
        }
    }
}
