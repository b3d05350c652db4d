using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Inbound;

/// <summary>What staff get when they accept an emailed submission or set it aside.</summary>
public abstract record ReviewOutcome
{
    public sealed record Accepted(SubmissionRecord Record) : ReviewOutcome;

    public sealed record SetAside(SubmissionRecord Record) : ReviewOutcome;

    public sealed record NotFound : ReviewOutcome;

    /// <summary>It is not waiting for staff (already accepted, set aside, or it came through the form).</summary>
    public sealed record NotWaiting(SubmissionRecord Record) : ReviewOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ReviewOutcome;
}

/// <summary>
/// Staff finish an emailed submission: they correct or complete its fields, which pass the same rules as the
/// web form (<see cref="ProposalValidator"/>), and accept it. The row takes the fields and becomes
/// <c>received</c>, then <c>submission.json</c> is written, which starts the examination stage: from there it is
/// validated, classified, receipted (to the form's contact) and reported like any other. Or they mark it "not a
/// proposal" with a reason. Both go on the audit trail.
/// </summary>
public sealed class InboundReview(CallCatalog calls, SubmissionStore submissions, Admission admission, AuditTrail audit, StaffList list)
{
    public async Task<ReviewOutcome> AcceptAsync(
        string callId, string submissionId, IReadOnlyDictionary<string, string> answers, string actor, CancellationToken cancellationToken)
    {
        if (calls.Find(callId) is not { } call
            || await submissions.FindAsync(callId, submissionId, cancellationToken) is not { } record)
        {
            return new ReviewOutcome.NotFound();
        }

        // Accepting again finishes an acceptance that stopped between the row and submission.json.
        var unfinished = record.Status == SubmissionStatus.Received && record.Source == SubmissionSources.Email
            && !await submissions.HasFieldsAsync(callId, submissionId, cancellationToken);
        if (!record.IsWaitingForStaff && !unfinished)
        {
            return new ReviewOutcome.NotWaiting(record);
        }

        var validation = ProposalValidator.Validate(answers, call, calls.FormFor(call), calls.ReferenceFor(call));
        if (!validation.IsValid)
        {
            return new ReviewOutcome.Invalid(validation.Errors);
        }

        var message = await submissions.ReadInboundAsync(callId, submissionId, cancellationToken);
        var documents = InboundAttachment.Documents(message?.Attachments ?? []);
        await audit.RecordAsync(callId, AuditActions.AcceptEmail, actor, submissionId, record.ReceiptNumber, null, null, cancellationToken);

        var fields = validation.Fields;
        record = await submissions.UpdateAsync(record, current =>
        {
            current.Status = SubmissionStatus.Received;
            current.SetFields(fields);
            return true;
        }, cancellationToken);

        // Written last, as intake does: its arrival starts the examination stage. The documents were checked when
        // the email came (findings shown to staff, who accepted it knowing them).
        await admission.CompleteAsync(new SubmittedFields(
            submissionId, callId, record.ReceiptNumber, record.ReceivedAtUtc, call.FormVersion, fields, documents)
        {
            DocumentsCheckedAtIntake = true,
        }, cancellationToken);
        list.Observe(record);
        return new ReviewOutcome.Accepted(record);
    }

    public async Task<ReviewOutcome> SetAsideAsync(string callId, string submissionId, string? reason, string actor, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > Exclusions.NoteMaxLength)
        {
            return new ReviewOutcome.Invalid([new FieldError("reason",
                $"Hãy ghi lý do (tối đa {Exclusions.NoteMaxLength} ký tự).", $"Write the reason down (at most {Exclusions.NoteMaxLength} characters).")]);
        }

        if (await submissions.FindAsync(callId, submissionId, cancellationToken) is not { } record)
        {
            return new ReviewOutcome.NotFound();
        }

        if (!record.IsWaitingForStaff)
        {
            return new ReviewOutcome.NotWaiting(record);
        }

        await audit.RecordAsync(callId, AuditActions.NotAProposal, actor, submissionId, record.ReceiptNumber, null, reason, cancellationToken);
        record = await submissions.UpdateAsync(record, current =>
        {
            current.Status = SubmissionStatus.NotAProposal;
            current.NotAProposalReason = reason;
            return true;
        }, cancellationToken);
        list.Observe(record);
        return new ReviewOutcome.SetAside(record);
    }
}
