using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>What staff get when they exclude a submission from the report or include it again.</summary>
public abstract record ExclusionOutcome
{
    public sealed record Done(SubmissionRecord Record, AuditEntry Audit) : ExclusionOutcome;

    public sealed record NotFound : ExclusionOutcome;

    /// <summary>Only a classified submission counts, so only one can be left out (a rejected one never counts).</summary>
    public sealed record NotClassified(SubmissionRecord Record) : ExclusionOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ExclusionOutcome;
}

/// <summary>
/// Staff decide what the report counts: a classified submission can be excluded with a reason (a duplicate,
/// withdrawn at the enterprise's request, ...) and included again. Each decision goes to the
/// <see cref="AuditTrail"/> first, then onto the row (who, when, why), which the staff list, the detail view and
/// the report read. Nothing is deleted: an excluded submission stays in the workbook's excluded sheet.
/// </summary>
public sealed class Exclusions(SubmissionStore submissions, AuditTrail audit, StaffList list, TimeProvider time)
{
    public const int NoteMaxLength = 500;

    public static IReadOnlyList<FieldError> Check(string? reason, string? note)
    {
        var errors = new List<FieldError>();
        if (reason is null || !ExclusionReasons.All.Contains(reason))
        {
            errors.Add(new FieldError("reason",
                $"Chọn một lý do: {string.Join(", ", ExclusionReasons.All)}.",
                $"Choose a reason: {string.Join(", ", ExclusionReasons.All)}."));
        }
        else if (ExclusionReasons.NeedsNote(reason) && string.IsNullOrWhiteSpace(note))
        {
            errors.Add(new FieldError("note", "Với \"Lý do khác\", hãy ghi rõ lý do.", "With \"Other reason\", write the reason down."));
        }

        if (note is { Length: > NoteMaxLength })
        {
            errors.Add(NoteTooLong);
        }

        return errors;
    }

    private static readonly FieldError NoteTooLong =
        new("note", $"Ghi chú tối đa {NoteMaxLength} ký tự.", $"The note is at most {NoteMaxLength} characters.");

    public async Task<ExclusionOutcome> ExcludeAsync(
        string callId, string submissionId, string? reason, string? note, string actor, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (Check(reason, note) is { Count: > 0 } errors)
        {
            return new ExclusionOutcome.Invalid(errors);
        }

        return await DecideAsync(callId, submissionId, AuditActions.Exclude, reason, note, actor, (record, now) =>
        {
            record.ExcludedReason = reason;
            record.ExcludedNote = note;
            record.ExcludedBy = actor;
            record.ExcludedAtUtc = now;
        }, cancellationToken);
    }

    public async Task<ExclusionOutcome> IncludeAsync(
        string callId, string submissionId, string? note, string actor, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > NoteMaxLength })
        {
            return new ExclusionOutcome.Invalid([NoteTooLong]);
        }

        return await DecideAsync(callId, submissionId, AuditActions.Include, null, note, actor, (record, _) =>
        {
            record.ExcludedReason = null;
            record.ExcludedNote = null;
            record.ExcludedBy = null;
            record.ExcludedAtUtc = null;
        }, cancellationToken);
    }

    private async Task<ExclusionOutcome> DecideAsync(
        string callId, string submissionId, string action, string? reason, string? note, string actor,
        Action<SubmissionRecord, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        if (await submissions.FindAsync(callId, submissionId, cancellationToken) is not { } record)
        {
            return new ExclusionOutcome.NotFound();
        }

        if (record.Status != SubmissionStatus.Classified)
        {
            return new ExclusionOutcome.NotClassified(record);
        }

        var entry = await audit.RecordAsync(callId, action, actor, submissionId, record.ReceiptNumber, reason, note, cancellationToken);
        var now = time.GetUtcNow();
        record = await submissions.UpdateAsync(record, current =>
        {
            apply(current, now);
            return true;
        }, cancellationToken);
        list.Observe(record);
        return new ExclusionOutcome.Done(record, entry);
    }
}
