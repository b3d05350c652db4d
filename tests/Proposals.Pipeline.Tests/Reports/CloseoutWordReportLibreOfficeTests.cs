using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Reports;

/// <summary>
/// Staff open the report in Word or LibreOffice: a real office suite must read it without a repair
/// prompt and lay it out. LibreOffice is installed by .ci/run; without it this test fails, it does
/// not skip, so a missing install step cannot pass unnoticed.
/// </summary>
public sealed class CloseoutWordReportLibreOfficeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ConversionLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task LibreOffice_converts_the_report_to_a_pdf_that_shows_the_national_emblem_lines()
    {
        var soffice = FindOnPath("soffice")
            ?? throw new InvalidOperationException("LibreOffice is not installed (no 'soffice' on PATH): apt-get install -y libreoffice-writer-nogui, as .ci/run does.");
        var folder = Directory.CreateTempSubdirectory("closeout-docx-");
        try
        {
            var docx = Path.Combine(folder.FullName, "closeout.docx");
            await File.WriteAllBytesAsync(docx, CloseoutWordReportTests.Write(revision: 2));

            var elapsed = await ConvertToPdf(soffice, docx, folder.FullName);
            output.WriteLine($"LibreOffice converted the report in {elapsed.TotalSeconds:F1} s");

            var pdf = Path.Combine(folder.FullName, "closeout.pdf");
            File.Exists(pdf).ShouldBeTrue("LibreOffice wrote no PDF");
            ReportArtifacts.Save("closeout-r2.pdf", await File.ReadAllBytesAsync(pdf));
            using var document = PdfDocument.Open(pdf);
            document.NumberOfPages.ShouldBeGreaterThanOrEqualTo(1);
            var firstPage = Squeeze(document.GetPage(1).Text);
            firstPage.ShouldContain(Squeeze("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
            firstPage.ShouldContain(Squeeze("BÁO CÁO"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<TimeSpan> ConvertToPdf(string soffice, string docx, string outputFolder)
    {
        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A profile of its own: two conversions sharing one profile block each other or fail.
        start.ArgumentList.Add("-env:UserInstallation=" + new Uri(Path.Combine(outputFolder, "profile")).AbsoluteUri);
        foreach (var argument in new[] { "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outputFolder, docx })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(ConversionLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soffice did not convert the report within {ConversionLimit.TotalSeconds} s.");
        }

        process.ExitCode.ShouldBe(0, $"soffice failed: {await stdout} {await stderr}");
        return clock.Elapsed;
    }

    /// <summary>PDF text comes back with its own spacing and sometimes decomposed accents.</summary>
    private static string Squeeze(string text) =>
        new(text.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
