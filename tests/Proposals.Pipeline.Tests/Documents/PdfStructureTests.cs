using System.Text;
using Proposals.LocalHost;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

public class PdfStructureTests
{
    [Fact]
    public void A_genuine_one_page_PDF_passes() =>
        PdfStructure.Check(new MemoryStream(SampleDocuments.Pdf())).ShouldBeNull();

    [Fact]
    public void The_sample_scan_in_the_docs_passes()
    {
        using var sample = File.OpenRead(Path.Combine(RepositoryRoot.Find(), "docs", "samples", "signed-scan.pdf"));

        PdfStructure.Check(sample).ShouldBeNull();
    }

    [Fact]
    public void A_file_that_only_starts_like_a_PDF_is_refused()
    {
        var garbage = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 2_000) + "\n%%EOF\n");

        var problem = PdfStructure.Check(new MemoryStream(garbage)).ShouldNotBeNull();

        problem.Field.ShouldBe("signedScan");
        problem.Vi.ShouldNotBeNullOrWhiteSpace();
        problem.En.ShouldContain("cannot be read");
    }

    [Fact]
    public void A_PDF_without_pages_is_refused()
    {
        var pdf = Encoding.ASCII.GetString(SampleDocuments.Pdf()).Replace("/Kids [3 0 R] /Count 1", "/Kids []      /Count 0", StringComparison.Ordinal);

        PdfStructure.Check(new MemoryStream(Encoding.ASCII.GetBytes(pdf))).ShouldNotBeNull().En.ShouldContain("no pages");
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        PdfStructure.Check(new MemoryStream()).ShouldNotBeNull().Field.ShouldBe("signedScan");
}
