namespace Proposals.Pipeline.Submissions;

/// <summary>
/// The column sets the <c>Submissions</c> table is read with (<see cref="SubmissionStore.ScanAsync"/>):
/// each reader names one, so no reader keeps a list of its own.
/// </summary>
public static class SubmissionColumns
{
    /// <summary>Every column: the closeout's snapshot, which writes them all into the report.</summary>
    public static IReadOnlyList<string>? All => null;

    /// <summary>
    /// What the staff console lists, filters, sorts, counts and shows as stuck; also what each change
    /// entry carries to the staff list (<see cref="SubmissionChange"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> List =
    [
        "RowKey", nameof(SubmissionRecord.Revision), nameof(SubmissionRecord.ReceiptNumber), nameof(SubmissionRecord.Status),
        nameof(SubmissionRecord.Source), nameof(SubmissionRecord.ReceivedAtUtc), nameof(SubmissionRecord.EnterpriseName), nameof(SubmissionRecord.TaxCode),
        nameof(SubmissionRecord.Province), nameof(SubmissionRecord.TaskName), nameof(SubmissionRecord.TaskType),
        nameof(SubmissionRecord.PriorityArea), nameof(SubmissionRecord.SuggestedPriorityArea), nameof(SubmissionRecord.EnterpriseSize),
        nameof(SubmissionRecord.RegionId), nameof(SubmissionRecord.RegionName), nameof(SubmissionRecord.Flags),
        nameof(SubmissionRecord.Version), nameof(SubmissionRecord.SupersededBy), nameof(SubmissionRecord.Replaces), nameof(SubmissionRecord.Lineage),
        nameof(SubmissionRecord.ExcludedReason), nameof(SubmissionRecord.ValidatedAtUtc),
        nameof(SubmissionRecord.ClassifiedAtUtc), nameof(SubmissionRecord.ClassifyFailures), nameof(SubmissionRecord.LastError),
        nameof(SubmissionRecord.LastErrorAtUtc), nameof(SubmissionRecord.SignatureState),
    ];

    /// <summary>What the reconciler decides from: where each submission is in the pipeline.</summary>
    public static readonly IReadOnlyList<string> Pipeline =
    [
        "PartitionKey", "RowKey", nameof(SubmissionRecord.Revision), nameof(SubmissionRecord.ReceiptNumber), nameof(SubmissionRecord.Status),
        nameof(SubmissionRecord.ReceivedAtUtc), nameof(SubmissionRecord.ClassifiedAtUtc), nameof(SubmissionRecord.ClassifyFailures),
        nameof(SubmissionRecord.Source),
    ];
}
