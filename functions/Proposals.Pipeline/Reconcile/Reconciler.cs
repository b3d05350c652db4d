using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Reconcile;

/// <summary>
/// Puts a call's blobs and rows back in step after a crash or a storage outage, touching only what is
/// older than <see cref="PipelineOptions.StuckAfter"/> (younger ones may still be on their way):
/// blobs without a row and <c>received</c> rows without <c>submission.json</c> are an intake that never answered 202,
/// so they are removed; any other unfinished row (not poisoned) is sent on by <see cref="SubmissionRedrive"/>.
/// </summary>
public sealed partial class Reconciler(
    SubmissionStore submissions,
    SubmissionRedrive redrive,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<Reconciler> logger)
{
    public async Task<ReconcileReport> ReconcileAsync(string callId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = callId });
        var cutoff = time.GetUtcNow() - options.Value.StuckAfter;
        // Streamed (issue 7): a national call has 100,000 rows and 300,000 blobs, so only the row ids and
        // the few unfinished rows are kept, and the blobs are read one submission folder at a time (the
        // listing is in name order, so a folder's blobs come together).
        var known = new HashSet<string>(StringComparer.Ordinal);
        var unfinished = new Dictionary<string, SubmissionRecord>(StringComparer.Ordinal);
        await foreach (var row in submissions.ScanAsync(callId, SubmissionColumns.Pipeline, cancellationToken))
        {
            known.Add(row.SubmissionId);
            if (!row.HasLeftPipeline && row.ReceivedAtUtc < cutoff)
            {
                unfinished[row.SubmissionId] = row;
            }
        }

        var blobs = new Dictionary<string, List<BlobItem>>(StringComparer.Ordinal); // of unfinished rows only
        var report = new ReconcileReport(callId);
        async Task SettleFolderAsync(string submissionId, List<BlobItem> items)
        {
            if (unfinished.ContainsKey(submissionId))
            {
                blobs[submissionId] = items;
            }
            else if (!known.Contains(submissionId) && items.All(b => b.Properties.LastModified < cutoff))
            {
                await DeleteAsync(items, cancellationToken);
                report.OrphanBlobsDeleted.Add(submissionId);
                LogOrphanBlobs(logger, submissionId, items.Count);
            }
        }

        (string Id, List<BlobItem> Items)? folder = null;
        await foreach (var blob in submissions.BlobsAsync(callId, cancellationToken))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length != 3)
            {
                continue;
            }

            if (folder is { } current && current.Id != parts[1])
            {
                await SettleFolderAsync(current.Id, current.Items);
                folder = null;
            }

            folder ??= (parts[1], []);
            folder.Value.Items.Add(blob);
        }

        if (folder is { } last)
        {
            await SettleFolderAsync(last.Id, last.Items);
        }

        foreach (var record in unfinished.Values.OrderBy(r => r.ReceiptNumber, StringComparer.Ordinal))
        {
            var hasFields = blobs.TryGetValue(record.SubmissionId, out var items) && items.Any(b => b.Name.EndsWith("/" + StorageNames.SubmissionFieldsBlob, StringComparison.Ordinal));
            // An emailed submission has no submission.json until staff accept it: never an unfinished intake.
            if (!hasFields && record.Status == SubmissionStatus.Received && record.Source != SubmissionSources.Email)
            {
                await DeleteAsync(items ?? [], cancellationToken);
                await submissions.DeleteAsync(record, cancellationToken);
                report.UnfinishedIntakesRemoved.Add(record.SubmissionId);
                LogUnfinishedIntake(logger, record.SubmissionId, record.ReceiptNumber);
            }
            else if (!hasFields)
            {
                continue; // validated, so it had its fields once: staff see it as stuck, nothing here can repair it
            }
            else if (record.Status == SubmissionStatus.Received || !record.IsPoisoned)
            {
                switch (await redrive.SendOnAsync(record, cancellationToken))
                {
                    case RedriveAction.Validated:
                        report.Revalidated.Add(record.SubmissionId);
                        LogRevalidated(logger, record.SubmissionId);
                        break;
                    case RedriveAction.SentToClassify:
                        report.RequeuedForClassification.Add(record.SubmissionId);
                        LogRequeued(logger, record.SubmissionId);
                        break;
                }
            }
        }

        LogReconciled(logger, callId, report.OrphanBlobsDeleted.Count, report.UnfinishedIntakesRemoved.Count, report.Revalidated.Count, report.RequeuedForClassification.Count);
        return report;
    }

    private async Task DeleteAsync(IEnumerable<BlobItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await submissions.DeleteBlobAsync(item.Name, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler: deleted {Count} blobs of {SubmissionId}, which has no record")]
    private static partial void LogOrphanBlobs(ILogger logger, string submissionId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler: removed unfinished intake {SubmissionId} ({ReceiptNumber}) without submission.json")]
    private static partial void LogUnfinishedIntake(ILogger logger, string submissionId, string receiptNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler: validated {SubmissionId} again")]
    private static partial void LogRevalidated(ILogger logger, string submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler: sent {SubmissionId} to classify again")]
    private static partial void LogRequeued(ILogger logger, string submissionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled call {CallId}: {Orphans} orphan blob sets deleted, {Unfinished} unfinished intakes removed, {Revalidated} validated again, {Requeued} sent to classify again")]
    private static partial void LogReconciled(ILogger logger, string callId, int orphans, int unfinished, int revalidated, int requeued);
}

/// <summary>What one reconciliation of a call did, by submission id.</summary>
public sealed record ReconcileReport(string CallId)
{
    public List<string> OrphanBlobsDeleted { get; } = [];
    public List<string> UnfinishedIntakesRemoved { get; } = [];
    public List<string> Revalidated { get; } = [];
    public List<string> RequeuedForClassification { get; } = [];

    public bool ChangedAnything =>
        OrphanBlobsDeleted.Count + UnfinishedIntakesRemoved.Count + Revalidated.Count + RequeuedForClassification.Count > 0;
}
