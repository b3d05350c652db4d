using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// The one inspection every path runs (web intake, paper entry, inbound email, the examination stage): hostile and broken
/// bytes become findings, never an exception, whatever kind of stream they come in.
/// </summary>
public sealed class DocumentInspectionTests
{
    public static TheoryData<string, string, byte[]> HostileFiles => new()
    {
        { "signedScan", "an executable named .pdf", SampleDocuments.Executable() },
        { "signedScan", "a ZIP as the scan", SampleDocuments.Docx() },
        { "signedScan", "a PDF that only starts like one", "%PDF-1.7\nnot a PDF body"u8.ToArray() },
        { "signedScan", "a PDF with script", SampleDocuments.Pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ") },
        { "signedScan", "an encrypted PDF", SampleDocuments.EncryptedPdf() },
        { "signedScan", "no bytes at all", [] },
        { "editableForm", "a PDF as the Word form", SampleDocuments.Pdf() },
        { "editableForm", "a ZIP that is no Word document", SampleDocuments.ZipThatIsNotWord() },
        { "editableForm", "a Word document with macros", SampleDocuments.DocxWithMacros() },
        { "editableForm", "a link to a file share", SampleDocuments.DocxWithExternalRelationship("http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", "file://attacker/share/t.dotm") },
        { "editableForm", "no bytes at all", [] },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void A_hostile_or_broken_file_is_a_finding_that_stops_it_however_it_is_read(string field, string what, byte[] bytes)
    {
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new ForwardOnlyStream(bytes) })
        {
            var inspected = DocumentInspection.Inspect(field, stream, "tep.bin", maxPages: 4);

            inspected.IsSafe.ShouldBeFalse(what);
            inspected.Findings.ShouldAllBe(f => f.Error.Field == field);
            inspected.Form.ShouldBeNull();
        }
    }

    [Fact]
    public void A_clean_scan_over_the_page_limit_breaks_a_rule_of_the_form_but_is_safe()
    {
        var inspected = DocumentInspection.Inspect("signedScan", new MemoryStream(SampleDocuments.PdfWithPages(3)), "ban-quet.pdf", maxPages: 2);

        inspected.IsSafe.ShouldBeTrue("a long scan is not a danger: the examination stage still copies it safe and checks its signatures");
        inspected.Findings.ShouldHaveSingleItem().Kind.ShouldBe(DocumentFindingKind.BreaksFormRule);
        inspected.Pages.ShouldBe(3);
        inspected.IsSigned.ShouldBeFalse();
    }

    [Fact]
    public void A_clean_Word_form_is_clean_and_its_content_is_read_once_for_the_caller()
    {
        var caller = new MemoryStream(SampleDocuments.Docx());
        var inspected = DocumentInspection.Inspect("editableForm", caller, "phieu.docx", maxPages: null);

        inspected.IsClean.ShouldBeTrue();
        inspected.Form.ShouldNotBeNull();
        caller.CanRead.ShouldBeTrue("the caller's stream stays the caller's");
    }

    /// <summary>A request body that can be read once, front to back (a form file not buffered).</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
