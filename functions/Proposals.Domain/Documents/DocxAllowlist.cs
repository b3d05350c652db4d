namespace Proposals.Domain.Documents;

/// <summary>
/// What a plain Word document is made of, by content type and relationship type: the document, its styles,
/// numbering, settings, fonts and theme, headers and footers, footnotes and endnotes, comments, pictures of the
/// listed kinds, custom XML and the core, app and custom properties. Everything else is refused, with a message
/// chosen by what it is (macros, ActiveX, embedded objects, imported content, links) so the enterprise knows
/// what to remove.
/// </summary>
public static class DocxAllowlist
{
    public const string RelationshipsType = "application/vnd.openxmlformats-package.relationships+xml";

    private const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

    private static readonly HashSet<string> TextParts = new(StringComparer.OrdinalIgnoreCase)
    {
        Word + "document.main+xml", Word + "header+xml", Word + "footer+xml", Word + "footnotes+xml", Word + "endnotes+xml",
        Word + "comments+xml", Word + "document.glossary+xml",
    };

    private static readonly HashSet<string> PartTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        RelationshipsType,
        Word + "styles+xml", Word + "numbering+xml", Word + "settings+xml", Word + "webSettings+xml", Word + "fontTable+xml",
        "application/vnd.ms-word.stylesWithEffects+xml", "application/vnd.ms-word.commentsExtended+xml", "application/vnd.ms-word.commentsIds+xml",
        "application/vnd.ms-word.commentsExtensible+xml", "application/vnd.ms-word.people+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-officedocument.obfuscatedFont", "application/x-font-ttf", "application/x-fontdata",
        "application/vnd.openxmlformats-package.core-properties+xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf", "image/emf", "image/wmf",
    };

    /// <summary>Relationship types, after the namespace of the Office relationships (transitional or strict).</summary>
    private static readonly HashSet<string> OfficeRelationships = new(StringComparer.Ordinal)
    {
        "officeDocument", "extended-properties", "custom-properties", "styles", "numbering", "settings", "webSettings", "fontTable", "font",
        "theme", "header", "footer", "footnotes", "endnotes", "comments", "customXml", "customXmlProps", "image", "hyperlink", "glossaryDocument",
    };

    private static readonly HashSet<string> OtherRelationships = new(StringComparer.Ordinal)
    {
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/metadata/core-properties",
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        "http://schemas.microsoft.com/office/2011/relationships/people",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
    };

    private static readonly string[] OfficeRelationshipNamespaces =
    [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/",
    ];

    /// <summary>Whether a part of this name and content type belongs to a plain document.</summary>
    public static bool AllowsPart(string name, string contentType) =>
        TextParts.Contains(contentType) || PartTypes.Contains(contentType)
        // Custom XML items (a form's data binding) are plain XML, but only where Word keeps them.
        || (contentType is "application/xml" or "text/xml" && name.StartsWith("customXml/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The parts whose text may hold field codes.</summary>
    public static bool HoldsFields(string contentType) => TextParts.Contains(contentType);

    public static DocumentProblem ProblemForPart(string name, string contentType)
    {
        var type = contentType.ToLowerInvariant();
        if (type.Contains("macroenabled", StringComparison.Ordinal) || type.Contains("vbaproject", StringComparison.Ordinal)
            || type.Contains("vbadata", StringComparison.Ordinal) || name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentChecks.Macros();
        }

        if (type.Contains("activex", StringComparison.Ordinal) || name.Contains("/activeX/", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentChecks.ActiveX();
        }

        if (type.Contains("oleobject", StringComparison.Ordinal) || type.Contains("package", StringComparison.Ordinal)
            || type.Contains("spreadsheetml", StringComparison.Ordinal) || type.Contains("presentationml", StringComparison.Ordinal)
            || type.Contains("ms-excel", StringComparison.Ordinal) || type.Contains("ms-powerpoint", StringComparison.Ordinal)
            || type.Contains("msword", StringComparison.Ordinal) || name.Contains("/embeddings/", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentChecks.EmbeddedObjects();
        }

        if (type.Contains("rtf", StringComparison.Ordinal) || type.Contains("html", StringComparison.Ordinal) || type.Contains("mht", StringComparison.Ordinal)
            || type.Contains("text/plain", StringComparison.Ordinal) || type.Contains("wordprocessingml.document", StringComparison.Ordinal))
        {
            return ImportedContent();
        }

        if (type.StartsWith("image/", StringComparison.Ordinal))
        {
            return new("editableForm",
                $"Tệp Word có hình ảnh kiểu không được nhận ({Shown(contentType)}). Hãy chèn lại hình dưới dạng PNG hoặc JPEG rồi lưu lại dạng .docx.",
                $"The Word file has a picture of a kind that is not accepted ({Shown(contentType)}). Insert it again as PNG or JPEG and save as .docx.");
        }

        return UnknownPart(name, contentType);
    }

    /// <summary>Null when a relationship is one a plain document has; otherwise why not.</summary>
    public static DocumentProblem? ProblemForRelationship(string type, string target, bool external)
    {
        var office = OfficeRelationshipNamespaces.FirstOrDefault(n => type.StartsWith(n, StringComparison.Ordinal)) is { } ns ? type[ns.Length..] : null;
        var allowed = office is not null ? OfficeRelationships.Contains(office) : OtherRelationships.Contains(type);
        if (allowed && !external)
        {
            return null;
        }

        if (allowed && office == "hyperlink" && DocumentChecks.IsWebOrMail(target))
        {
            return null; // an enterprise's website in its proposal is ordinary
        }

        var last = office ?? type[(type.LastIndexOf('/') + 1)..];
        return last switch
        {
            "vbaProject" or "wordVbaData" or "keyMapCustomizations" => DocumentChecks.Macros(),
            "control" or "activeXControl" or "activeXControlBinary" => DocumentChecks.ActiveX(),
            "oleObject" or "package" => DocumentChecks.EmbeddedObjects(),
            "aFChunk" => ImportedContent(),
            _ when allowed || external || last is "attachedTemplate" or "subDocument" or "frame" => DocumentChecks.ExternalLinks(),
            _ => UnknownPart(last, type),
        };
    }

    private static DocumentProblem ImportedContent() => new("editableForm",
        "Tệp Word chứa nội dung nhập từ tệp khác (altChunk: RTF, HTML hoặc một tài liệu khác). Hãy sao chép nội dung sang một tài liệu Word mới và lưu dạng .docx thường rồi gửi lại.",
        "The Word file contains content imported from another file (altChunk: RTF, HTML or another document). Copy the content into a new Word document, save it as a plain .docx and send that.");

    private static DocumentProblem UnknownPart(string name, string contentType) => new("editableForm",
        $"Tệp Word có thành phần mà tài liệu Word thường không có ({Shown(name)}, {Shown(contentType)}). Hãy sao chép nội dung sang một tài liệu Word mới và lưu dạng .docx rồi gửi lại.",
        $"The Word file has a part a plain Word document does not have ({Shown(name)}, {Shown(contentType)}). Copy the content into a new Word document, save it as .docx and send that.");

    /// <summary>A name from the file, shown back to its sender: short, and only characters that cannot be mistaken for markup.</summary>
    private static string Shown(string text)
    {
        var safe = new string(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '+').Take(80).ToArray());
        return safe.Length == 0 ? "?" : safe;
    }
}
