using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Reconcile;
using Proposals.Pipeline.Reports;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout;

/// <summary>
/// Stage 4, run by a frequent timer: for each call whose deadline has passed and whose report is not
/// yet written, wait for the pipeline to drain (up to <see cref="PipelineOptions.DrainTimeout"/>),
/// then write the report under a deterministic name with If-None-Match: * and email staff once. A
/// second run, a second host or a late timer changes nothing.
/// </summary>
public sealed partial class CloseoutStage(
    CallCatalog calls,
    SubmissionRepository submissions,
    PipelineStorage storage,
    EmailLedger emails,
    Reconciler reconciler,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<CloseoutStage> logger)
{
    public const int FirstRevision = 1;

    public static string ReportFolder(string callId, int revision) => $"{callId}/r{revision:D3}/";

    public static string WorkbookName(string callId, int revision) => ReportFolder(callId, revision) + $"{callId}-tong-hop-de-xuat.xlsx";

    /// <summary>The staff route listing a call's report files, as linked from the staff email.</summary>
    public static string StaffReportUrl(PipelineOptions options, string callId) =>
        $"{options.ApiBase}/api/staff/calls/{Uri.EscapeDataString(callId)}/report";

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

        var runKey = $"r{FirstRevision:D3}";
        var run = await storage.CloseoutRunsTable.GetEntityIfExistsAsync<CloseoutRun>(call.Id, runKey, cancellationToken: cancellationToken);
        if (run.HasValue && run.Value!.CompletedAtUtc is not null)
        {
            return new(call.Id, CloseoutState.AlreadyDone, run.Value.SubmissionCount, run.Value.InFlightCount);
        }

        // Repairs what a crash left half-done, so the report counts rows that have their documents.
        await reconciler.ReconcileAsync(call.Id, cancellationToken);
        var records = await submissions.ListAsync(call.Id, cancellationToken);
        var unfinished = records.Where(r => !r.HasLeftPipeline).ToList();
        var inFlight = unfinished.Count;

        // Poisoned ones wait for staff, not for the pipeline: waiting for them would only delay the report.
        var draining = unfinished.Count(r => !r.IsPoisoned);
        if (draining > 0 && now < call.DeadlineInstant + options.Value.DrainTimeout)
        {
            LogDraining(logger, call.Id, draining);
            return new(call.Id, CloseoutState.Draining, records.Count, inFlight);
        }

        var workbookName = WorkbookName(call.Id, FirstRevision);
        var written = await WriteOnceAsync(workbookName, call, records, now, cancellationToken);

        var staffReportUrl = StaffReportUrl(options.Value, call.Id);
        if (call.StaffEmails.Count > 0)
        {
            await emails.SendOnceAsync(call.Id, EmailTemplates.ReportKind(FirstRevision),
                () => EmailTemplates.ReportReady(call, records.Count, unfinished, [workbookName], staffReportUrl), cancellationToken);
        }

        await storage.CloseoutRunsTable.UpsertEntityAsync(new CloseoutRun
        {
            PartitionKey = call.Id,
            RowKey = runKey,
            CompletedAtUtc = time.GetUtcNow(),
            SubmissionCount = records.Count,
            InFlightCount = inFlight,
            Files = workbookName,
        }, TableUpdateMode.Replace, cancellationToken);
        LogClosed(logger, call.Id, records.Count, inFlight, written);
        return new(call.Id, CloseoutState.Written, records.Count, inFlight);
    }

    /// <summary>Writes the workbook unless it exists; false when another run got there first.</summary>
    private async Task<bool> WriteOnceAsync(
        string blobName, CallDefinition call, IReadOnlyList<SubmissionRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blob = storage.Reports.GetBlobClient(blobName);
        var temporary = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(temporary))
            {
                CloseoutWorkbook.Write(file, call, records, now);
            }

            await using var content = File.OpenRead(temporary);
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // BlobAlreadyExists: an earlier or concurrent run wrote it
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} is past its deadline; waiting for {InFlight} submissions still in the pipeline")]
    private static partial void LogDraining(ILogger logger, string callId, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed call {CallId}: {Count} submissions, {InFlight} still in flight, report written by this run: {Written}")]
    private static partial void LogClosed(ILogger logger, string callId, int count, int inFlight, bool written);
}

public enum CloseoutState
{
    NotDue,
    Draining,
    Written,
    AlreadyDone,
}

public sealed record CloseoutOutcome(string CallId, CloseoutState State, int SubmissionCount, int InFlightCount);

/// <summary>A finished closeout of one call and revision (table <c>CloseoutRuns</c>).</summary>
public sealed class CloseoutRun : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? CompletedAtUtc { get; set; }
    public int SubmissionCount { get; set; }
    public int InFlightCount { get; set; }
    public string Files { get; set; } = string.Empty;
}
