using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Proposals.Domain.Documents;
using Proposals.Pipeline.Documents;
using Proposals.Testing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>The disarmed copies staff open: the pages and the text come across, nothing that acts does.</summary>
public class SafeCopiesTests
{
    [Fact]
    public void The_PDF_copy_keeps_every_page_and_its_drawing_but_no_annotation_action_or_outline()
    {
        var original = HostileDocuments.Pdf("/OpenAction [3 0 R /Fit] /Outlines 6 0 R /PageMode /UseOutlines ", "/Annots [8 0 R] ",
            "<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>", "<< /Title (Trang 1) /Parent 6 0 R /A << /S /GoTo /D [3 0 R /Fit] >> >>",
            "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://cokhi-hp.vn) >> >>");
        PdfStructure.Inspect(original).Problems.ShouldBeEmpty();

        var copy = SafeCopies.Pdf(original).ShouldNotBeNull();

        var inspection = PdfStructure.Inspect(copy);
        inspection.Problems.ShouldBeEmpty();
        inspection.Pages.ShouldBe(1);
        inspection.Links.ShouldBeEmpty();
        var text = Encoding.Latin1.GetString(copy);
        foreach (var gone in new[] { "/OpenAction", "/Outlines", "/Annots", "/URI", "/AA" })
        {
            text.ShouldNotContain(gone);
        }

        text.ShouldContain("/Helvetica"); // the page's font came across with its drawing
    }

    [Fact]
    public void The_PDF_copy_of_a_multi_page_file_with_a_web_link_has_the_same_pages_and_sizes()
    {
        var copy = SafeCopies.Pdf(HostileDocuments.PdfWithWebLink()).ShouldNotBeNull();

        var inspection = PdfStructure.Inspect(copy);
        (inspection.Problems.Count, inspection.Pages, inspection.Links.Count).ShouldBe((0, 2, 0));
    }

    [Fact]
    public void A_PDF_the_reconstruction_cannot_read_gets_no_copy() =>
        SafeCopies.Pdf(Encoding.ASCII.GetBytes("%PDF-1.7\nnothing\n%%EOF")).ShouldBeNull();

    [Fact]
    public void The_Word_copy_keeps_paragraphs_and_table_cells_and_nothing_else()
    {
        var original = HostileDocuments.DocxWithHyperlinkPicturesAndTable();

        var copy = SafeCopies.Docx(original).ShouldNotBeNull();

        DocumentChecks.CheckDocx(new MemoryStream(copy)).ShouldBeEmpty();
        using var document = WordprocessingDocument.Open(new MemoryStream(copy), false);
        var main = document.MainDocumentPart!;
        main.Parts.ShouldBeEmpty(); // no pictures, headers, styles or anything else related
        main.HyperlinkRelationships.ShouldBeEmpty();
        var body = main.Document.Body!;
        body.InnerText.ShouldContain("PHIẾU ĐỀ XUẤT NHIỆM VỤ KH&CN");
        body.InnerText.ShouldContain("cokhi-hp.vn"); // the link's text, not the link
        var table = body.Elements<W.Table>().ShouldHaveSingleItem();
        table.Elements<W.TableRow>().Select(r => r.InnerText).ShouldBe(["STTNội dungKinh phí (triệu đồng)", "1Khảo sát dây chuyền120"]);
        body.Descendants<W.Drawing>().ShouldBeEmpty();
        body.Descendants<W.SimpleField>().ShouldBeEmpty();
    }

    [Fact]
    public void The_Word_copy_of_the_filled_template_keeps_the_answers()
    {
        var copy = SafeCopies.Docx(A1Form.Template()).ShouldNotBeNull();

        using var document = WordprocessingDocument.Open(new MemoryStream(copy), false);
        document.MainDocumentPart!.Document.Body!.InnerText.ShouldNotBeNullOrWhiteSpace();
    }
}
