using Azure;
using Azure.Data.Tables;
using Proposals.Domain.Classification;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Classify;

/// <summary>A row of <see cref="StorageNames.TaxCodeIndexTable"/>.</summary>
public sealed class TaxCodeIndexEntry : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary><see cref="DuplicateRules.TaskNameKey"/> of the task name.</summary>
    public string TaskNameKey { get; set; } = string.Empty;

    /// <summary>Classified (not rejected): only these take part in versions.</summary>
    public bool Classified { get; set; }

    /// <summary>The proposal the submission is a version of (<see cref="Submissions.SubmissionRecord.LineageId"/>): what joins versions.</summary>
    public string Lineage { get; set; } = string.Empty;
}
