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
    /// A ZIP that cannot be read is not judged here: the validate stage rejects it with its reason.
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
    /// A DOCX is a ZIP with <c>word/document.xml</c>, within size bounds, and without anything that runs or
    /// reaches out when Word opens it (OWASP File Upload): macros (<c>vbaProject.bin</c>, a macro-enabled
    /// content type, so a <c>.docm</c> renamed <c>.docx</c> too), ActiveX controls, embedded OLE objects, and
    /// external relationships: a remote template, a linked image, a link to a file share (which makes Windows
    /// send the reader's NTLM credentials). Web and mail hyperlinks stay allowed: an enterprise's website in
    /// its proposal is ordinary. Decided from the ZIP directory, <c>[Content_Types].xml</c> and the
    /// relationship parts only, each inflated within <see cref="MaxInspectedPartBytes"/>: cheap enough for intake.
    /// </summary>
    public static IReadOnlyList<DocumentProblem> CheckDocx(Stream seekableContent)
    {
        const string Field = "editableForm";
        try
        {
            using var zip = new ZipArchive(seekableContent, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxDocxEntries)
            {
                return [new(Field, "Tệp Word có quá nhiều thành phần.", "The Word file has too many parts.")];
            }

            if (zip.Entries.Sum(e => e.Length) > MaxDocxUncompressedBytes)
            {
                return [new(Field, "Tệp Word giải nén quá lớn.", "The Word file is too large once uncompressed.")];
            }

            if (zip.GetEntry("word/document.xml") is null)
            {
                return [new(Field, "Tệp không phải là tài liệu Word (.docx).", "The file is not a Word document (.docx).")];
            }

            var found = new SortedSet<ActiveContent>();
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.ToLowerInvariant();
                if (name.EndsWith("vbaproject.bin", StringComparison.Ordinal) || name.EndsWith("vbadata.xml", StringComparison.Ordinal))
                {
                    found.Add(ActiveContent.Macros);
                }
                else if (name.Contains("/activex/", StringComparison.Ordinal))
                {
                    found.Add(ActiveContent.ActiveX);
                }
                else if (name.Contains("/embeddings/", StringComparison.Ordinal))
                {
                    found.Add(ActiveContent.EmbeddedObjects);
                }
                else if (name == "[content_types].xml")
                {
                    foreach (var type in Attributes(entry, "ContentType"))
                    {
                        if (type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
                        {
                            found.Add(ActiveContent.Macros);
                        }
                        else if (type.Contains("activeX", StringComparison.OrdinalIgnoreCase))
                        {
                            found.Add(ActiveContent.ActiveX);
                        }
                        else if (type.Contains("oleObject", StringComparison.OrdinalIgnoreCase))
                        {
                            found.Add(ActiveContent.EmbeddedObjects);
                        }
                    }
                }
                else if (name.EndsWith(".rels", StringComparison.Ordinal) && ExternalTargets(entry).Any(IsUnsafeExternal))
                {
                    found.Add(ActiveContent.ExternalLinks);
                }
            }

            return found.Select(kind => ActiveContentProblem(Field, kind)).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            return [new(Field, "Tệp không phải là tài liệu Word (.docx) hợp lệ.", "The file is not a valid Word document (.docx).")];
        }
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

    /// <summary>
    /// An external target that is not an ordinary web or mail hyperlink: anything Word fetches by itself (a
    /// template, an image, an OLE link) or a file or network path, which leaks the reader's NTLM credentials.
    /// </summary>
    private static bool IsUnsafeExternal((string Type, string Target) relationship)
    {
        var isHyperlink = relationship.Type.EndsWith("/hyperlink", StringComparison.OrdinalIgnoreCase);
        var web = relationship.Target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || relationship.Target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || relationship.Target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
        return !(isHyperlink && web);
    }

    private static IEnumerable<(string Type, string Target)> ExternalTargets(ZipArchiveEntry rels)
    {
        using var reader = BoundedXml(rels);
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == "Relationship"
                && string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                yield return (reader.GetAttribute("Type") ?? string.Empty, reader.GetAttribute("Target") ?? string.Empty);
            }
        }
    }

    private static List<string> Attributes(ZipArchiveEntry part, string attribute)
    {
        var values = new List<string>();
        using var reader = BoundedXml(part);
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.GetAttribute(attribute) is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

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
