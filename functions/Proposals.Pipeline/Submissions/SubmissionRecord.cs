using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// The table row of one submission (PartitionKey = callId, RowKey = submissionId): what staff list,
/// what the status API answers, and where each stage records its outcome.
/// </summary>
public sealed class SubmissionRecord : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string CallId => PartitionKey;
    [IgnoreDataMember]
    public string SubmissionId => RowKey;

    /// <summary>Counts the row's writes (<see cref="SubmissionStore"/> sets it): the staff list keeps the newest it has seen.</summary>
    public int Revision { get; set; }

    public string ReceiptNumber { get; set; } = string.Empty;
    public string Status { get; set; } = string.Empty;

    /// <summary>How it came (<c>SubmissionSources</c>): null or <c>web</c> for the form, <c>email</c>, <c>paper</c>.</summary>
    public string? Source { get; set; }

    /// <summary>For a proposal staff entered from paper: the day the paper arrived (<c>yyyy-MM-dd</c>), which the deadline was judged by.</summary>
    public string? PaperReceivedOn { get; set; }

    /// <summary>Why staff found an emailed submission is no proposal (status <c>notAProposal</c>).</summary>
    public string? NotAProposalReason { get; set; }
    public DateTimeOffset ReceivedAtUtc { get; set; }

    /// <summary>The version of the personal-data notice the form showed when this was sent (null: sent by email or on paper, or before notices).</summary>
    public string? PrivacyNoticeVersion { get; set; }

    /// <summary>When staff erased the personal fields and documents at the person's request: the row stays, redacted, so counts add up.</summary>
    public DateTimeOffset? ErasedAtUtc { get; set; }

    /// <summary>SHA-256 of the tracking token, hex: the token itself is never stored here.</summary>
    public string TrackingTokenHash { get; set; } = string.Empty;

    public string EnterpriseName { get; set; } = string.Empty;
    public string TaxCode { get; set; } = string.Empty;
    public string Province { get; set; } = string.Empty;
    public string ContactEmail { get; set; } = string.Empty;
    public string TaskName { get; set; } = string.Empty;
    public string TaskType { get; set; } = string.Empty;
    public int PriorityArea { get; set; }
    public int DurationMonths { get; set; }

    /// <summary>
    /// The one mapping of the form's fields and the stored documents onto the row. Intake and paper entry pass the
    /// normalised fields; inbound email passes what it could read (a field it has not stays empty, a number 0).
    /// A new required field that staff list is a column here and a line in <see cref="SetFields"/>.
    /// </summary>
    public static SubmissionRecord FromFields(
        string callId, string submissionId, IReadOnlyDictionary<string, string> fields, IReadOnlyList<StoredDocument> documents)
    {
        var record = new SubmissionRecord { PartitionKey = callId, RowKey = submissionId };
        record.SetFields(fields);
        var scan = documents.FirstOrDefault(d => d.Field == ProposalFields.SignedScan);
        var form = documents.FirstOrDefault(d => d.Field == ProposalFields.EditableForm);
        record.SignedScanOriginalName = scan?.OriginalName ?? string.Empty;
        record.SignedScanBytes = scan?.Bytes ?? 0;
        record.EditableFormOriginalName = form?.OriginalName ?? string.Empty;
        record.EditableFormBytes = form?.Bytes ?? 0;
        return record;
    }

    /// <summary>The listed fields taken from the form's (also when staff complete an emailed submission).</summary>
    public void SetFields(IReadOnlyDictionary<string, string> fields)
    {
        EnterpriseName = fields.GetValueOrDefault(ProposalFields.EnterpriseName) ?? string.Empty;
        TaxCode = fields.GetValueOrDefault(ProposalFields.TaxCode) ?? string.Empty;
        Province = fields.GetValueOrDefault(ProposalFields.Province) ?? string.Empty;
        ContactEmail = fields.GetValueOrDefault(ProposalFields.ContactEmail) ?? string.Empty;
        TaskName = fields.GetValueOrDefault(ProposalFields.TaskName) ?? string.Empty;
        TaskType = fields.GetValueOrDefault(ProposalFields.TaskType) ?? string.Empty;
        PriorityArea = int.TryParse(fields.GetValueOrDefault(ProposalFields.PriorityArea), CultureInfo.InvariantCulture, out var area) ? area : 0;
        DurationMonths = int.TryParse(fields.GetValueOrDefault(ProposalFields.DurationMonths), CultureInfo.InvariantCulture, out var months) ? months : 0;
    }

    public string SignedScanOriginalName { get; set; } = string.Empty;
    public long SignedScanBytes { get; set; }
    public string EditableFormOriginalName { get; set; } = string.Empty;
    public long EditableFormBytes { get; set; }

    public DateTimeOffset? ValidatedAtUtc { get; set; }

    /// <summary>The malware scanner's verdict on the signed scan (a <c>MalwareScanStates</c> value); null until validated.</summary>
    public string? SignedScanMalwareScan { get; set; }

    /// <summary>The same for the editable Word form.</summary>
    public string? EditableFormMalwareScan { get; set; }

    /// <summary>
    /// When staff released this submission while malware scanning was down ("scanned elsewhere"); null otherwise.
    /// Validation then reads a missing verdict as <c>MalwareScanStates.ScannedElsewhere</c>. Also on the audit trail.
    /// </summary>
    public DateTimeOffset? MalwareReleasedAtUtc { get; set; }

    /// <summary>Who released it (the signed-in staff member's name, or "staff key").</summary>
    public string? MalwareReleasedBy { get; set; }

    /// <summary>Where and how the files were scanned instead, in the staff member's words (at most 500 characters).</summary>
    public string? MalwareReleaseNote { get; set; }

    /// <summary>
    /// What the digital signatures in the signed scan prove (a <c>SignatureStates</c> value: verified, another tax code,
    /// chain not trusted, invalid, not signed); null until validated.
    /// </summary>
    public string? SignatureState { get; set; }

    /// <summary>JSON array of <see cref="SignatureDetail"/>: each signature's state, signer, CA, tax code, signing time and notes.</summary>
    public string? SignaturesJson { get; set; }

    /// <summary>
    /// The earlier submission this one replaces on the strength of its digital signature, named at intake without
    /// that one's tracking token. While <c>received</c> it is a claim; the examination stage sets <see cref="Replaces"/>
    /// and <see cref="Lineage"/> from it when the signature is verified with the matching tax code, or clears it and
    /// warns staff. Kept afterwards: the replacement was proven by signature, not by token.
    /// </summary>
    public string? ReplacesBySignature { get; set; }

    /// <summary>JSON array of <see cref="FieldError"/>: why the submission was rejected.</summary>
    public string? RejectionReasonsJson { get; set; }

    /// <summary>
    /// JSON array of <see cref="FieldError"/>: things staff should look at that are no reason to reject,
    /// e.g. the Word file's task name differs from the posted one.
    /// </summary>
    public string? ReviewWarningsJson { get; set; }

    /// <summary>Set when the classify stage has finished with it, rejected or not: it has left the pipeline.</summary>
    public DateTimeOffset? ClassifiedAtUtc { get; set; }

    public string? EnterpriseSize { get; set; }
    public string? EnterpriseSizeEvidence { get; set; }
    public string? VsicSection { get; set; }
    public string? SectorName { get; set; }
    public string? RegionId { get; set; }
    public string? RegionName { get; set; }
    public string? PriorityAreaTitle { get; set; }

    /// <summary>Comma-separated eligibility flags for staff (see <c>EligibilityFlags</c>).</summary>
    public string? Flags { get; set; }

    /// <summary>The area the proposal's text points to by the call's keyword rules; null when no rule matched.</summary>
    public int? SuggestedPriorityArea { get; set; }

    /// <summary>The phrases that matched, per area, e.g. <c>2: "iso 9001" ×1, "tieu chuan" ×3</c>.</summary>
    public string? PriorityEvidence { get; set; }

    /// <summary>Which version of the call's keyword rules produced the suggestion.</summary>
    public string? PriorityRulesVersion { get; set; }

    /// <summary>Comma-separated ids of submissions in the same call with the same tax code and a similar task name.</summary>
    public string? PossibleDuplicates { get; set; }

    /// <summary>
    /// The later submission that replaces this one in the report: one sent with this submission's id and
    /// tracking token (proof that the enterprise sent it), directly or through a chain of replacements.
    /// This one is kept as an earlier version, never deleted.
    /// </summary>
    public string? SupersededBy { get; set; }

    /// <summary>The submission this one replaces, proven at intake with that one's tracking token.</summary>
    public string? Replaces { get; set; }

    /// <summary>
    /// The first submission of the chain of replacements this one belongs to (null: it is the first). Set at
    /// intake from the replaced one's, never changed: whoever reads two rows knows at once whether they are
    /// versions of one proposal, whatever order the pipeline met them in.
    /// </summary>
    public string? Lineage { get; set; }

    /// <summary>The proposal this submission is a version of: <see cref="Lineage"/>, or itself.</summary>
    [IgnoreDataMember]
    public string LineageId => Lineage ?? SubmissionId;

    /// <summary>1 for a first submission; n for the n-th version of a chain of replacements.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Why staff excluded it from the report (a code of <c>ExclusionReasons</c>); null while it counts.</summary>
    public string? ExcludedReason { get; set; }

    public string? ExcludedNote { get; set; }

    public string? ExcludedBy { get; set; }

    public DateTimeOffset? ExcludedAtUtc { get; set; }

    /// <summary>The last exception the classify stage failed with (type and message, shortened), for staff.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAtUtc { get; set; }

    /// <summary>Failed classify attempts since the last replay; at the queue's MaxDequeueCount the message is in poison.</summary>
    public int ClassifyFailures { get; set; }

    /// <summary>Out of the pipeline: classified (valid or rejected), or found by staff to be no proposal.</summary>
    [IgnoreDataMember]
    public bool HasLeftPipeline => ClassifiedAtUtc is not null || Status == Domain.Submissions.SubmissionStatus.NotAProposal;

    /// <summary>An emailed submission staff have yet to complete and accept: not stuck, and nothing for the pipeline to do.</summary>
    [IgnoreDataMember]
    public bool IsWaitingForStaff => Status == Domain.Submissions.SubmissionStatus.NeedsReview;

    /// <summary>Still in the pipeline after classification failed as often as the queue tries: in <c>classify-poison</c>.</summary>
    [IgnoreDataMember]
    public bool IsPoisoned => !HasLeftPipeline && !IsWaitingForStaff && ClassifyFailures >= PipelineOptions.ClassifyMaxDequeueCount;

    /// <summary>Counted in the report: classified, not replaced by a later version, not excluded by staff.</summary>
    [IgnoreDataMember]
    public bool IsCounted => Status == Domain.Submissions.SubmissionStatus.Classified && SupersededBy is null && ExcludedReason is null;

    [IgnoreDataMember]
    public IReadOnlyList<string> PossibleDuplicateList =>
        string.IsNullOrEmpty(PossibleDuplicates) ? [] : PossibleDuplicates.Split(',', StringSplitOptions.RemoveEmptyEntries);

    [IgnoreDataMember]
    public IReadOnlyList<FieldError> RejectionReasons =>
        RejectionReasonsJson is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(RejectionReasonsJson, JsonDefaults.Options) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<FieldError> ReviewWarnings =>
        ReviewWarningsJson is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(ReviewWarningsJson, JsonDefaults.Options) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<SignatureDetail> Signatures =>
        SignaturesJson is null ? [] : JsonSerializer.Deserialize<List<SignatureDetail>>(SignaturesJson, JsonDefaults.Options) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<string> FlagList =>
        string.IsNullOrEmpty(Flags) ? [] : Flags.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
