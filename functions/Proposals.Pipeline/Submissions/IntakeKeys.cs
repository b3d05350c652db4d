using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// The <c>IntakeKeys</c> table: each call's receipt-number sequence and the Idempotency-Keys it has seen
/// (PartitionKey = callId). Both use conditional writes, so concurrent hosts never hand out a number
/// twice or create two submissions for one key.
/// </summary>
public sealed class IntakeKeys(PipelineStorage storage)
{
    private const string SequenceRow = "receipt-sequence";
    private TableClient Table => storage.IntakeKeysTable;

    private readonly ConcurrentDictionary<string, ReceiptSequence> _sequences = new(StringComparer.Ordinal);

    /// <summary>
    /// The next receipt sequence number of the call: never repeated. Concurrent requests of this host
    /// share one conditional write: the first to get the gate reserves a number for every request
    /// waiting behind it, so a deadline rush costs one read and one write per group instead of a retry
    /// storm on the row's ETag (issue 7). Other hosts still meet on the ETag, as before.
    /// </summary>
    public async Task<long> NextReceiptSequenceAsync(string callId, CancellationToken cancellationToken)
    {
        var sequence = _sequences.GetOrAdd(callId, _ => new ReceiptSequence());
        Interlocked.Increment(ref sequence.Waiting);
        await sequence.Gate.WaitAsync(cancellationToken);
        try
        {
            if (sequence.Reserved.TryDequeue(out var reserved))
            {
                return reserved;
            }

            // Everyone counted here is behind the gate now; at least this request itself.
            var count = Math.Max(1, Interlocked.Exchange(ref sequence.Waiting, 0));
            var first = await ReserveAsync(callId, count, cancellationToken);
            for (var n = first + 1; n < first + count; n++)
            {
                sequence.Reserved.Enqueue(n);
            }

            return first;
        }
        finally
        {
            sequence.Gate.Release();
        }
    }

    /// <summary>Takes <paramref name="count"/> consecutive numbers from the table row; returns the first.</summary>
    private async Task<long> ReserveAsync(string callId, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(callId, SequenceRow, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await Table.AddEntityAsync(new TableEntity(callId, SequenceRow) { ["Last"] = (long)count }, cancellationToken);
                    return 1;
                }

                var entity = current.Value!;
                var first = (entity.GetInt64("Last") ?? 0) + 1;
                entity["Last"] = first + count - 1;
                await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return first;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another host took these numbers; read again.
            }
        }
    }

    /// <summary>One call's gate, the numbers reserved for requests still behind it, and how many wait.</summary>
    private sealed class ReceiptSequence : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly Queue<long> Reserved = new();
        public int Waiting;

        public void Dispose() => Gate.Dispose(); // lives as long as the singleton IntakeKeys
    }

    /// <summary>The claim of <paramref name="idempotencyKey"/>, if a request with it got that far.</summary>
    public async Task<IdempotencyClaim?> FindClaimAsync(string callId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var claim = await Table.GetEntityIfExistsAsync<IdempotencyClaim>(callId, RowKeyOf(idempotencyKey), cancellationToken: cancellationToken);
        return claim.HasValue ? claim.Value : null;
    }

    private static string RowKeyOf(string idempotencyKey) =>
        "key-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    /// <summary>
    /// Claims <paramref name="idempotencyKey"/> for a new submission, or returns the claim that exists.
    /// </summary>
    public async Task<(IdempotencyClaim Claim, bool IsNew)> ClaimAsync(
        string callId, string idempotencyKey, Func<IdempotencyClaim> create, CancellationToken cancellationToken)
    {
        var claim = create();
        claim.PartitionKey = callId;
        claim.RowKey = RowKeyOf(idempotencyKey);
        return await ClaimOnce.ClaimAsync(Table, claim, cancellationToken);
    }

    /// <summary>The call's receipt sequence and idempotency keys, deleted when its retention has passed.</summary>
    public Task<int> DeleteCallAsync(string callId, CancellationToken cancellationToken) =>
        TableDeletes.DeleteWhereAsync(storage.IntakeKeysTable, TableClient.CreateQueryFilter($"PartitionKey eq {callId}"), cancellationToken);

    public Task<int> CountCallAsync(string callId, CancellationToken cancellationToken) =>
        TableDeletes.CountWhereAsync(storage.IntakeKeysTable, TableClient.CreateQueryFilter($"PartitionKey eq {callId}"), cancellationToken);
}
