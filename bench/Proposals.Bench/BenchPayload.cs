using System.Globalization;
using System.IO.Compression;
using System.Text;
using Proposals.Testing;

namespace Proposals.Bench;

/// <summary>
/// What one bench client sends: the sample proposal's Vietnamese fields from an enterprise of its own, a
/// genuine ~200 KB PDF and a genuine ~50 KB DOCX (the same bytes for every request, as a rush would bring).
/// </summary>
public sealed class BenchPayload
{
    public const int PdfBytes = 200 * 1024;
    public const int DocxBytes = 50 * 1024;

    public byte[] Pdf { get; } = PaddedPdf(PdfBytes);

    public byte[] Docx { get; } = LargeDocx(DocxBytes);

    /// <summary>A proposal of its own: unique tax code (no supersession, no duplicate link) and contact address.</summary>
    public static Dictionary<string, string> Fields(int n) => SampleProposal.Fields(f =>
    {
        f["taxCode"] = SampleProposal.UniqueTaxCode();
        f["contactEmail"] = string.Create(CultureInfo.InvariantCulture, $"bench-{n}-{Guid.NewGuid():N}@example.vn");
        f["enterpriseName"] = string.Create(CultureInfo.InvariantCulture, $"Công ty TNHH Cơ khí Chính xác Hải Phòng số {n}");
    });

    public MultipartFormDataContent Multipart(Dictionary<string, string> fields) => SampleProposal.Multipart(fields, Pdf, Docx);

    /// <summary>The sample PDF's three objects plus an unreferenced binary stream object, with a correct xref.</summary>
    public static byte[] PaddedPdf(int size)
    {
        var random = new Random(7);
        var padding = new byte[size - 600];
        random.NextBytes(padding);
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Ascii(string s) => pdf.Write(Encoding.ASCII.GetBytes(s));
        Ascii("%PDF-1.4\n");
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Ascii(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n"));
        }

        offsets.Add(pdf.Position);
        Ascii(string.Create(CultureInfo.InvariantCulture, $"4 0 obj\n<< /Length {padding.Length} >>\nstream\n"));
        pdf.Write(padding);
        Ascii("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Ascii(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Ascii(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Ascii(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary>The sample DOCX with Vietnamese paragraphs and an embedded image-like part until it is ~<paramref name="size"/> bytes.</summary>
    public static byte[] LargeDocx(int size)
    {
        var sample = SampleDocuments.Docx("PHIẾU ĐỀ XUẤT NHIỆM VỤ KH&CN — Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí");
        var random = new Random(11);
        using var buffer = new MemoryStream();
        buffer.Write(sample);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var media = new byte[size - sample.Length - 200];
            random.NextBytes(media); // incompressible, like a photo in the form
            var entry = zip.CreateEntry("word/media/image1.png", CompressionLevel.NoCompression);
            entry.LastWriteTime = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));
            using (var stream = entry.Open())
            {
                stream.Write(media);
            }

            // Declared the way Word declares a picture, so the document check sees an ordinary part.
            Replace(zip, "[Content_Types].xml", text => text.Replace("<Default Extension=\"xml\"",
                "<Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"xml\"", StringComparison.Ordinal));
            Replace(zip, "word/_rels/document.xml.rels", _ =>
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\"/></Relationships>");
        }

        return buffer.ToArray();
    }

    private static void Replace(ZipArchive zip, string part, Func<string, string> change)
    {
        var existing = zip.GetEntry(part);
        var text = string.Empty;
        if (existing is not null)
        {
            using (var reader = new StreamReader(existing.Open()))
            {
                text = reader.ReadToEnd();
            }

            existing.Delete();
        }

        using var writer = new StreamWriter(zip.CreateEntry(part).Open());
        writer.Write(change(text));
    }
}
