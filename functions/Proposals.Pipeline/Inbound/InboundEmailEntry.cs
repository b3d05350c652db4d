using Azure;
using Azure.Data.Tables;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Inbound;

/// <summary>A row of table <c>InboundEmails</c>: one received email (PartitionKey <c>email</c>, RowKey its <see cref="InboundEmail.Key"/>).</summary>
public sealed class InboundEmailEntry : IClaimRow
{
    /// <summary>The attempt that created the row (<see cref="ClaimOnce"/>).</summary>
    public string? ClaimId { get; set; }

    public const string Pending = "pending";
    public const string Submission = "submission";
    public const string Unmatched = "unmatched";

    public string PartitionKey { get; set; } = InboundEmails.Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When the webhook first received it, by the server's clock: what the deadline is judged by.</summary>
    public DateTimeOffset ReceivedAtUtc { get; set; }

    /// <summary><see cref="Pending"/> while it is being stored; then <see cref="Submission"/> or <see cref="Unmatched"/>.</summary>
    public string Outcome { get; set; } = Pending;

    /// <summary>For an unmatched email, why (<see cref="UnmatchedReasons"/>).</summary>
    public string? Reason { get; set; }

    public string From { get; set; } = string.Empty;
    public string To { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;

    /// <summary>The attachments' names, one per line.</summary>
    public string? AttachmentNames { get; set; }

    public double? SpamScore { get; set; }

    /// <summary>The call it was sent to, when its address matched one.</summary>
    public string? CallId { get; set; }

    /// <summary>The submission it becomes, chosen when first claimed so a redelivery finishes the same one.</summary>
    public string SubmissionId { get; set; } = string.Empty;

    public string? ReceiptNumber { get; set; }

    /// <summary>The key of the first email received under the same Message-ID, when this one differs from it (sender or attachments): shown to staff.</summary>
    public string? SameMessageIdAs { get; set; }

    /// <summary>Why the sender was not answered (<see cref="NotAcknowledgedReasons"/>); null when answered.</summary>
    public string? NotAcknowledged { get; set; }
}
