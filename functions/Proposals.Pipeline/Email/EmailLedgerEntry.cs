using Azure;
using Azure.Data.Tables;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Email;

/// <summary>A row of the <c>EmailLedger</c> table: one email (PartitionKey = the submission or call, RowKey = its kind) and how sending it went.</summary>
public sealed class EmailLedgerEntry : IClaimRow
{
    /// <summary>The attempt that created the row (<see cref="ClaimOnce"/>).</summary>
    public string? ClaimId { get; set; }

    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string FailedRetryable = "failed-retryable";
    public const string Failed = "failed";

    /// <summary>Not sent: the recipient had already had <see cref="EmailOptions.MaxPerRecipientPerHour"/> emails this hour.</summary>
    public const string Suppressed = "suppressed";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = Sending;
    public DateTimeOffset ClaimedAtUtc { get; set; }
    public DateTimeOffset? CompletedAtUtc { get; set; }
    public int Attempts { get; set; }
    public string? Detail { get; set; }
    public string? Recipients { get; set; }
}
