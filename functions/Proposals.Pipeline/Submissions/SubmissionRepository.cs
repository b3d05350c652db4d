using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Submissions;

/// <summary>Reads and writes submission rows and their <c>submission.json</c>.</summary>
public sealed class SubmissionRepository(PipelineStorage storage)
{
    private TableClient Table => storage.SubmissionsTable;

    public async Task<SubmissionRecord?> FindAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<SubmissionRecord>(callId, submissionId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts the row; false when it exists already (a retried intake).</summary>
    public async Task<bool> TryInsertAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(record, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> with optimistic concurrency, re-reading on a lost race, so two
    /// deliveries of one message never overwrite each other's outcome.
    /// </summary>
    public async Task<SubmissionRecord> UpdateAsync(
        string callId, string submissionId, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await FindAsync(callId, submissionId, cancellationToken)
                ?? throw new InvalidOperationException($"Submission {callId}/{submissionId} has no record.");
            if (!change(record))
            {
                return record;
            }

            if (await TryReplaceAsync(record, cancellationToken))
            {
                return record;
            }

            // Someone else updated it first: read their version and decide again.
        }
    }

    /// <summary>
    /// The same, starting from a version the caller has just read: when nobody changed the row since,
    /// that saves a round trip (the stages read the row first anyway, to decide whether to work at all).
    /// </summary>
    public async Task<SubmissionRecord> UpdateAsync(
        SubmissionRecord known, Func<SubmissionRecord, bool> change, CancellationToken cancellationToken)
    {
        if (!change(known))
        {
            return known;
        }

        return await TryReplaceAsync(known, cancellationToken)
            ? known
            : await UpdateAsync(known.PartitionKey, known.RowKey, change, cancellationToken);
    }

    private async Task<bool> TryReplaceAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? record.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<List<SubmissionRecord>> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var records = new List<SubmissionRecord>();
        await foreach (var record in Table.QueryAsync<SubmissionRecord>(r => r.PartitionKey == callId, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records.OrderBy(r => r.ReceiptNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>Ids of the call's submissions still <c>received</c> (not validated) that arrived before <paramref name="cutoff"/>.</summary>
    public async IAsyncEnumerable<string> ReceivedBeforeAsync(
        string callId, DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = Table.QueryAsync<SubmissionRecord>(
            r => r.PartitionKey == callId && r.Status == Domain.Submissions.SubmissionStatus.Received && r.ReceivedAtUtc < cutoff,
            select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            yield return row.RowKey;
        }
    }

    public BlobClient Blob(string callId, string submissionId, string name) =>
        storage.Submissions.GetBlobClient(StorageNames.SubmissionBlob(callId, submissionId, name));

    public async Task<SubmittedFields> ReadFieldsAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var download = await Blob(callId, submissionId, StorageNames.SubmissionFieldsBlob).DownloadContentAsync(cancellationToken);
        return download.Value.Content.ToObjectFromJson<SubmittedFields>(JsonDefaults.Options)
            ?? throw new InvalidDataException($"{callId}/{submissionId}/{StorageNames.SubmissionFieldsBlob} is empty.");
    }

    public static string Serialize(SubmittedFields fields) => JsonSerializer.Serialize(fields, JsonDefaults.Options);
}
