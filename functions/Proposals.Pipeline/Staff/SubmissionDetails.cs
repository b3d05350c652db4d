using Azure;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// One submission as staff open it: every submitted field, the findings, the classification evidence,
/// its possible duplicates and its versions, and links to its two documents.
/// </summary>
public sealed class SubmissionDetails(SubmissionStore submissions, StaffList list, DownloadLinks links)
{
    /// <summary>The document kinds staff download, by the form's field names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Documents = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signedScan"] = StorageNames.SignedScanBlob,
        ["editableForm"] = StorageNames.EditableFormBlob,
    };

    public static bool IsSubmissionId(string submissionId) =>
        submissionId.Length is > 0 and <= 64 && submissionId.All(char.IsAsciiLetterOrDigit);

    public async Task<SubmissionDetailView?> FindAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var record = IsSubmissionId(submissionId) ? await submissions.FindAsync(callId, submissionId, cancellationToken) : null;
        if (record is null)
        {
            return null;
        }

        SubmittedFields? submitted = null;
        try
        {
            submitted = await submissions.ReadFieldsAsync(callId, submissionId, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // An intake that never finished: the row without its submission.json (the reconciler removes it).
        }

        // Related rows come from the staff list in memory: no read per related submission. Versions are the
        // enterprise's submissions with the same task name (DuplicateRules.IsResubmission), itself included.
        var nameKey = DuplicateRules.TaskNameKey(record.TaskName);
        var (duplicates, versionRows) = await list.QueryAsync(callId, rows => (
            record.PossibleDuplicateList.Take(20).Select(rows.Find).OfType<ListedSubmission>().Select(r => RelatedSubmission.From(r.Record)).ToList(),
            rows.Records()
                .Where(r => r.TaxCode == record.TaxCode && DuplicateRules.IsResubmission(record.TaxCode, nameKey, r.TaxCode, DuplicateRules.TaskNameKey(r.TaskName)))
                .Select(RelatedSubmission.From)
                .OrderBy(v => v.ReceivedAtUtc).ThenBy(v => v.ReceiptNumber, StringComparer.Ordinal).ToList()), cancellationToken);

        return new SubmissionDetailView(
            StaffSubmissionRow.From(record),
            submitted?.Fields ?? new Dictionary<string, string>(),
            submitted?.Documents.Select(d => new DocumentView(d.Field, d.OriginalName, d.Bytes, d.Sha256)).ToList() ?? [],
            record.RejectionReasons,
            record.ReviewWarnings,
            record.FlagList.Select(f => new FlagView(f, EligibilityFlags.Vietnamese(f), EligibilityFlags.English(f))).ToList(),
            new ClassificationEvidence(
                record.EnterpriseSize, record.EnterpriseSizeEvidence, record.VsicSection, record.SectorName, record.RegionId, record.RegionName,
                record.PriorityArea, record.PriorityAreaTitle, record.SuggestedPriorityArea, record.PriorityEvidence, record.PriorityRulesVersion),
            duplicates,
            versionRows,
            new PipelineTimes(record.ReceivedAtUtc, record.ValidatedAtUtc, record.ClassifiedAtUtc, record.LastError, record.LastErrorAtUtc, record.ClassifyFailures));
    }

    /// <summary>A fresh read-only link to one of the submission's documents; null for an unknown submission or kind.</summary>
    public async Task<BlobLink?> DocumentLinkAsync(string callId, string submissionId, string document, CancellationToken cancellationToken)
    {
        if (!Documents.TryGetValue(document, out var blobName) || !IsSubmissionId(submissionId)
            || await submissions.FindAsync(callId, submissionId, cancellationToken) is null)
        {
            return null;
        }

        var blob = submissions.Blob(callId, submissionId, blobName);
        return await blob.ExistsAsync(cancellationToken) ? await links.ReadLinkAsync(blob, cancellationToken) : null;
    }
}

public sealed record SubmissionDetailView(
    StaffSubmissionRow Submission,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<FieldError> RejectionReasons,
    IReadOnlyList<FieldError> ReviewWarnings,
    IReadOnlyList<FlagView> Flags,
    ClassificationEvidence Classification,
    IReadOnlyList<RelatedSubmission> PossibleDuplicates,
    IReadOnlyList<RelatedSubmission> Versions,
    PipelineTimes Pipeline);

public sealed record DocumentView(string Field, string OriginalName, long Bytes, string Sha256);

public sealed record FlagView(string Code, string Vi, string En);

public sealed record ClassificationEvidence(
    string? EnterpriseSize, string? EnterpriseSizeEvidence, string? VsicSection, string? SectorName, string? RegionId, string? RegionName,
    int DeclaredPriorityArea, string? DeclaredPriorityAreaTitle, int? SuggestedPriorityArea, string? PriorityEvidence, string? PriorityRulesVersion);

public sealed record RelatedSubmission(
    string SubmissionId, string ReceiptNumber, string Status, DateTimeOffset ReceivedAtUtc, string ReceivedAtVietnam,
    string EnterpriseName, string TaskName, int Version, string? SupersededBy)
{
    public static RelatedSubmission From(SubmissionRecord r) => new(
        r.SubmissionId, r.ReceiptNumber, r.Status, r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName, r.TaskName,
        r.Version, r.SupersededBy);
}

public sealed record PipelineTimes(
    DateTimeOffset ReceivedAtUtc, DateTimeOffset? ValidatedAtUtc, DateTimeOffset? ClassifiedAtUtc, string? LastError,
    DateTimeOffset? LastErrorAtUtc, int ClassifyFailures);
