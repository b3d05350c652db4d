using System.Diagnostics;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// Converts a Word document to PDF with LibreOffice, as staff and enterprises open our documents in Word
/// or LibreOffice. LibreOffice is installed by .ci/run; without it a test fails, it does not skip, so a
/// missing install step cannot pass unnoticed.
/// </summary>
internal static class LibreOfficeConversion
{
    private static readonly TimeSpan ConversionLimit = TimeSpan.FromSeconds(120);

    /// <summary>Writes <paramref name="docx"/> as <c>{name}.docx</c> in <paramref name="folder"/> and returns the path of the PDF beside it.</summary>
    public static async Task<(string Pdf, TimeSpan Elapsed)> ToPdfAsync(byte[] docx, string name, DirectoryInfo folder)
    {
        var soffice = FindOnPath("soffice")
            ?? throw new InvalidOperationException("LibreOffice is not installed (no 'soffice' on PATH): apt-get install -y libreoffice-writer-nogui, as .ci/run does.");
        var input = Path.Combine(folder.FullName, name + ".docx");
        await File.WriteAllBytesAsync(input, docx);

        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A profile of its own: two conversions sharing one profile block each other or fail.
        start.ArgumentList.Add("-env:UserInstallation=" + new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri);
        foreach (var argument in new[] { "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder.FullName, input })
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
            throw new TimeoutException($"soffice did not convert {name}.docx within {ConversionLimit.TotalSeconds} s.");
        }

        process.ExitCode.ShouldBe(0, $"soffice failed: {await stdout} {await stderr}");
        var pdf = Path.Combine(folder.FullName, name + ".pdf");
        File.Exists(pdf).ShouldBeTrue("LibreOffice wrote no PDF");
        return (pdf, clock.Elapsed);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
