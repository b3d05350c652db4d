using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Proposals.Testing;

/// <summary>Small, genuine documents (and deliberately bad ones) made in memory.</summary>
public static class SampleDocuments
{
    /// <summary>
    /// A genuine one-page PDF: three objects, a cross-reference table with their byte offsets and a
    /// trailer, so a real parser (PdfPig) opens it as a reader would, not only by its first bytes.
    /// </summary>
    public static byte[] Pdf() => Pdf(catalogExtra: "");

    /// <summary>
    /// The same PDF with more in it, for the hostile documents of the tests: keys added to the catalog and to
    /// the page, and more objects, numbered from 4 (so the additions can refer to them as <c>4 0 R</c>...).
    /// </summary>
    public static byte[] Pdf(string catalogExtra, string pageExtra = "", params string[] extraObjects)
    {
        string[] objects =
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {pageExtra}>>",
            .. extraObjects,
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length); // ASCII only: characters are bytes
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A PDF of <paramref name="pages"/> blank A4 pages, as PDF software writes one (PDFsharp).</summary>
    public static byte[] PdfWithPages(int pages)
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        for (var i = 0; i < pages; i++)
        {
            document.AddPage();
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A one-page PDF encrypted with a user password, as PDF software writes one (PDFsharp).</summary>
    public static byte[] EncryptedPdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        document.SecuritySettings.UserPassword = "mat-khau";
        document.SecuritySettings.OwnerPassword = "chu-so-huu";
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A minimal Word document: a ZIP holding <c>word/document.xml</c>.</summary>
    public static byte[] Docx(string text = "PHIẾU ĐỀ XUẤT NHIỆM VỤ KH&CN") => Zip(new Dictionary<string, string>
    {
        ["[Content_Types].xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ["_rels/.rels"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ["word/document.xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" +
            $"<w:body><w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p></w:body></w:document>",
    });

    /// <summary>The minimal Word document with another main content type (a .docm's, say).</summary>
    public static byte[] DocxWithContentType(string mainContentType)
    {
        var docx = Docx();
        return Rewrite(docx, "[Content_Types].xml", text => text.Replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", mainContentType, StringComparison.Ordinal));
    }

    /// <summary>The minimal Word document with one external relationship of the main part (a remote template, a linked image...).</summary>
    public static byte[] DocxWithExternalRelationship(string type, string target) => Zip(new Dictionary<string, string>
    {
        ["[Content_Types].xml"] = Read(Docx(), "[Content_Types].xml"),
        ["_rels/.rels"] = Read(Docx(), "_rels/.rels"),
        ["word/document.xml"] = Read(Docx(), "word/document.xml"),
        ["word/_rels/document.xml.rels"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            $"<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}\" Target=\"{target}\" TargetMode=\"External\"/></Relationships>",
    });

    private static string Read(byte[] zip, string part)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry(part)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] Rewrite(byte[] zip, string part, Func<string, string> change)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return Zip(archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            var text = reader.ReadToEnd();
            return e.FullName == part ? change(text) : text;
        }));
    }

    /// <summary>A ZIP named .docx that carries macros, as a .docm saved under the wrong name does.</summary>
    public static byte[] DocxWithMacros() => Zip(new Dictionary<string, string>
    {
        ["[Content_Types].xml"] = Read(Docx(), "[Content_Types].xml"),
        ["_rels/.rels"] = Read(Docx(), "_rels/.rels"),
        ["word/document.xml"] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>",
        ["word/vbaProject.bin"] = "macro",
    });

    /// <summary>A ZIP without <c>word/document.xml</c>.</summary>
    public static byte[] ZipThatIsNotWord() => Zip(new Dictionary<string, string> { ["readme.txt"] = "not a document" });

    /// <summary>An executable's first bytes.</summary>
    public static byte[] Executable() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static readonly DateTimeOffset FixedEntryTime = new(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));

    private static byte[] Zip(Dictionary<string, string> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name);
                // A fixed time: otherwise two samples built either side of a 2-second ZIP tick differ
                // in bytes, and tests that resend "the same" document would see a different one.
                entry.LastWriteTime = FixedEntryTime;
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
