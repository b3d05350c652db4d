using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// The one door to the <c>Submissions</c> table and to each submission's folder of blobs
/// (<c>submissions/{callId}/{submissionId}/</c>: the documents and <c>submission.json</c>). No other class
/// queries that table or writes that folder; each query names one of the column sets of
/// <see cref="SubmissionColumns"/>.
/// </summary>
/// <remarks>
/// Every write of a row also appends, in the same table transaction, a <see cref="SubmissionChange"/>: the
/// row's listed columns as they now are, under a RowKey that sorts by time (<c>~{ticks}~...</c>, after every
/// submission id). The staff list follows these changes instead of re-reading the call's partition, and
/// because they are written in the same transaction as the row, it cannot miss one.
/// </remarks>
public sealed partial class SubmissionStore(PipelineStorage storage, TimeProvider time)
{
    /// <summary>Change entries sort after every submission id (hex GUIDs) in the call's partition.</summary>
    public const string ChangePrefix = "~";

    private static readonly string RowsEnd = ChangePrefix;

    private TableClient Table => storage.SubmissionsTable;

    // ---- Rows ----------------------------------------------------------------------------------

    /// <summary>What a submission id can be (ids are GUIDs written as 32 hex digits): anything else, from a URL or a form, is no submission.</summary>
    public static bool IsSubmissionId(string? submissionId) =>
        submissionId is { Length: > 0 and <= 64 } && submissionId.All(char.IsAsciiLetterOrDigit);

