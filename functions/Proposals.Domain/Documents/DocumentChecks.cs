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

    /// <summary>A DOCX is a ZIP with <c>word/document.xml</c>, without macros, within size bounds.</summary>
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

            long declared = 0;
            var hasDocument = false;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                hasDocument |= entry.FullName == "word/document.xml";
                if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    return [new(Field, "Tệp Word chứa macro; hãy lưu lại dưới dạng .docx.", "The Word file contains macros; save it as .docx.")];
                }
            }

            if (declared > MaxDocxUncompressedBytes)
            {
                return [new(Field, "Tệp Word giải nén quá lớn.", "The Word file is too large once uncompressed.")];
            }

            if (!hasDocument)
            {
                return [new(Field, "Tệp không phải là tài liệu Word (.docx).", "The file is not a Word document (.docx).")];
            }

            return [];
        }
        catch (InvalidDataException)
        {
            return [new(Field, "Tệp không phải là tài liệu Word (.docx) hợp lệ.", "The file is not a valid Word document (.docx).")];
        }
    }
}

public sealed record DocumentProblem(string Field, string Vi, string En);
