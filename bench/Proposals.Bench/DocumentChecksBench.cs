using System.Diagnostics;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Proposals.Domain.Documents;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Bench;

/// <summary>What moving the deep document checks to intake costs and saves (issue 17).</summary>
internal sealed record DocumentCheckMeasurement(
    int PdfBytes,
    int DocxBytes,
    List<double> PdfCheckMs,
    List<double> DocxCheckMs,
    List<double> IntakeMs,
    int ValidateRequestsNow,
    long ValidateDownloadedNow,
    int ValidateRequestsBefore,
    long ValidateDownloadedBefore);

/// <summary>
/// At the 10 MB limit of each document: the time of intake's deep checks of the PDF (PdfPig's parse and the
/// active-content scan) and of the DOCX (the package's parts and relationships, then opening it as a Word
/// form), each on its own, and a whole in-process intake (checks, two uploads, the row, submission.json) over
/// Azurite. Then the validate stage's storage requests, counted from the Azure SDK's own event source, for a
/// submission intake checked (it downloads only the Word form, to compare it) and for one that arrived
/// unchecked (it downloads both, as every submission did before).
/// </summary>
internal static class DocumentChecksBench
{
    public const int DocumentBytes = 10 * 1024 * 1024 - 4096; // just under the limit, with room for the fields

    public static async Task<DocumentCheckMeasurement> MeasureAsync(AzuriteFixture azurite, int repeats)
    {
        var pdf = BenchPayload.PaddedPdf(DocumentBytes);
        var docx = BenchPayload.LargeDocx(DocumentBytes);

        var pdfMs = Times(repeats, () => PdfStructure.Check(new MemoryStream(pdf)).Count.ShouldBe0("the bench PDF is clean"));
        var docxMs = Times(repeats, () =>
        {
            using var content = new MemoryStream(docx);
            DocumentChecks.CheckDocx(content).Count.ShouldBe0("the bench DOCX is clean");
            content.Position = 0;
            _ = WordFormReader.TryRead(content, DocumentChecks.MaxDocxUncompressedBytes) ?? throw new InvalidOperationException("the bench DOCX does not open");
        });

        var callId = "bench-documents";
        var now = DateTimeOffset.UtcNow;
        await using var pipeline = await PipelineServices.StartAsync(azurite, now, TestCalls.Settings(callId, now.AddDays(3)));
        var intake = pipeline.Get<IntakeStage>();
        var ids = new List<string>();
        var intakeMs = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await intake.SubmitAsync(Incoming.Submission(callId, BenchPayload.Fields(i), pdf, docx), default);
            intakeMs.Add(clock.Elapsed.TotalMilliseconds);
            ids.Add(((IntakeOutcome.Accepted)outcome).Receipt.SubmissionId);
        }

        var validate = pipeline.Get<ExaminationStage>();
        var (requestsNow, bytesNow) = await CountAsync(() => validate.ExamineAsync(callId, ids[0], default));
        var arrivedUnchecked = await pipeline.SubmitUncheckedAsync(Incoming.Submission(callId, BenchPayload.Fields(repeats), pdf, docx));
        var (requestsBefore, bytesBefore) = await CountAsync(() => validate.ExamineAsync(callId, arrivedUnchecked.Receipt.SubmissionId, default));
        return new(pdf.Length, docx.Length, pdfMs, docxMs, intakeMs, requestsNow, bytesNow, requestsBefore, bytesBefore);
    }

    private static List<double> Times(int repeats, Action run)
    {
        run(); // warm up: JIT and the first allocations are not what a busy instance pays
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>Storage requests the SDK sends while <paramref name="work"/> runs, and the bytes of the GET answers (downloads).</summary>
    private static async Task<(int Requests, long Bytes)> CountAsync(Func<Task> work)
    {
        var requests = 0;
        long bytes = 0;
        var methods = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        using (new AzureEventSourceListener((e, _) =>
        {
            if (e.EventName == "Request")
            {
                Interlocked.Increment(ref requests);
                methods[Payload(e, "requestId") ?? string.Empty] = Payload(e, "method") ?? string.Empty;
            }
            else if (e.EventName == "Response" && methods.TryGetValue(Payload(e, "requestId") ?? string.Empty, out var method)
                && method == "GET" && ContentLength(Payload(e, "headers")) is { } length)
            {
                Interlocked.Add(ref bytes, length); // a HEAD's Content-Length is the blob's size, not bytes received
            }
        }, EventLevel.Informational))
        {
            await work();
        }

        return (requests, bytes);
    }

    private static string? Payload(EventWrittenEventArgs e, string name) =>
        e.PayloadNames?.IndexOf(name) is { } index and >= 0 ? e.Payload![index]?.ToString() : null;

    private static long? ContentLength(string? headers)
    {
        var line = headers?.Split('\n').FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return line is not null && long.TryParse(line["Content-Length:".Length..].Trim(), out var length) ? length : null;
    }

    private static void ShouldBe0(this int count, string what)
    {
        if (count != 0)
        {
            throw new InvalidOperationException(what + $": {count} problems");
        }
    }
}
