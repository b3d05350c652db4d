using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Proposals.LocalHost.Diagnostics;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Bench;

/// <summary>One repeat of the cost part: what the host process spent while a batch of submissions went all the way through.</summary>
internal sealed record CostRun(
    int Submissions,
    double Seconds,
    double CpuMs,
    double IdleCpuMsPerSecond,
    IReadOnlyList<StorageRequestTally> Requests,
    IReadOnlyList<StorageRequestTally> IdleRequests,
    double IdleSeconds,
    long PostBytes)
{
    /// <summary>CPU of the batch with the idle host's own rate (timers, polling) over the same time taken away.</summary>
    public double CpuMsPerSubmission => (CpuMs - IdleCpuMsPerSecond * Seconds) / Submissions;

    public double RawCpuMsPerSubmission => CpuMs / Submissions;

    public double RequestsPerSubmission => Requests.Sum(r => r.Requests) / (double)Submissions;

    /// <summary>Requests of the batch less what an idle host sends over the same time (trigger polling).</summary>
    public double NetRequestsPerSubmission => (Requests.Sum(r => r.Requests) - IdleRequestsPerSecond * Seconds) / Submissions;

    public double IdleRequestsPerSecond => IdleRequests.Sum(r => r.Requests) / IdleSeconds;

    public double BytesSentPerSubmission => Requests.Sum(r => r.BytesSent) / (double)Submissions;

    public double BytesReceivedPerSubmission => Requests.Sum(r => r.BytesReceived) / (double)Submissions;
}

/// <summary>
/// The cost of one classified submission, end to end (issue 23): intake, validate, classify and the receipt
/// email in a local host process of its own, with <see cref="StorageRequestCounter"/> attached to every storage
/// client it has (the pipeline's and the trigger engine's). Per repeat: the idle host's CPU and requests over a
/// quiet window, then a batch posted at a steady rate and waited for until every receipt email is in the outbox;
/// the host's process CPU time (user + system, from the kernel) and the counted requests over that window,
/// divided by the batch. Nothing of the bench's own polling runs through the host's clients.
/// </summary>
internal static class CostBench
{
    public const string CallId = "bench-cost";

