using System.Diagnostics;
using Proposals.Domain.Documents;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// The generated corpus (<see cref="HostileDocuments"/>): every hostile class is refused with a message that names
/// what was found and what to do, in Vietnamese and English; every benign control passes; nothing throws, and
/// the parser bombs are answered quickly.
/// </summary>
public class HostileDocumentCorpusTests
{
    public static TheoryData<GeneratedDocument> HostilePdfs() => [.. HostileDocuments.HostilePdfs()];

    public static TheoryData<GeneratedDocument> PdfControls() => [.. HostileDocuments.PdfControls()];

    public static TheoryData<GeneratedDocument> HostileDocxs() => [.. HostileDocuments.HostileDocxs()];

    public static TheoryData<GeneratedDocument> DocxControls() => [.. HostileDocuments.DocxControls()];

    [Theory]
    [MemberData(nameof(HostilePdfs))]
    public void A_hostile_PDF_is_refused_with_what_was_found_and_what_to_do(GeneratedDocument document)
    {
        var clock = Stopwatch.StartNew();
        var inspection = PdfStructure.InspectOrThrow(document.Bytes);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a hostile file must not hold intake");
        if (document.Refusal is null)
        {
            inspection.Problems.ShouldBeEmpty(document.Class);
            return;
        }

        inspection.Problems.ShouldNotBeEmpty(document.Class);
        inspection.Problems.ShouldContain(p => p.En.Contains(document.Refusal, StringComparison.Ordinal),
            $"{document.Class}: {string.Join(" | ", inspection.Problems.Select(p => p.En))}");
        inspection.Problems.ShouldAllBe(p => p.Field == "signedScan" && p.Vi.Length > 20 && p.En.Length > 20);
    }

    [Theory]
    [MemberData(nameof(PdfControls))]
    public void A_benign_PDF_passes(GeneratedDocument document)
    {
        var inspection = PdfStructure.InspectOrThrow(document.Bytes);

        inspection.Problems.ShouldBeEmpty($"{document.Class}: {string.Join(" | ", inspection.Problems.Select(p => p.En))}");
        inspection.Pages.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_clicked_web_link_passes_and_is_listed_for_staff()
    {
        var inspection = PdfStructure.Inspect(HostileDocuments.PdfWithWebLink("https://cokhi-hp.vn/gioi-thieu"));

        inspection.Problems.ShouldBeEmpty();
        inspection.Links.ShouldBe(["https://cokhi-hp.vn/gioi-thieu"]);
        inspection.Pages.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(HostileDocxs))]
    public void A_hostile_Word_file_is_refused_with_what_was_found_and_what_to_do(GeneratedDocument document)
    {
        var problems = DocumentChecks.CheckDocxOrThrow(new MemoryStream(document.Bytes));

        problems.ShouldContain(p => p.En.Contains(document.Refusal!, StringComparison.Ordinal),
            $"{document.Class}: {string.Join(" | ", problems.Select(p => p.En))}");
        problems.ShouldAllBe(p => p.Field == "editableForm" && p.Vi.Length > 20 && p.En.Contains(".docx"));
    }

    [Theory]
    [MemberData(nameof(DocxControls))]
    public void A_benign_Word_file_passes(GeneratedDocument document) =>
        DocumentChecks.CheckDocxOrThrow(new MemoryStream(document.Bytes)).ShouldBeEmpty(document.Class);
}
