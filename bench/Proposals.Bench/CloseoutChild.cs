using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Proposals.Pipeline;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Bench;

/// <summary>What a closeout child reports on its last output line.</summary>
/// <param name="SnapshotSeconds">Mode <c>workbook</c>: the part of <paramref name="Seconds"/> spent taking the snapshot.</param>
/// <param name="Bytes">Mode <c>workbook</c>: the workbook's size.</param>
public sealed record CloseoutMeasurement(string Mode, int Rows, double Seconds, double PeakMegabytes, string Outcome, double? SnapshotSeconds = null, long? Bytes = null);

/// <summary>
/// The closeout in a process of its own, so its peak resident memory (VmHWM) is the closeout's and not
/// the bench's. Mode <c>report</c>: the real <see cref="CloseoutStage.CloseAsync"/> (reconcile, snapshot,
/// workbook, Word report, manifest) with the attachments archive already present (an empty one put there
/// first: the stage keeps an existing file, so the archive is left to mode <c>zip</c>, which streams the
/// archive of a call whose documents are seeded). Mode <c>workbook</c>: the call workbook alone, as the closeout
/// makes it (the snapshot, then <see cref="CloseoutWorkbook.Write"/> into the reports container): what the national
/// workbook of issue 24 is compared with.
/// </summary>
public static class CloseoutChild
{
    public const string Flag = "--closeout-child";

    public static async Task<int> RunAsync(string[] args)
    {
        // --closeout-child <mode> <connection string> <callId> <receiptPrefix> <rows>
        var (mode, connection, callId, prefix, rows) = (args[1], args[2], args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture));
        var deadline = new DateTimeOffset(2027, 4, 30, 17, 0, 0, TimeSpan.Zero);
        var settings = TestCalls.Settings(callId, deadline);
        settings[$"Calls:{callId}:ReceiptPrefix"] = prefix;
        var configuration = new ConfigurationBuilder()
            .AddCallFiles()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageRegistration.ConnectionSetting] = connection,
                ["Email:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "bench-outbox-" + callId),
                ["TrackingTokens:Key"] = PipelineServices.TrackingTokenKey,
            })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(deadline.AddHours(2)));
        services.AddProposalPipeline(configuration);
        await using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<PipelineStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var call = provider.GetRequiredService<CallCatalog>().Find(callId) ?? throw new InvalidOperationException("No call " + callId);

        string outcome;
        double? snapshotSeconds = null;
        long? bytes = null;
        var clock = Stopwatch.StartNew();
        if (mode == "report")
        {
            var archive = storage.Reports.GetBlobClient(ReportStore.ArchiveName(callId, CloseoutStage.FirstRevision));
            await archive.UploadAsync(BinaryData.FromBytes([]), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { [ReportStore.Sha256Metadata] = new string('0', 64) },
            });
            clock.Restart();
            var result = await provider.GetRequiredService<CloseoutStage>().CloseAsync(call, CancellationToken.None);
            outcome = $"{result.State}, {result.SubmissionCount} rows";
        }
        else if (mode == "workbook")
        {
            var submissions = provider.GetRequiredService<Proposals.Pipeline.Submissions.SubmissionStore>();
            var lateAttempts = provider.GetRequiredService<LateAttempts>();
            var name = ReportStore.WorkbookName(callId, 9);
            await storage.Reports.GetBlobClient(name).DeleteIfExistsAsync();
            var now = deadline.AddHours(2);
            clock.Restart();
            using var snapshot = await CallSnapshot.TakeAsync(call, submissions, lateAttempts, CancellationToken.None);
            snapshotSeconds = clock.Elapsed.TotalSeconds;
            await provider.GetRequiredService<ReportStore>().WriteOnceAsync(name, ReportStore.WorkbookContentType,
                file => CloseoutWorkbook.Write(file, call, snapshot.Summary, snapshot.Records, snapshot.LateAttempts, now), CancellationToken.None);
            bytes = (await storage.Reports.GetBlobClient(name).GetPropertiesAsync()).Value.ContentLength;
            outcome = $"{snapshot.Summary.Counted} counted rows, {bytes / 1024.0 / 1024.0:0.0} MB workbook";
        }
        else
        {
            var lateAttempts = provider.GetRequiredService<Proposals.Pipeline.Deadlines.LateAttempts>();
            var submissions = provider.GetRequiredService<Proposals.Pipeline.Submissions.SubmissionStore>();
            using var snapshot = await CallSnapshot.TakeAsync(call, submissions, lateAttempts, CancellationToken.None);
            var reports = provider.GetRequiredService<ReportStore>();
            var name = ReportStore.ArchiveName(callId, 9);
            await reports.WriteStreamedOnceAsync(name, "application/zip",
                (stream, token) => AttachmentsArchive.WriteAsync(stream, snapshot.Counted(), submissions, token), CancellationToken.None);
            var archiveBytes = (await storage.Reports.GetBlobClient(name).GetPropertiesAsync()).Value.ContentLength;
            outcome = $"{archiveBytes / 1024.0 / 1024.0:0.0} MB archive";
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new CloseoutMeasurement(mode, rows, seconds, PeakResidentMegabytes(), outcome, snapshotSeconds, bytes)));
        return 0;
    }

    /// <summary>VmHWM: the peak resident set of this process.</summary>
    public static double PeakResidentMegabytes() => PeakResidentMegabytes("self");

    /// <summary>VmHWM of process <paramref name="pid"/> (<c>self</c>, or another process's id): its peak resident set so far.</summary>
    public static double PeakResidentMegabytes(string pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Runs this executable again as a child and reads its measurement.</summary>
    public static async Task<CloseoutMeasurement> MeasureAsync(string mode, string connection, string callId, string prefix, int rows)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CloseoutChild).Assembly.Location);
        }

        foreach (var argument in new[] { Flag, mode, connection, callId, prefix, rows.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || last is null)
        {
            throw new InvalidOperationException($"The closeout child failed ({process.ExitCode}): {output}{await error}");
        }

        return JsonSerializer.Deserialize<CloseoutMeasurement>(last)!;
    }
}
