using Azure;
using Azure.Data.Tables;

namespace Proposals.Pipeline.Storage;

/// <summary>A row claimed with <see cref="ClaimOnce"/>: it carries the id of the attempt that created it.</summary>
public interface IClaimRow : ITableEntity
{
    /// <summary>Set by <see cref="ClaimOnce.ClaimAsync{T}"/> on the candidate; tells a claim's own retried insert from another's.</summary>
    string? ClaimId { get; set; }
}

/// <summary>
/// Claiming a key once, the one way the pipeline does it: insert-if-absent, so of two requests, hosts or
/// deliveries only one creates the row and the others read the winner's; a claim whose holder died is taken over
/// after <see cref="AbandonedClaimAge"/>, under the row's ETag where two may try at once. Serves intake's
/// Idempotency-Keys (<c>IntakeKeys</c>), the inbound webhook's emails (<c>InboundEmails</c>) and the email ledger
/// (<c>EmailLedger</c>), each over its own table.
/// </summary>
public static class ClaimOnce
{
    /// <summary>After this long, a claim without a finished outcome is taken to be its holder's that died, and a retry takes it over.</summary>
    public static readonly TimeSpan AbandonedClaimAge = TimeSpan.FromMinutes(2);

    /// <summary>Whether a claim made at <paramref name="claimedAt"/> is abandoned by <paramref name="now"/> (after <paramref name="age"/>, by default <see cref="AbandonedClaimAge"/>).</summary>
    public static bool IsAbandoned(DateTimeOffset claimedAt, DateTimeOffset now, TimeSpan? age = null) =>
        now - claimedAt >= (age ?? AbandonedClaimAge);

    /// <summary>
    /// Inserts <paramref name="candidate"/> if its key is free (one round trip, as for nearly every request), or
    /// returns the row that holds the key (found by the conflict). When the row found is this very candidate (its
    /// insert landed, the answer was lost, and the storage client's retry met it), the claim is new: it is ours.
    /// </summary>
    public static async Task<(T Claim, bool IsNew)> ClaimAsync<T>(TableClient table, T candidate, CancellationToken cancellationToken)
        where T : class, IClaimRow, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(candidate);
        candidate.ClaimId = Guid.NewGuid().ToString("N"); // each call is one attempt
        try
        {
            var added = await table.AddEntityAsync(candidate, cancellationToken);
            candidate.ETag = added.Headers.ETag ?? ETag.All;
            return (candidate, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var winner = await table.GetEntityAsync<T>(candidate.PartitionKey, candidate.RowKey, cancellationToken: cancellationToken);
            return (winner.Value, winner.Value.ClaimId == candidate.ClaimId);
        }
    }

    /// <summary>Takes over a claim as read (its ETag): false when someone else took it over or finished it first.</summary>
    public static async Task<bool> TakeOverAsync<T>(TableClient table, T claim, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            var updated = await table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            claim.ETag = updated.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
