using Azure;
using Azure.Data.Tables;

namespace Proposals.Pipeline.Staff;

/// <summary>What staff did, for the record: one row per action in table <c>AuditTrail</c>.</summary>
public sealed class AuditEntry : ITableEntity
{
    /// <summary>The call the action concerns.</summary>
    public string PartitionKey { get; set; } = string.Empty;

    /// <summary><c>{UTC ticks, 19 digits}~{random}</c>: time order, and never the same twice.</summary>
    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Who: the signed-in staff member's name, or which key ("staff key" of every agency, "staff key (haiphong)" of one).</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>The agency whose call the action concerns (the call's, at the time); null for an action on no call.</summary>
    public string? Agency { get; set; }

    public DateTimeOffset AtUtc { get; set; }

    /// <summary>The submission acted on; null for an action on the call (a report revision).</summary>
    public string? SubmissionId { get; set; }

    /// <summary>The receipt number of that submission, so the record reads without a lookup.</summary>
    public string? ReceiptNumber { get; set; }

    /// <summary>Why: a reason code (e.g. an exclusion reason).</summary>
    public string? Reason { get; set; }

    /// <summary>The staff member's own words.</summary>
    public string? Note { get; set; }
}
