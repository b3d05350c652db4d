using System.Diagnostics;
using PdfSharp.Drawing;
using Proposals.Pipeline.Documents;
using SkiaSharp;

namespace Proposals.Bench;

/// <summary>The safe copies of a 10 MB scan and a 10 MB Word file (issue 21), per run, with the PDF check of the scan.</summary>
internal sealed record SafeCopyMeasurement(
    int PdfBytes,
    int Pages,
    List<double> PdfCopyMs,
    long PdfCopyAllocatedBytes,
    long PdfCopyPeakWorkingSetGrowth,
    int PdfCopyBytes,
    List<double> PdfInspectMs,
    int DocxBytes,
    List<double> DocxCopyMs,
    long DocxCopyAllocatedBytes,
    int DocxCopyBytes);

/// <summary>
/// What the disarmed copies cost at the 10 MB limit, on a PDF shaped like a scanner's (one JPEG per A4 page at
/// 150 dpi, noise so it does not compress away) and on the bench's 10 MB Word file: wall time per document and per
/// page, bytes allocated (GC.GetAllocatedBytesForCurrentThread) and how far the process's peak working set grew.
/// The same PDF is run through the check intake runs (<see cref="PdfStructure.Inspect(byte[])"/>).
/// </summary>
internal static class SafeCopyBench
{
    public static SafeCopyMeasurement Measure(int repeats, byte[] docx)
    {
        var pdf = ScannedPdf(DocumentChecksBench.DocumentBytes, out var pages);
        if (PdfStructure.Inspect(pdf).Problems.Count > 0)
        {
            throw new InvalidOperationException("the bench scan does not pass the PDF check");
        }

        var inspectMs = Times(repeats, () => PdfStructure.Inspect(pdf));
        var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var (pdfMs, pdfAllocated, pdfCopy) = Copy(repeats, () => SafeCopies.Pdf(pdf));
        var peakGrowth = Process.GetCurrentProcess().PeakWorkingSet64 - peakBefore;
        var (docxMs, docxAllocated, docxCopy) = Copy(repeats, () => SafeCopies.Docx(docx));
        return new(pdf.Length, pages, pdfMs, pdfAllocated, peakGrowth, pdfCopy.Length, inspectMs, docx.Length, docxMs, docxAllocated, docxCopy.Length);
    }

    private static (List<double> Ms, long AllocatedPerRun, byte[] Copy) Copy(int repeats, Func<byte[]?> copy)
    {
        var first = copy() ?? throw new InvalidOperationException("no safe copy was made");
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var times = Times(repeats, () => copy());
        return (times, (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (repeats + 1), first);
    }

    private static List<double> Times(int repeats, Action run)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>A scanner's PDF just under <paramref name="size"/>: A4 pages, each one noisy 150 dpi JPEG drawn full-page.</summary>
    public static byte[] ScannedPdf(int size, out int pages)
    {
        var random = new Random(21);
        using var bitmap = new SKBitmap(1240, 1754, SKColorType.Gray8, SKAlphaType.Opaque);
        var pixels = new byte[bitmap.ByteCount];
        using var document = new PdfSharp.Pdf.PdfDocument();
        long written = 0;
        pages = 0;
        while (true)
        {
            random.NextBytes(pixels);
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
            using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 40);
            var bytes = jpeg.ToArray();
            if (written + bytes.Length + 4096 > size)
            {
                break;
            }

            var page = document.AddPage();
            page.Width = XUnit.FromPoint(595);
            page.Height = XUnit.FromPoint(842);
            using (var graphics = XGraphics.FromPdfPage(page))
            using (var image = XImage.FromStream(new MemoryStream(bytes)))
            {
                graphics.DrawImage(image, 0, 0, 595, 842);
            }

            written += bytes.Length;
            pages++;
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
