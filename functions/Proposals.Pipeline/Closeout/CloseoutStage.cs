using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Reconcile;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Closeout;

/// <summary>
/// Stage 4, run by a frequent timer: for each call whose deadline has passed and whose pending report
/// revision is not yet written, wait for the pipeline to drain (up to <see cref="PipelineOptions.DrainTimeout"/>),
/// take one snapshot of the call and write the revision's four files — workbook, Word report,
/// attachments archive, and the manifest last — each under a deterministic name with If-None-Match: *,
/// then email staff once. A second run, a second host or a late timer changes nothing; a crash half
/// way is finished by the next run.
/// </summary>
public sealed partial class CloseoutStage(
    CallCatalog calls,
    SubmissionStore submissions,
    ReportStore reports,
    ReportRevisions revisions,
    LateAttempts lateAttempts,
    ReportLinks reportLinks,
    EmailLedger emails,
    Reconciler reconciler,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<CloseoutStage> logger)
{
    public const int FirstRevision = 1;

    /// <summary>
    /// The staff console opened on the call, as linked from the staff email: it signs staff in (Entra ID
    /// in Azure) and hands out fresh links to every report revision.
    /// </summary>
    public static string StaffReportUrl(PipelineOptions options, string callId) =>
        $"{options.PublicBaseUrl.TrimEnd('/')}/staff/?call={Uri.EscapeDataString(callId)}";

    public async Task<IReadOnlyList<CloseoutOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<CloseoutOutcome>();
        foreach (var call in calls.All)
        {
            outcomes.Add(await CloseAsync(call, cancellationToken));
        }

        return outcomes;
    }

    public async Task<CloseoutOutcome> CloseAsync(CallDefinition call, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = call.Id });
        var now = time.GetUtcNow();
        if (now < call.DeadlineInstant)
        {
            return new(call.Id, CloseoutState.NotDue, 0, 0);
        }

        var runs = await revisions.ListAsync(call.Id, cancellationToken);
        if (ReportRevisions.Pending(runs) is not { } revision)
        {
            var last = runs[^1];
            return new(call.Id, CloseoutState.AlreadyDone, last.SubmissionCount, last.InFlightCount, last.Revision);
        }

        // Repairs what a crash left half-done, so the report counts rows that have their documents.
        await reconciler.ReconcileAsync(call.Id, cancellationToken);
        using var snapshot = await CallSnapshot.TakeAsync(call, submissions, lateAttempts, cancellationToken);
        var summary = snapshot.Summary;

        // Poisoned ones wait for staff, not for the pipeline: waiting for them would only delay the report.
        // Poisoned ones wait for staff to fix a cause, emailed ones for staff to complete them: neither drains by itself.
        var draining = snapshot.Unfinished.Count(r => !r.IsPoisoned && !r.IsWaitingForStaff);
        if (draining > 0 && now < call.DeadlineInstant + options.Value.DrainTimeout)
        {
            LogDraining(logger, call.Id, draining);
            return new(call.Id, CloseoutState.Draining, summary.Received, summary.InFlight, revision);
        }

        var runId = Guid.CreateVersion7(now).ToString("N");
        var files = await WriteFilesAsync(call, revision, runId, snapshot, now, cancellationToken);
        var fileNames = files.Select(f => f.Name).ToList();

        if (call.StaffEmails.Count > 0)
        {
            var links = await reportLinks.LinksAsync(fileNames, options.Value.ReportEmailLinkLifetime, cancellationToken);
            await emails.SendOnceAsync(call.Id, ReportReadyEmail.Kind(revision),
                () => ReportReadyEmail.Compose(call, revision, summary, snapshot.Unfinished, links, StaffReportUrl(options.Value, call.Id)),
                cancellationToken);
        }

        await revisions.CompleteAsync(new CloseoutRun
        {
            PartitionKey = call.Id,
            RowKey = ReportRevisions.Key(revision),
            CompletedAtUtc = time.GetUtcNow(),
            RunId = runId,
            SubmissionCount = summary.Received,
            CountedCount = summary.Counted,
            InFlightCount = summary.InFlight,
            Files = string.Join(',', fileNames),
        }, cancellationToken);
        LogClosed(logger, call.Id, revision, summary.Received, summary.Counted, summary.InFlight);
        return new(call.Id, CloseoutState.Written, summary.Received, summary.InFlight, revision);
    }

    /// <summary>Writes whichever of the revision's files are missing, the manifest last; returns all of them.</summary>
    private async Task<IReadOnlyList<ReportFileEntry>> WriteFilesAsync(
        CallDefinition call, int revision, string runId, CallSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workbook = ReportStore.WorkbookName(call.Id, revision);
        await reports.WriteOnceAsync(workbook, ReportStore.WorkbookContentType,
            file => CloseoutWorkbook.Write(file, call, snapshot.Summary, snapshot.Records, snapshot.LateAttempts, now), cancellationToken);

        var word = ReportStore.WordReportName(call.Id, revision);
        await reports.WriteOnceAsync(word, ReportStore.WordContentType,
            file => CloseoutWordReport.Write(file, call, revision, snapshot.Summary, snapshot.Counted()), cancellationToken);

        var archive = ReportStore.ArchiveName(call.Id, revision);
        await reports.WriteStreamedOnceAsync(archive, "application/zip",
            (stream, token) => AttachmentsArchive.WriteAsync(stream, snapshot.Counted(), submissions, token), cancellationToken);

        var files = new List<ReportFileEntry>();
        foreach (var name in new[] { workbook, word, archive })
        {
            files.Add(await reports.DescribeAsync(name, cancellationToken));
        }

        var manifest = ReportStore.ManifestName(call.Id, revision);
        await reports.WriteOnceAsync(manifest, "application/json; charset=utf-8",
            file => ReportManifest.Write(file, call, revision, runId, now, snapshot.Summary, snapshot.Counted(), snapshot.ExcludedByStaff(), files), cancellationToken);
        files.Add(await reports.DescribeAsync(manifest, cancellationToken));
        return files;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} is past its deadline; waiting for {InFlight} submissions still in the pipeline")]
    private static partial void LogDraining(ILogger logger, string callId, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed call {CallId} revision {Revision}: {Count} submissions, {Counted} counted, {InFlight} still in flight")]
    private static partial void LogClosed(ILogger logger, string callId, int revision, int count, int counted, int inFlight);
}

public enum CloseoutState
{
    NotDue,
    Draining,
    Written,
    AlreadyDone,
}

public sealed record CloseoutOutcome(string CallId, CloseoutState State, int SubmissionCount, int InFlightCount, int Revision = 0);
