using Azure;
using Azure.Data.Tables;

namespace Proposals.Pipeline.Closeout;

/// <summary>One report revision of a call (table <c>CloseoutRuns</c>): asked for, written, with what.</summary>
public sealed class CloseoutRun : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public int Revision => int.Parse(RowKey.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>When staff asked for it; null for revision 1, due by the deadline alone.</summary>
    public DateTimeOffset? RequestedAtUtc { get; set; }

    public string? RequestedBy { get; set; }
    public DateTimeOffset? CompletedAtUtc { get; set; }

    /// <summary>The run that wrote the manifest (also in the manifest).</summary>
    public string? RunId { get; set; }

    public int SubmissionCount { get; set; }
    public int CountedCount { get; set; }
    public int InFlightCount { get; set; }

    /// <summary>Comma-separated blob names of the revision's files.</summary>
    public string Files { get; set; } = string.Empty;
}
