using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.PersonalData;

/// <summary>What staff get when they correct or erase a submission's personal data at the person's request.</summary>
public abstract record SubjectRequestOutcome
{
    public sealed record Done(SubmissionRecord Record, AuditEntry Audit) : SubjectRequestOutcome;

    public sealed record NotFound : SubjectRequestOutcome;

    /// <summary>Still being validated or classified, or an emailed one waiting for staff: the stages would write over it.</summary>
    public sealed record InPipeline : SubjectRequestOutcome;

    public sealed record AlreadyErased(SubmissionRecord Record) : SubjectRequestOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SubjectRequestOutcome;

    /// <summary>Erasure refused because an archival duty forbids it: the basis, as recorded on the audit trail.</summary>
    public sealed record Refused(string BasisVi, string BasisEn, AuditEntry Audit) : SubjectRequestOutcome;
}

/// <summary>
/// A person's requests about one submission (Law 91/2025/QH15), carried out by staff and each recorded on the audit
/// trail before it is applied: <b>correction</b> of the contact's details (checked by the form's own rules, with a
/// reason), and <b>erasure</b> of its personal fields and documents where the law allows it (before the report is
/// issued, or when the proposal was withdrawn). An erased submission keeps a redacted row, so the call's counts still
/// add up; where the report is issued and must be archived, erasure is refused and the refusal recorded with its basis.
/// </summary>
public sealed class SubjectRequests(
    CallCatalog calls,
    SubmissionStore submissions,
    SubmissionVersions versions,
    EmailLedger emails,
    InboundEmails inbound,
    ReportRevisions revisions,
    AuditTrail audit,
    StaffList list,
    TimeProvider time)
{
    /// <summary>What the redacted row shows in place of a name.</summary>
    public const string Redacted = "(đã xóa theo yêu cầu / erased on request)";

    /// <summary>The fields a contact's correction may change.</summary>
    public static readonly IReadOnlyList<string> CorrectableFields =
        [ProposalFields.LegalRepresentative, ProposalFields.ContactName, ProposalFields.ContactEmail, ProposalFields.ContactPhone];

    public async Task<SubjectRequestOutcome> CorrectAsync(
        CallDefinition call, string submissionId, IReadOnlyDictionary<string, string?> changes, string? reason, string actor,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (changes.Count == 0 || changes.Keys.Any(k => !CorrectableFields.Contains(k)))
        {
            errors.Add(new FieldError("fields", $"Chỉ sửa được: {string.Join(", ", CorrectableFields)}.", $"Only these can be corrected: {string.Join(", ", CorrectableFields)}."));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > Exclusions.NoteMaxLength)
        {
            errors.Add(new FieldError("reason", $"Ghi lý do chỉnh sửa (tối đa {Exclusions.NoteMaxLength} ký tự).", $"Give the reason for the correction (at most {Exclusions.NoteMaxLength} characters)."));
        }

        if (errors.Count > 0)
        {
            return new SubjectRequestOutcome.Invalid(errors);
        }

        if (await FindSettledAsync(call, submissionId, cancellationToken) is { } refusal)
        {
            return refusal.Outcome;
        }

        var record = (await submissions.FindAsync(call.Id, submissionId, cancellationToken))!;
        var submitted = await submissions.ReadFieldsAsync(call.Id, submissionId, cancellationToken);
        var merged = new Dictionary<string, string>(submitted.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value ?? string.Empty;
        }

        // The form's own rules, over the whole answer set (conditions and all); only the changed fields' errors count,
        // since the rest was accepted as it is.
        var outcome = ProposalValidator.Validate(merged, call, calls.FormFor(call), calls.ReferenceFor(call));
        if (outcome.Errors.Where(e => changes.ContainsKey(e.Field)).ToList() is { Count: > 0 } fieldErrors)
        {
            return new SubjectRequestOutcome.Invalid(fieldErrors);
        }

        var normalised = changes.Keys.ToDictionary(k => k, k => outcome.Fields.GetValueOrDefault(k) ?? string.Empty, StringComparer.Ordinal);
        var entry = await audit.RecordAsync(call.Id, AuditActions.CorrectContact, actor, submissionId, record.ReceiptNumber,
            string.Join(",", normalised.Keys.Order(StringComparer.Ordinal)), reason!.Trim(), cancellationToken);
        var fields = new Dictionary<string, string>(submitted.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in normalised)
        {
            fields[key] = value;
        }

        await submissions.WriteFieldsAsync(submitted with { Fields = fields }, cancellationToken);
        if (normalised.TryGetValue(ProposalFields.ContactEmail, out var email))
        {
            record = await submissions.UpdateAsync(record, current =>
            {
                current.ContactEmail = email;
                return true;
            }, cancellationToken);
            list.Observe(record);
        }

        return new SubjectRequestOutcome.Done(record, entry);
    }

    public async Task<SubjectRequestOutcome> EraseAsync(
        CallDefinition call, string submissionId, string? note, string actor, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > Exclusions.NoteMaxLength })
        {
            return new SubjectRequestOutcome.Invalid([new FieldError("note", $"Ghi chú tối đa {Exclusions.NoteMaxLength} ký tự.", $"The note is at most {Exclusions.NoteMaxLength} characters.")]);
        }

        if (await FindSettledAsync(call, submissionId, cancellationToken) is { } refusal)
        {
            return refusal.Outcome;
        }

        var record = (await submissions.FindAsync(call.Id, submissionId, cancellationToken))!;
        var withdrawn = record.ExcludedReason == ExclusionReasons.Withdrawn;
        var issued = (await revisions.ListAsync(call.Id, cancellationToken)).Where(r => r.CompletedAtUtc is not null).OrderBy(r => r.Revision).FirstOrDefault();
        if (issued is not null && !withdrawn)
        {
            var (vi, en) = ArchivalBasis(call, issued.CompletedAtUtc!.Value);
            var refused = await audit.RecordAsync(call.Id, AuditActions.RefuseErasure, actor, submissionId, record.ReceiptNumber, "archival-duty", vi, cancellationToken);
            return new SubjectRequestOutcome.Refused(vi, en, refused);
        }

        var entry = await audit.RecordAsync(call.Id, AuditActions.Erase, actor, submissionId, record.ReceiptNumber,
            withdrawn ? "withdrawn" : "before-report", note, cancellationToken);
        await emails.DeleteScopeAsync(submissionId, cancellationToken);
        await inbound.DeleteSubmissionAsync(submissionId, cancellationToken); // an emailed proposal: its sender and subject
        await versions.ForgetAsync(call.Id, record.TaxCode, submissionId, cancellationToken);
        await submissions.DeleteFolderAsync(call.Id, submissionId, cancellationToken);
        var now = time.GetUtcNow();
        record = await submissions.UpdateAsync(record, current =>
        {
            Redact(current, now, actor);
            return true;
        }, cancellationToken);
        list.Observe(record);
        return new SubjectRequestOutcome.Done(record, entry);
    }

    /// <summary>
    /// Keeps what the counts need (status, receipt number, dates, size, region, priority area, flags, exclusion) and
    /// nothing that names or reaches a person or holds what they wrote.
    /// </summary>
    private static void Redact(SubmissionRecord record, DateTimeOffset now, string actor)
    {
        record.EnterpriseName = Redacted;
        record.TaskName = Redacted;
        record.TaxCode = string.Empty;
        record.ContactEmail = string.Empty;
        record.SignedScanOriginalName = string.Empty;
        record.EditableFormOriginalName = string.Empty;
        record.SignaturesJson = null;
        record.EnterpriseSizeEvidence = null;
        record.PriorityEvidence = null;
        record.RejectionReasonsJson = null;
        record.ReviewWarningsJson = null;
        record.LastError = null;
        record.NotAProposalReason = null;
        record.ExcludedNote = null;
        if (record.Status == SubmissionStatus.Classified && record.ExcludedReason is null)
        {
            // Erased before the report: it no longer counts, but stays in the totals as withdrawn.
            (record.ExcludedReason, record.ExcludedBy, record.ExcludedAtUtc) = (ExclusionReasons.Withdrawn, actor, now);
        }

        record.ErasedAtUtc = now;
    }

    private static (string Vi, string En) ArchivalBasis(CallDefinition call, DateTimeOffset issuedAt)
    {
        var to = call.Report.Addressees.Count > 0 ? string.Join("; ", call.Report.Addressees) : "cấp trên";
        var keptVi = call.Retention is { } r && call.PurgeAt is { } at
            ? $"phải lưu trữ theo {r.Basis} đến {VietnamTime.FormatVi(at)}"
            : "phải lưu trữ theo quy định về lưu trữ của cơ quan";
        var keptEn = call.Retention is { } re && call.PurgeAt is { } atEn
            ? $"must be archived under {re.BasisEn ?? re.Basis} until {VietnamTime.FormatEn(atEn)}"
            : "must be archived under the agency's records rules";
        return (
            $"Hồ sơ đã thuộc báo cáo tổng hợp lập lúc {VietnamTime.FormatVi(issuedAt)} gửi {to}, {keptVi}; chỉ xóa được trước khi báo cáo được lập hoặc khi doanh nghiệp đã rút hồ sơ.",
            $"The proposal is part of the report issued at {VietnamTime.FormatEn(issuedAt)} to {to}, which {keptEn}; erasure is possible only before the report is issued or once the proposal is withdrawn.");
    }

    private sealed record Refusal(SubjectRequestOutcome Outcome);

    private async Task<Refusal?> FindSettledAsync(CallDefinition call, string submissionId, CancellationToken cancellationToken)
    {
        var record = await submissions.FindAsync(call.Id, submissionId, cancellationToken);
        return record switch
        {
            null => new Refusal(new SubjectRequestOutcome.NotFound()),
            { ErasedAtUtc: not null } => new Refusal(new SubjectRequestOutcome.AlreadyErased(record)),
            { HasLeftPipeline: false } => new Refusal(new SubjectRequestOutcome.InPipeline()),
            _ => null,
        };
    }
}
