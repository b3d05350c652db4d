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
        DocumentChecks.CheckDocx(Zip(("word/document.xml", Document))).ShouldBeEmpty();

    [Fact]
    public void A_zip_without_a_document_is_not_a_DOCX() =>
        DocumentChecks.CheckDocx(Zip(("readme.txt", "x"))).ShouldHaveSingleItem().En.ShouldContain("not a Word document");

    [Fact]
    public void Macros_are_refused() =>
        DocumentChecks.CheckDocx(Zip(("word/document.xml", Document), ("word/vbaProject.bin", "x")))
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

    private const string Document = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";

    private static string ContentTypes(string mainType) =>
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        $"<Override PartName=\"/word/document.xml\" ContentType=\"{mainType}\"/></Types>";

    private static string Relationships(string type, string target, bool external = true) =>
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        $"<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}\" Target=\"{target}\"{(external ? " TargetMode=\"External\"" : "")}/></Relationships>";

    public static TheoryData<string, string, string, string> Hostile() => new()
    {
        // A .docm saved under a .docx name: the macro-enabled main part says what it is, even without vbaProject.bin.
        { "a .docm renamed .docx", "[Content_Types].xml", ContentTypes("application/vnd.ms-word.document.macroEnabled.main+xml"), "macros" },
        { "a macro project", "word/vbaProject.bin", "binary", "macros" },
        { "an ActiveX control", "word/activeX/activeX1.xml", "<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>", "ActiveX" },
        { "an embedded OLE object", "word/embeddings/oleObject1.bin", "binary", "embedded (OLE) objects" },
        { "an OLE content type", "[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.oleObject"), "embedded (OLE) objects" },
        { "a remote template", "word/_rels/settings.xml.rels", Relationships("attachedTemplate", "https://attacker.example/t.dotm"), "remote template" },
        { "a linked picture", "word/_rels/document.xml.rels", Relationships("image", "http://attacker.example/pixel.png"), "remote template" },
        { "a link to a network share", "word/_rels/document.xml.rels", Relationships("hyperlink", "file://attacker.example/share/x"), "network share" },
        { "a UNC path", "word/_rels/document.xml.rels", Relationships("hyperlink", "\\\\attacker.example\\share"), "network share" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_Word_file_with_active_or_linked_content_is_refused_with_what_to_do(string what, string part, string content, string expected)
    {
        var problem = DocumentChecks.CheckDocx(Zip(("word/document.xml", Document), (part, content))).ShouldHaveSingleItem(what);

        problem.Field.ShouldBe("editableForm");
        problem.En.ShouldContain(expected);
        problem.En.ShouldContain(".docx");
    }

    [Fact]
    public void Web_and_mail_hyperlinks_and_internal_parts_are_ordinary()
    {
        var rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://cokhi-hp.vn\" TargetMode=\"External\"/>" +
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"mailto:binh.tran@cokhi-hp.vn\" TargetMode=\"External\"/>" +
            "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\"/></Relationships>";

        DocumentChecks.CheckDocx(Zip(("word/document.xml", Document), ("word/_rels/document.xml.rels", rels),
            ("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")))).ShouldBeEmpty();
    }

    [Fact]
    public void A_part_that_inflates_beyond_what_its_directory_declares_is_refused()
    {
        // A relationship part larger than anything a real one is: it is not read into memory whole.
        var huge = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            string.Concat(Enumerable.Repeat("<!-- padding -->", 100_000)) + "</Relationships>";

        DocumentChecks.CheckDocx(Zip(("word/document.xml", Document), ("word/_rels/document.xml.rels", huge)))
            .ShouldHaveSingleItem().En.ShouldContain("not a valid Word document");
    }

    /// <summary>A package of these parts; a Word package always has its content types, so one is added when the test gives none.</summary>
    private static MemoryStream Zip(params (string Name, string Content)[] entries)
    {
        if (!entries.Any(e => e.Name == "[Content_Types].xml"))
        {
            entries = [("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")), .. entries];
        }

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
