using Azure;
using Azure.Data.Tables;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Retention;

/// <summary>
/// The one door to table <c>CallRetention</c>: each call's confirmation, the purge's lease and progress and its
/// tombstone. Every write is conditional on the ETag read, so two instances never both believe they hold the purge.
/// </summary>
public sealed class RetentionLedger(PipelineStorage storage)
{
    private TableClient Table => storage.CallRetentionTable;

    public async Task<CallRetentionState?> FindAsync(string callId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<CallRetentionState>(callId, CallRetentionState.Key, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the call's row (created when missing) with optimistic concurrency; null when
    /// another writer came first and <paramref name="retryOnConflict"/> is false (the caller lost a race for the lease).
    /// </summary>
    public async Task<CallRetentionState?> UpdateAsync(
        string callId, Func<CallRetentionState, bool> change, bool retryOnConflict, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await FindAsync(callId, cancellationToken) ?? new CallRetentionState { PartitionKey = callId };
            if (!change(state))
            {
                return state;
            }

            try
            {
                var response = state.ETag == default
                    ? await Table.AddEntityAsync(state, cancellationToken)
                    : await Table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
                state.ETag = response.Headers.ETag ?? state.ETag;
                return state;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                if (!retryOnConflict)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Writes the row as it is, if nobody changed it since it was read (the lease holder's progress); false when someone did.</summary>
    public async Task<bool> TrySaveAsync(CallRetentionState state, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = response.Headers.ETag ?? state.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