    public static async Task<List<CostRun>> MeasureAsync(
        IReadOnlyDictionary<string, string?> baseSettings, string dataDirectory, BenchPayload payload, int submissions, double perSecond, TimeSpan idle, int repeats)
    {
        var settings = new Dictionary<string, string?>(baseSettings)
        {
            ["LocalHost:DataDirectory"] = dataDirectory,
            [StorageRequestCounter.Setting] = "true",
        };
        await using var host = LocalHostProcess.Start(settings);
        await host.WaitUntilReadyAsync("/api/calls/" + CallId);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        using var client = new HttpClient(handler) { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var outbox = Path.Combine(dataDirectory, "outbox");
        var countsFile = Path.Combine(dataDirectory, StorageRequestCountsFile.FileName);
        long postBytes;
        using (var content = payload.Multipart(BenchPayload.Fields(0)))
        {
            postBytes = (await content.ReadAsByteArrayAsync()).Length;
        }

        var sequence = 3_000_000;
        // Warm-up: the JIT (tiered: a method is recompiled after 30 calls), the first connections, the call's
        // first list; not what a busy host pays per submission.
        var warmUp = Math.Min(submissions, 40);
        await PostBatchAsync(client, payload, warmUp, perSecond, () => Interlocked.Increment(ref sequence));
        await WaitForEmailsAsync(outbox, warmUp, TimeSpan.FromSeconds(120));

        var runs = new List<CostRun>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            await Task.Delay(idle / 2); // the previous batch's tail (ledger writes, tiered JIT) settles
            var (idleCpu0, idleCounts0) = await SnapshotAsync(host.Process, countsFile);
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(idle);
            var (idleCpu1, idleCounts1) = await SnapshotAsync(host.Process, countsFile);
            var idleSeconds = idleClock.Elapsed.TotalSeconds;

            var emailsBefore = EmailCount(outbox);
            var clock = Stopwatch.StartNew();
            var errors = await PostBatchAsync(client, payload, submissions, perSecond, () => Interlocked.Increment(ref sequence));
            if (errors > 0)
            {
                throw new InvalidOperationException($"cost: {errors} of {submissions} submissions not accepted");
            }

            await WaitForEmailsAsync(outbox, emailsBefore + submissions, TimeSpan.FromSeconds(120));
            await Task.Delay(500); // the ledger's write after the send, and the counts file's next refresh
            var (cpu, counts) = await SnapshotAsync(host.Process, countsFile);
            var seconds = clock.Elapsed.TotalSeconds;
            runs.Add(new CostRun(
                submissions,
                seconds,
                (cpu - idleCpu1).TotalMilliseconds,
                (idleCpu1 - idleCpu0).TotalMilliseconds / idleSeconds,
                Difference(counts, idleCounts1),
                Difference(idleCounts1, idleCounts0),
                idleSeconds,
                postBytes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cost repeat {repeat + 1}: {runs[^1].CpuMsPerSubmission:0.0} CPU ms and {runs[^1].RequestsPerSubmission:0.0} storage requests a submission ({runs[^1].NetRequestsPerSubmission:0.0} beyond idle polling)"));
        }

        return runs;
    }

    public static string Markdown(List<CostRun> runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text) => md.Append(text).Append('\n');
        double Median(Func<CostRun, double> of) => LatencyStats.Median(runs.Select(of));
        var first = runs[0];
        Line($"### 8. Cost per classified submission (issue 23; {runs.Count} repeats of {first.Submissions} submissions, medians)");
        Line("");
        Line("| measure | median | each repeat |");
        Line("|---|---:|---|");
        void Row(string what, Func<CostRun, double> of, string format) =>
            Line($"| {what} | {Median(of).ToString(format, inv)} | {string.Join(", ", runs.Select(r => of(r).ToString(format, inv)))} |");
        Row("host CPU ms a submission (idle rate taken away)", r => r.CpuMsPerSubmission, "0.0");
        Row("host CPU ms a submission (raw)", r => r.RawCpuMsPerSubmission, "0.0");
        Row("idle host CPU ms a second", r => r.IdleCpuMsPerSecond, "0.0");
        Row("storage requests a submission (all)", r => r.RequestsPerSubmission, "0.0");
        Row("storage requests a submission (less idle polling)", r => r.NetRequestsPerSubmission, "0.0");
        Row("idle host storage requests a second", r => r.IdleRequestsPerSecond, "0.0");
        Row("KB sent to storage a submission", r => r.BytesSentPerSubmission / 1024, "0.0");
        Row("KB received from storage a submission", r => r.BytesReceivedPerSubmission / 1024, "0.0");
        Row("KB posted by the browser a submission", r => r.PostBytes / 1024.0, "0.0");
        Row("window s (post at a steady rate → last receipt email)", r => r.Seconds, "0.0");
        Line("");
        Line("| request kind | a submission (median) | KB sent | KB received | idle a second |");
        Line("|---|---:|---:|---:|---:|");
        foreach (var kind in runs.SelectMany(r => r.Requests.Concat(r.IdleRequests)).Select(t => t.Kind).Distinct().Order(StringComparer.Ordinal))
        {
            StorageRequestTally? Of(IReadOnlyList<StorageRequestTally> list) => list.FirstOrDefault(t => t.Kind == kind);
            var perSubmission = Median(r => (Of(r.Requests)?.Requests ?? 0) / (double)r.Submissions);
            var sent = Median(r => (Of(r.Requests)?.BytesSent ?? 0) / 1024.0 / r.Submissions);
            var received = Median(r => (Of(r.Requests)?.BytesReceived ?? 0) / 1024.0 / r.Submissions);
            var idle = Median(r => (Of(r.IdleRequests)?.Requests ?? 0) / r.IdleSeconds);
            Line(string.Create(inv, $"| {kind} | {perSubmission:0.00} | {sent:0.0} | {received:0.0} | {idle:0.00} |"));
        }

        Line("");
        return md.ToString();
    }

    /// <summary>
    /// The same submission's requests stage by stage, in process over the same Azurite (no trigger engine): intake,
    /// then the examination, which classifies at once and sends the receipt email in the same invocation. The local
    /// host adds what its triggers send (the arrival sweep's listing), which the host-process table shows.
    /// </summary>
    public static async Task<List<(string Stage, List<StorageRequestTally> Requests)>> MeasureStagesAsync(AzuriteFixture azurite, BenchPayload payload)
    {
        var callId = "bench-cost-stages";
        var now = DateTimeOffset.UtcNow;
        var settings = TestCalls.Settings(callId, now.AddDays(3));
        settings[StorageRequestCounter.Setting] = "true";
        settings["Email:MaxPerRecipientPerHour"] = "5"; // the default, which the in-process pipeline of the tests turns off
        await using var pipeline = await PipelineServices.StartAsync(azurite, now, settings);
        var counter = pipeline.Get<StorageRequestCounter>();
        var intake = pipeline.Get<Proposals.Pipeline.Intake.IntakeStage>();
        var examine = pipeline.Get<Proposals.Pipeline.Examine.ExaminationStage>();
        var stages = new List<(string, List<StorageRequestTally>)>();
        for (var n = 0; n < 2; n++) // the first is a warm-up (the receipt-number row of the call is created then)
        {
            var before = counter.Snapshot().ToList();
            var outcome = await intake.SubmitAsync(Incoming.Submission(callId, BenchPayload.Fields(4_000_000 + n), payload.Pdf, payload.Docx), default);
            var submissionId = ((Proposals.Pipeline.Intake.IntakeOutcome.Accepted)outcome).Receipt.SubmissionId;
            var afterIntake = counter.Snapshot().ToList();
            await examine.ExamineAsync(callId, submissionId, default);
            var afterExamine = counter.Snapshot().ToList();
            if (n == 1)
            {
                stages.Add(("intake", Difference(afterIntake, before)));
                stages.Add(("examine + classify + receipt email (one invocation)", Difference(afterExamine, afterIntake)));
            }
        }

        return stages;
    }

    public static string StagesMarkdown(List<(string Stage, List<StorageRequestTally> Requests)> stages)
    {
        var md = new StringBuilder();
        void Line(string text) => md.Append(text).Append('\n');
        Line("| stage (in process, one submission) | requests | of which | KB sent | KB received |");
        Line("|---|---:|---|---:|---:|");
        foreach (var (stage, requests) in stages)
        {
            var kinds = string.Join(", ", requests.Select(r => r.Kind + " ×" + r.Requests.ToString(CultureInfo.InvariantCulture)));
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {stage} | {requests.Sum(r => r.Requests)} | {kinds} | {requests.Sum(r => r.BytesSent) / 1024.0:0.0} | {requests.Sum(r => r.BytesReceived) / 1024.0:0.0} |"));
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"| **all stages** | **{stages.Sum(s => s.Requests.Sum(r => r.Requests))}** | | | |"));
        Line("");
        return md.ToString();
    }

