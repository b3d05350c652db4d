using Proposals.LocalHost;
using Proposals.Pipeline.Documents;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// Every crash the fuzz targets found (bench/Proposals.Fuzz), kept as a regression case in <c>FuzzFindings/</c>:
/// <c>pdf-*</c> made the PDF check throw; <c>signature-*</c> overflow the stack of PdfPig under the signature
/// reader, which no catch can stop, so the PDF check must refuse them before the signature reader is handed them
/// (intake and the examination stage read signatures only of a PDF the check passed).
/// </summary>
public class FuzzFindingsTests
{
    public static TheoryData<string> Findings() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "tests", "Proposals.Pipeline.Tests", "Documents", "FuzzFindings"))
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_fuzz_finding_is_refused_without_an_exception(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot.Find(), "tests", "Proposals.Pipeline.Tests", "Documents", "FuzzFindings", name));

        var inspection = PdfStructure.InspectOrThrow(bytes);

        inspection.Problems.ShouldNotBeEmpty(name);
    }
}
