using Azure;
using Azure.Data.Tables;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Deadlines;

/// <summary>A row of <see cref="StorageNames.LateSubmissionsTable"/>.</summary>
public sealed class LateAttempt : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset AttemptedAtUtc { get; set; }
    public string EnterpriseName { get; set; } = string.Empty;
    public string TaxCode { get; set; } = string.Empty;
    public string TaskName { get; set; } = string.Empty;
}