    /// <summary>The row, or null for an unknown submission or a string that is no submission id (never a table request for it).</summary>
    public async Task<SubmissionRecord?> FindAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        if (!IsSubmissionId(submissionId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<SubmissionRecord>(callId, submissionId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts the row; false when it exists already (a retried intake).</summary>
    public async Task<bool> TryInsertAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        record.Revision = 1;
        try
        {
            var responses = await Table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, record), ChangeOf(record)], cancellationToken);
            record.ETag = responses.Value[0].Headers.ETag ?? record.ETag;
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

    /// <summary>Removes a row (an intake that never finished), telling the staff list it is gone.</summary>
    public async Task DeleteAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        var gone = new SubmissionRecord { PartitionKey = record.PartitionKey, RowKey = record.RowKey, Revision = record.Revision + 1 };
        try
        {
            await Table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.PartitionKey, record.RowKey), ETag.All),
                 ChangeOf(gone, deleted: true)], cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already.
        }
    }

    private async Task<bool> TryReplaceAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        var etag = record.ETag;
        record.Revision++;
        try
        {
            var responses = await Table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, record, etag), ChangeOf(record)], cancellationToken);
            record.ETag = responses.Value[0].Headers.ETag ?? record.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            record.Revision--;
            return false;
        }
    }

    /// <summary>
    /// The call's rows with the given columns (<see cref="SubmissionColumns"/>; null: all), optionally
    /// narrowed by an OData filter the table service applies. Streamed: a national call is not held.
    /// </summary>
    public IAsyncEnumerable<SubmissionRecord> ScanAsync(
        string callId, IReadOnlyList<string>? columns, CancellationToken cancellationToken, string? filter = null) =>
        Table.QueryAsync<SubmissionRecord>(
            RowsOf(callId) + (filter is null ? string.Empty : " and " + filter),
            maxPerPage: 1000, select: columns, cancellationToken: cancellationToken);

    /// <summary>The OData filter of a call's rows, without its change entries: for whoever must read the table raw (tests, the bench).</summary>
    public static string RowsOf(string callId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {callId} and RowKey lt {RowsEnd}");

    // ---- The staff list's feed of changes ----------------------------------------------------------

    /// <summary>The changes of the call's rows written at or after <paramref name="since"/> (writer's clock), oldest first.</summary>
    public IAsyncEnumerable<SubmissionChange> ChangesSinceAsync(string callId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Table.QueryAsync<SubmissionChange>(
            TableClient.CreateQueryFilter($"PartitionKey eq {callId} and RowKey ge {SubmissionChange.KeyPrefix(since)} and RowKey lt {ChangePrefix + ChangePrefix}"),
            maxPerPage: 1000, cancellationToken: cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> change entries written before <paramref name="before"/>: a checkpoint of the list holds their effect.</summary>
    public async Task<int> PruneChangesAsync(string callId, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var pruned = 0;
        var batch = new List<TableTransactionAction>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {callId} and RowKey ge {ChangePrefix} and RowKey lt {SubmissionChange.KeyPrefix(before)}");
        await foreach (var entry in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(callId, entry.RowKey), ETag.All));
            if (batch.Count == 100)
            {
                pruned += await DeleteBatchAsync(batch, cancellationToken);
            }

            if (pruned + batch.Count >= max)
            {
                break;
            }
        }

        return pruned + await DeleteBatchAsync(batch, cancellationToken);
    }

    private async Task<int> DeleteBatchAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Another instance pruned some of them meanwhile.
        }

        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private TableTransactionAction ChangeOf(SubmissionRecord record, bool deleted = false) => ChangeOf(record, time.GetUtcNow(), deleted);

    /// <summary>
    /// Rows written in bulk, by seeding (tests, the bench) or a migration: each row with its change entry, as
    /// every write through the store has, 50 rows to a transaction. The caller submits them (one partition each).
    /// </summary>
    public static IEnumerable<TableTransactionAction[]> BulkInsertBatches(IEnumerable<SubmissionRecord> records, DateTimeOffset writtenAt) =>
        records.Chunk(50).Select(chunk => chunk.SelectMany(record =>
        {
            record.Revision = Math.Max(1, record.Revision);
            return new[] { new TableTransactionAction(TableTransactionActionType.UpsertReplace, record), ChangeOf(record, writtenAt, deleted: false) };
        }).ToArray());

    private static TableTransactionAction ChangeOf(SubmissionRecord record, DateTimeOffset writtenAt, bool deleted) =>
        new(TableTransactionActionType.UpsertReplace, new SubmissionChange
        {
            PartitionKey = record.PartitionKey,
            RowKey = SubmissionChange.Key(writtenAt, record.RowKey, record.Revision),
            SubmissionId = record.RowKey,
            Revision = record.Revision,
            Deleted = deleted,
            Row = deleted ? null : WriteListedRow(record),
        });

    /// <summary>The change entry carries the listed columns only, as JSON: one column set, defined once.</summary>
    private static readonly JsonSerializerOptions ListedColumnsOnly = new(JsonDefaults.Options)
    {
        WriteIndented = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    if (type.Type != typeof(SubmissionRecord))
                    {
                        return;
                    }

                    var listed = SubmissionColumns.List.Select(JsonNamingPolicy.CamelCase.ConvertName).ToHashSet(StringComparer.Ordinal);
                    foreach (var property in type.Properties.Where(p => !listed.Contains(p.Name) && p.Name != "partitionKey").ToList())
                    {
                        type.Properties.Remove(property);
                    }
                },
            },
        },
    };

    /// <summary>A row's listed columns as one line of JSON: what a change entry and the staff list's checkpoint hold.</summary>
    public static string WriteListedRow(SubmissionRecord record) => JsonSerializer.Serialize(record, ListedColumnsOnly);

    public static SubmissionRecord ReadListedRow(string json) => JsonSerializer.Deserialize<SubmissionRecord>(json, ListedColumnsOnly)!;

    // ---- The submission's folder: documents and submission.json ----------------------------------

    /// <summary>Writes <c>submission.json</c>, last of a submission's blobs: its arrival fires the examination stage.</summary>
    public Task WriteFieldsAsync(SubmittedFields fields, CancellationToken cancellationToken) =>
        BlobOf(fields.CallId, fields.SubmissionId, StorageNames.SubmissionFieldsBlob).UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(fields, JsonDefaults.Options)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);

    public async Task<bool> HasFieldsAsync(string callId, string submissionId, CancellationToken cancellationToken) =>
        await BlobOf(callId, submissionId, StorageNames.SubmissionFieldsBlob).ExistsAsync(cancellationToken);

    public async Task<SubmittedFields> ReadFieldsAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var download = await BlobOf(callId, submissionId, StorageNames.SubmissionFieldsBlob).DownloadContentAsync(cancellationToken);
        return download.Value.Content.ToObjectFromJson<SubmittedFields>(JsonDefaults.Options)
            ?? throw new InvalidDataException($"{callId}/{submissionId}/{StorageNames.SubmissionFieldsBlob} is empty.");
    }

    /// <summary>Writes <c>inbound.json</c>: an emailed submission's message and what was read from it, for staff.</summary>
    public Task WriteInboundAsync(string callId, string submissionId, InboundMessage message, CancellationToken cancellationToken) =>
        BlobOf(callId, submissionId, StorageNames.InboundMessageBlob).UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(message, JsonDefaults.Options)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);

    /// <summary>The emailed submission's message, or null for one that did not come by email.</summary>
    public async Task<InboundMessage?> ReadInboundAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await BlobOf(callId, submissionId, StorageNames.InboundMessageBlob).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToObjectFromJson<InboundMessage>(JsonDefaults.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The call's blobs, in name order, so one submission's folder comes together (the reconciler's listing).</summary>
    public IAsyncEnumerable<BlobItem> BlobsAsync(string callId, CancellationToken cancellationToken) =>
        storage.Submissions.GetBlobsAsync(BlobTraits.None, BlobStates.None, callId + "/", cancellationToken);

    /// <summary>The names of one submission's blobs (documents, <c>submission.json</c>, <c>inbound.json</c>).</summary>
    public async Task<IReadOnlyList<string>> FolderAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Submissions.GetBlobsAsync(BlobTraits.None, BlobStates.None, StorageNames.SubmissionFolder(callId, submissionId), cancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Deletes one submission's blobs, those named <paramref name="keep"/> excepted; how many went.</summary>
    public async Task<int> DeleteFolderAsync(string callId, string submissionId, CancellationToken cancellationToken, params string[] keep)
    {
        var deleted = 0;
        foreach (var name in await FolderAsync(callId, submissionId, cancellationToken))
        {
            if (!keep.Contains(name[(name.LastIndexOf('/') + 1)..], StringComparer.Ordinal))
            {
                await storage.Submissions.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    public Task DeleteBlobAsync(string name, CancellationToken cancellationToken) =>
        storage.Submissions.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
}

/// <summary>
/// A change entry of the <c>Submissions</c> table (same partition as the call's rows, RowKey
/// <c>~{ticks:D19}~{submissionId}~{revision:D8}</c>): one write of one row, with its listed columns.
/// </summary>
public sealed class SubmissionChange : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SubmissionId { get; set; } = string.Empty;
    public int Revision { get; set; }
    public bool Deleted { get; set; }

    /// <summary>The row's listed columns (<see cref="SubmissionColumns.List"/>) as JSON; null when deleted.</summary>
    public string? Row { get; set; }

    /// <summary>When the change was written, by the writer's clock (from the key).</summary>
    [System.Runtime.Serialization.IgnoreDataMember]
    public DateTimeOffset WrittenAtUtc => new(long.Parse(RowKey.AsSpan(1, 19), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);

    public static string KeyPrefix(DateTimeOffset at) =>
        SubmissionStore.ChangePrefix + Math.Max(0, at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public static string Key(DateTimeOffset at, string submissionId, int revision) =>
        $"{KeyPrefix(at)}{SubmissionStore.ChangePrefix}{submissionId}{SubmissionStore.ChangePrefix}{revision:D8}";
}
