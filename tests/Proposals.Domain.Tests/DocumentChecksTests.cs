using System.IO.Compression;
using System.Text;
using Proposals.Domain.Documents;

namespace Proposals.Domain.Tests;

public class DocumentChecksTests
{
    [Fact]
    public void A_PDF_starts_with_its_signature()
    {
        DocumentChecks.CheckPdf(new MemoryStream("%PDF-1.7\n..."u8.ToArray())).ShouldBeEmpty();
        DocumentChecks.CheckPdf(new MemoryStream([0x4D, 0x5A, 0x90, 0x00])).ShouldHaveSingleItem().Field.ShouldBe("signedScan");
        DocumentChecks.CheckPdf(new MemoryStream([])).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_DOCX_is_a_zip_with_word_document_xml() =>
        DocumentChecks.CheckDocx(Zip(("word/document.xml", "<w:document/>"))).ShouldBeEmpty();

    [Fact]
    public void A_zip_without_a_document_is_not_a_DOCX() =>
        DocumentChecks.CheckDocx(Zip(("readme.txt", "x"))).ShouldHaveSingleItem().En.ShouldContain("not a Word document");

    [Fact]
    public void Macros_are_refused() =>
        DocumentChecks.CheckDocx(Zip(("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "x")))
            .ShouldHaveSingleItem().En.ShouldContain("macros");

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused() =>
        DocumentChecks.CheckDocx(new MemoryStream(Encoding.ASCII.GetBytes("just text, not a zip")))
            .ShouldHaveSingleItem().En.ShouldContain("not a valid Word document");

    [Fact]
    public void A_zip_bomb_is_refused_from_its_directory_without_inflating_it()
    {
        // 80 MB of zeros compresses to about 80 KB; the check reads only the declared sizes.
        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("word/document.xml").Open().Dispose();
            using var entry = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 80; i++)
            {
                entry.Write(zeros);
            }
        }

        bomb.Length.ShouldBeLessThan(1024 * 1024);
        bomb.Position = 0;
        DocumentChecks.CheckDocx(bomb).ShouldHaveSingleItem().En.ShouldContain("too large once uncompressed");
    }

    private static MemoryStream Zip(params (string Name, string Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        buffer.Position = 0;
        return buffer;
    }
}
