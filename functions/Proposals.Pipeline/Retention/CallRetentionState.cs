using Azure;
using Azure.Data.Tables;

namespace Proposals.Pipeline.Retention;

/// <summary>
/// One row per call in table <c>CallRetention</c> (PartitionKey = call id, RowKey <c>state</c>): staff's confirmation
/// that the report is archived, the purge's lease and progress, and, once done, the tombstone: the counts, the date
/// and who confirmed. It holds no personal data of submitters, so it outlives the call's data.
/// </summary>
public sealed class CallRetentionState : ITableEntity
{
    public const string Key = "state";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = Key;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? ArchivedConfirmedBy { get; set; }
    public DateTimeOffset? ArchivedConfirmedAtUtc { get; set; }

    /// <summary>Where the report is archived (the staff member's words, e.g. the records office's file number).</summary>
    public string? ArchivedNote { get; set; }

    /// <summary>The instance running the purge, and until when it holds it; another instance takes over after that.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntilUtc { get; set; }

    public DateTimeOffset? PurgeStartedAtUtc { get; set; }

    /// <summary>The counts found when the purge started (a resumed run keeps them): what the tombstone reports.</summary>
    public int Submissions { get; set; }
    public int Documents { get; set; }
    public int Emails { get; set; }
    public int IntakeKeys { get; set; }
    public int LateAttempts { get; set; }
    public int ReportFiles { get; set; }

    /// <summary>Set when every step is done: from then on the row is the call's tombstone and a run finds nothing to do.</summary>
    public DateTimeOffset? PurgedAtUtc { get; set; }

    public bool IsArchiveConfirmed => ArchivedConfirmedAtUtc is not null;
}