    private static async Task<int> PostBatchAsync(HttpClient client, BenchPayload payload, int count, double perSecond, Func<int> next)
    {
        var errors = 0;
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>();
        for (var n = 0; n < count; n++)
        {
            var due = interval * n;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var number = next();
            posts.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{CallId}/submissions") { Content = payload.Multipart(BenchPayload.Fields(number)) };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Console.WriteLine($"  not accepted: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(posts);
        return errors;
    }

    private static int EmailCount(string outbox) => Directory.Exists(outbox) ? Directory.EnumerateFiles(outbox, "*.eml").Count() : 0;

    private static async Task WaitForEmailsAsync(string outbox, int expected, TimeSpan cap)
    {
        var clock = Stopwatch.StartNew();
        while (EmailCount(outbox) < expected)
        {
            if (clock.Elapsed > cap)
            {
                throw new InvalidOperationException($"cost: {EmailCount(outbox)} of {expected} receipt emails within {cap.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<(TimeSpan Cpu, List<StorageRequestTally> Counts)> SnapshotAsync(Process process, string countsFile)
    {
        await Task.Delay(450); // the host rewrites the file every 200 ms
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var counts = JsonSerializer.Deserialize<List<StorageRequestTally>>(await File.ReadAllBytesAsync(countsFile)) ?? [];
        return (cpu, counts);
    }

    private static List<StorageRequestTally> Difference(List<StorageRequestTally> after, List<StorageRequestTally> before) =>
        after.Select(a => before.FirstOrDefault(b => b.Kind == a.Kind) is { } b
                ? new StorageRequestTally(a.Kind, a.Requests - b.Requests, a.BytesSent - b.BytesSent, a.BytesReceived - b.BytesReceived)
                : a)
            .Where(t => t.Requests > 0)
            .ToList();
}
