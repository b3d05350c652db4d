using Azure;
using Azure.Data.Tables;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// One Idempotency-Key of a call (RowKey = SHA-256 of the key): the submission it stands for. A retry
/// gets the same tracking token because tokens are derived from the submission (<see cref="Submissions.TrackingTokens"/>),
/// never stored.
/// </summary>
public sealed class IdempotencyClaim : IClaimRow
{
    /// <summary>The attempt that created the row (<see cref="ClaimOnce"/>).</summary>
    public string? ClaimId { get; set; }

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SubmissionId { get; set; } = string.Empty;
    public DateTimeOffset ClaimedAtUtc { get; set; }

    /// <summary>
    /// SHA-256 of the normalised fields and the documents' hashes: a retry must send the same submission.
    /// Null on claims made before it was recorded; those are not compared.
    /// </summary>
    public string? RequestHash { get; set; }
}
