using System.IO.Compression;

namespace Proposals.Domain.Documents;

/// <summary>
/// Structural checks of the two attachments (OWASP File Upload): magic bytes and, for the DOCX, the
/// ZIP directory, bounded so a zip bomb costs no more than reading its directory.
/// </summary>
public static class DocumentChecks
{
    public const int MaxDocxEntries = 1_000;
    public const long MaxDocxUncompressedBytes = 64L * 1024 * 1024;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Whether the bytes start as a PDF does. Cheap: intake runs it on the first bytes.</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> head) => head.StartsWith(PdfMagic);

    /// <summary>Whether the bytes start as a ZIP (and so possibly a DOCX) does.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.StartsWith(ZipMagic);

    /// <summary>
    /// Whether a ZIP's directory declares more parts or more uncompressed bytes than a DOCX may have.
    /// Reads the directory only, never inflates, so intake can refuse a zip bomb before storing it.
    /// A ZIP that cannot be read is not judged here: the examination stage rejects it with its reason.
    /// </summary>
    public static bool ExceedsDocxBounds(Stream seekableContent)
    {
        try
        {
            using var zip = new ZipArchive(seekableContent, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Count > MaxDocxEntries || zip.Entries.Sum(e => e.Length) > MaxDocxUncompressedBytes;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public static IReadOnlyList<DocumentProblem> CheckPdf(Stream content)
    {
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return LooksLikePdf(head[..read])
            ? []
            : [new("signedScan", "Tệp bản quét không phải là PDF.", "The signed scan is not a PDF file.")];
    }

    /// <summary>The most a part read to be inspected ([Content_Types].xml, a .rels) may inflate to.</summary>
    public const long MaxInspectedPartBytes = 1024 * 1024;

    /// <summary>
    /// A DOCX is a ZIP with <c>word/document.xml</c>, within size bounds, holding only what a plain document holds
    /// (<see cref="DocxAllowlist"/>): every part has an allowed content type, every relationship an allowed type
    /// (external ones only web and mail hyperlinks), no part carries a package or OLE data whatever it is called, and
    /// no field in the text, headers, footers, notes or comments fetches a file, a picture or another program's data
    /// (<c>INCLUDEPICTURE</c>, <c>INCLUDETEXT</c>, <c>LINK</c>, <c>DDE</c>, <c>DDEAUTO</c>, <c>IMPORT</c>). Everything
    /// else (macros, ActiveX, OLE objects, <c>altChunk</c> imports of RTF or HTML, remote templates, linked pictures,
    /// links to a file share, which make Windows send the reader's NTLM credentials) is refused, each with what to do.
    /// Parts are inflated within <see cref="MaxInspectedPartBytes"/> (the text parts within the file's bound): cheap
    /// enough for intake.
    /// </summary>
    public static IReadOnlyList<DocumentProblem> CheckDocx(Stream seekableContent)
    {
        try
        {
            return CheckDocxOrThrow(seekableContent);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException or NotSupportedException or ArgumentException)
        {
            return [NotWord()];
        }
    }

    /// <summary>The check with unexpected exceptions let through (the fuzz target treats any as a crash); a broken ZIP or XML still throws its own.</summary>
    public static IReadOnlyList<DocumentProblem> CheckDocxOrThrow(Stream seekableContent)
    {
        const string Field = "editableForm";
        using var zip = new ZipArchive(seekableContent, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > MaxDocxEntries)
        {
            return [new(Field, "Tệp Word có quá nhiều thành phần.", "The Word file has too many parts.")];
        }

        if (zip.Entries.Sum(e => e.Length) > MaxDocxUncompressedBytes)
        {
            return [new(Field, "Tệp Word giải nén quá lớn.", "The Word file is too large once uncompressed.")];
        }

        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            if (!entries.TryAdd(entry.FullName.TrimStart('/'), entry))
            {
                return [NotWord()]; // two parts of one name: readers disagree on which one counts
            }
        }

        if (!entries.TryGetValue("word/document.xml", out _) || !entries.TryGetValue("[Content_Types].xml", out var contentTypes))
        {
            return [new(Field, "Tệp không phải là tài liệu Word (.docx).", "The file is not a Word document (.docx).")];
        }

        var (defaults, overrides) = ReadContentTypes(contentTypes);
        var found = new SortedDictionary<string, DocumentProblem>(StringComparer.Ordinal);
        void Add(DocumentProblem problem) => found.TryAdd(problem.En, problem);

        foreach (var (name, entry) in entries)
        {
            if (name.EndsWith('/') || name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var type = overrides.GetValueOrDefault("/" + name)
                ?? defaults.GetValueOrDefault(Path.GetExtension(name).TrimStart('.'))
                ?? string.Empty;
            if (SniffsAsPackageOrOle(entry))
            {
                Add(ActiveContentProblem(Field, ActiveContent.EmbeddedObjects)); // whatever the part is called or typed
                continue;
            }

            if (!DocxAllowlist.AllowsPart(name, type))
            {
                Add(DocxAllowlist.ProblemForPart(name, type));
                continue;
            }

            if (type == DocxAllowlist.RelationshipsType)
            {
                foreach (var relationship in Relationships(entry))
                {
                    if (DocxAllowlist.ProblemForRelationship(relationship.Type, relationship.Target, relationship.External) is { } problem)
                    {
                        Add(problem);
                    }
                }
            }
            else if (DocxAllowlist.HoldsFields(type))
            {
                foreach (var field in DocxFields.Instructions(OpenXml(entry, MaxDocxUncompressedBytes)))
                {
                    if (DocxFields.ProblemFor(field) is { } problem)
                    {
                        Add(problem);
                    }
                }
            }
        }

        return [.. found.Values];
    }

    private static DocumentProblem NotWord() =>
        new("editableForm", "Tệp không phải là tài liệu Word (.docx) hợp lệ.", "The file is not a valid Word document (.docx).");

    /// <summary>A ZIP (an Office package) or an OLE compound file, by its first bytes: whatever a part is named, it must not hold one.</summary>
    private static bool SniffsAsPackageOrOle(ZipArchiveEntry entry)
    {
        if (entry.Length < 4)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[8];
        using var stream = new BoundedStream(entry.Open(), MaxDocxUncompressedBytes);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return LooksLikeZip(head[..read]) || head[..read].StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    }

    private static (Dictionary<string, string> Defaults, Dictionary<string, string> Overrides) ReadContentTypes(ZipArchiveEntry part)
    {
        var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var reader = BoundedXml(part);
        while (reader.Read())
        {
            if (reader.NodeType != System.Xml.XmlNodeType.Element || reader.GetAttribute("ContentType") is not { } type)
            {
                continue;
            }

            if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } extension)
            {
                defaults[extension] = type.Trim();
            }
            else if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } name)
            {
                overrides[name] = type.Trim();
            }
        }

        return (defaults, overrides);
    }

    private enum ActiveContent
    {
        Macros,
        ActiveX,
        EmbeddedObjects,
        ExternalLinks,
    }

    private static DocumentProblem ActiveContentProblem(string field, ActiveContent kind) => kind switch
    {
        ActiveContent.Macros => new(field,
            "Tệp Word chứa macro. Hãy mở tệp trong Word, chọn Lưu thành (Save As) kiểu \"Word Document (*.docx)\" rồi gửi lại tệp mới.",
            "The Word file contains macros. Open it in Word, Save As \"Word Document (*.docx)\", and send the new file."),
        ActiveContent.ActiveX => new(field,
            "Tệp Word chứa điều khiển ActiveX. Hãy xoá các điều khiển đó (hoặc dán nội dung sang tệp mới) và lưu lại dạng .docx thường.",
            "The Word file contains ActiveX controls. Remove them (or paste the text into a new file) and save it as a plain .docx."),
        ActiveContent.EmbeddedObjects => new(field,
            "Tệp Word chứa đối tượng nhúng (OLE: bảng tính, tệp đính kèm...). Hãy dán nội dung dưới dạng bảng hoặc hình ảnh và lưu lại dạng .docx thường.",
            "The Word file contains embedded (OLE) objects such as spreadsheets or attached files. Paste their content as a table or picture and save it as a plain .docx."),
        _ => new(field,
            "Tệp Word liên kết ra ngoài (mẫu tài liệu từ xa, hình ảnh liên kết hoặc đường dẫn tới thư mục mạng). Hãy lưu lại thành tệp .docx thường, không dùng mẫu liên kết, và chèn hình ảnh trực tiếp.",
            "The Word file links outside itself (a remote template, a linked picture or a path to a network share). Save it again as a plain .docx without linked templates, with pictures inserted rather than linked."),
    };

    internal static DocumentProblem Macros() => ActiveContentProblem("editableForm", ActiveContent.Macros);

    internal static DocumentProblem ActiveX() => ActiveContentProblem("editableForm", ActiveContent.ActiveX);

    internal static DocumentProblem EmbeddedObjects() => ActiveContentProblem("editableForm", ActiveContent.EmbeddedObjects);

    internal static DocumentProblem ExternalLinks() => ActiveContentProblem("editableForm", ActiveContent.ExternalLinks);

    /// <summary>An external target that is an ordinary web or mail address (and not a file or network path).</summary>
    internal static bool IsWebOrMail(string target) =>
        target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<(string Type, string Target, bool External)> Relationships(ZipArchiveEntry rels)
    {
        using var reader = BoundedXml(rels);
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == "Relationship")
            {
                yield return (reader.GetAttribute("Type") ?? string.Empty, reader.GetAttribute("Target") ?? string.Empty,
                    string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>A text part (the document, a header...) read as XML, streamed, within <paramref name="limit"/> inflated bytes.</summary>
    private static System.Xml.XmlReader OpenXml(ZipArchiveEntry part, long limit) =>
        System.Xml.XmlReader.Create(new BoundedStream(part.Open(), limit), new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit,
            XmlResolver = null,
            CloseInput = true,
        });

    /// <summary>An XML reader over a part that stops at <see cref="MaxInspectedPartBytes"/> inflated and never resolves a DTD.</summary>
    private static System.Xml.XmlReader BoundedXml(ZipArchiveEntry part)
    {
        if (part.Length > MaxInspectedPartBytes)
        {
            throw new InvalidDataException($"{part.FullName} is too large to be an ordinary part.");
        }

        return System.Xml.XmlReader.Create(new BoundedStream(part.Open(), MaxInspectedPartBytes), new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit,
            XmlResolver = null,
            CloseInput = true,
        });
    }

    /// <summary>Reads at most a number of bytes, whatever the ZIP directory claimed (a lying directory is how bombs work).</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, (int)Math.Min(count, limit - _read + 1));
            _read += read;
            return _read > limit ? throw new InvalidDataException("A part inflates beyond what its directory entry declared.") : read;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

public sealed record DocumentProblem(string Field, string Vi, string En);
