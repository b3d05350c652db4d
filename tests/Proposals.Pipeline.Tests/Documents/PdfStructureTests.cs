using System.Text;
using Proposals.LocalHost;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>The signed scan's deep check: it opens, has a page, and carries nothing that runs, hides or locks.</summary>
public class PdfStructureTests
{
    [Fact]
    public void A_genuine_one_page_PDF_passes() =>
        PdfStructure.Check(new MemoryStream(SampleDocuments.Pdf())).ShouldBeEmpty();

    [Fact]
    public void The_sample_scan_in_the_docs_passes()
    {
        using var sample = File.OpenRead(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "signed-scan.pdf"));

        PdfStructure.Check(sample).ShouldBeEmpty();
    }

    [Fact]
    public void A_file_that_only_starts_like_a_PDF_is_refused()
    {
        var garbage = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 2_000) + "\n%%EOF\n");

        var problem = PdfStructure.Check(new MemoryStream(garbage)).ShouldHaveSingleItem();

        problem.Field.ShouldBe("signedScan");
        problem.Vi.ShouldNotBeNullOrWhiteSpace();
        problem.En.ShouldContain("cannot be read");
    }

    [Fact]
    public void A_PDF_without_pages_is_refused()
    {
        var pdf = Encoding.ASCII.GetString(SampleDocuments.Pdf()).Replace("/Kids [3 0 R] /Count 1", "/Kids []      /Count 0", StringComparison.Ordinal);

        PdfStructure.Check(new MemoryStream(Encoding.ASCII.GetBytes(pdf))).ShouldHaveSingleItem().En.ShouldContain("no pages");
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        PdfStructure.Check(new MemoryStream()).ShouldHaveSingleItem().Field.ShouldBe("signedScan");

    public static TheoryData<string, byte[]> Hostile() => new()
    {
        { "script run when the file opens", SampleDocuments.Pdf("/OpenAction 4 0 R ", "", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>") },
        { "a document-level script", SampleDocuments.Pdf("/Names << /JavaScript << /Names [(init) 4 0 R] >> >> ", "", "<< /S /JavaScript /JS (this.print\\(\\)) >>") },
        { "a program launched when the file opens", SampleDocuments.Pdf("/OpenAction << /S /Launch /F (cmd.exe) >> ") },
        { "script run when the page opens", SampleDocuments.Pdf("", "/AA << /O << /S /JavaScript /JS (x) >> >> ") },
        { "an embedded file", SampleDocuments.Pdf("/Names << /EmbeddedFiles << /Names [(hoa-don.exe) 4 0 R] >> >> ", "",
            "<< /Type /Filespec /F (hoa-don.exe) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 3 >>\nstream\nMZ!\nendstream") },
        { "rich media", SampleDocuments.Pdf("", "/Annots [4 0 R] ", "<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>") },
        { "an XFA form", SampleDocuments.Pdf("/AcroForm << /Fields [] /XFA 4 0 R >> ", "", "<< /Length 0 >>\nstream\n\nendstream") },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_PDF_with_active_content_is_refused_with_what_to_do(string what, byte[] pdf)
    {
        var problem = PdfStructure.Check(new MemoryStream(pdf)).ShouldHaveSingleItem(what);

        problem.Field.ShouldBe("signedScan");
        problem.Vi.ShouldContain("quét lại");
        problem.En.ShouldContain("print the file to PDF");
    }

    [Fact]
    public void An_open_action_that_only_goes_to_the_first_page_passes() =>
        PdfStructure.Check(new MemoryStream(SampleDocuments.Pdf("/OpenAction [3 0 R /Fit] "))).ShouldBeEmpty();

    [Fact]
    public void An_encrypted_PDF_is_refused_because_staff_could_not_open_it() =>
        PdfStructure.Check(new MemoryStream(SampleDocuments.EncryptedPdf())).ShouldHaveSingleItem().En.ShouldContain("password-protected or encrypted");
}
