using Proposals.Domain.Calls;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>Read-only views for the status API (the submitter) and the staff API.</summary>
public sealed class SubmissionQueries(CallCatalog calls, SubmissionStore submissions, TimeProvider time)
{
    /// <summary>The submitter's own status, or null for an unknown id or a wrong token (indistinguishable).</summary>
    public async Task<SubmissionStatusView?> FindForSubmitterAsync(string submissionId, string? token, CancellationToken cancellationToken)
    {
        if (await FindWithTokenAsync(submissionId, token, cancellationToken) is not var (record, call))
        {
            return null;
        }

        var replacedBy = record.SupersededBy is { } later ? (await submissions.FindAsync(call.Id, later, cancellationToken))?.ReceiptNumber ?? later : null;
        return SubmissionStatusView.From(record, call, replacedBy, CanRevise(record, call));
    }

    /// <summary>
    /// What the submitter answered (the normalised fields of <c>submission.json</c>), for the form to open filled
    /// in when the enterprise sends a revised version; null for an unknown id or a wrong token. The documents are
    /// not included: a browser cannot put a file into a file input, so the enterprise attaches them again.
    /// </summary>
    public async Task<SubmittedAnswersView?> AnswersForSubmitterAsync(string submissionId, string? token, CancellationToken cancellationToken)
    {
        if (await FindWithTokenAsync(submissionId, token, cancellationToken) is not var (record, call)
            || !await submissions.HasFieldsAsync(call.Id, submissionId, cancellationToken))
        {
            return null;
        }

        var submitted = await submissions.ReadFieldsAsync(call.Id, submissionId, cancellationToken);
        return new SubmittedAnswersView(record.SubmissionId, call.Id, record.ReceiptNumber, CanRevise(record, call), submitted.Fields);
    }

    public CallDefinition? FindCall(string callId) => calls.Find(callId);

    /// <summary>A revised version can be sent while the call is open and nothing has replaced this one yet.</summary>
    private bool CanRevise(SubmissionRecord record, CallDefinition call) =>
        call.AcceptsSubmissionsAt(time.GetUtcNow()) && record.SupersededBy is null;

    private async Task<(SubmissionRecord Record, CallDefinition Call)?> FindWithTokenAsync(string submissionId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > TrackingTokens.MaxLength || !SubmissionStore.IsSubmissionId(submissionId))
        {
            return null;
        }

        foreach (var call in calls.All)
        {
            var record = await submissions.FindAsync(call.Id, submissionId, cancellationToken);
            if (record is not null)
            {
                return TrackingTokens.Matches(token, record.TrackingTokenHash) ? (record, call) : null;
            }
        }

        return null;
    }
}

public sealed record SubmissionStatusView(
    string SubmissionId,
    string CallId,
    string CallTitle,
    string ReceiptNumber,
    string Status,
    string StatusVi,
    string StatusEn,
    DateTimeOffset ReceivedAtUtc,
    string ReceivedAtVietnam,
    string EnterpriseName,
    string TaskName,
    IReadOnlyList<FieldError> Reasons,
    string? ReplacedBy,
    bool CanRevise,
    VerifiedSignatureView? Signature)
{
    public static SubmissionStatusView From(SubmissionRecord r, CallDefinition call, string? replacedBy, bool canRevise) => new(
        r.SubmissionId, r.CallId, call.Title, r.ReceiptNumber, r.Status, SubmissionStatus.Vietnamese(r.Status), SubmissionStatus.English(r.Status),
        r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName, r.TaskName, r.RejectionReasons, replacedBy, canRevise,
        VerifiedSignatureView.Of(r));
}

/// <summary>
/// What the enterprise is told about its digital signature: only that it was verified, with the matching tax code,
/// by whom and when (an invalid one is among the rejection reasons; the other states are for staff to weigh).
/// </summary>
public sealed record VerifiedSignatureView(string Vi, string En, string? SignerName, string? Issuer, string? TaxCode, string? SignedAtVietnam)
{
    public static VerifiedSignatureView? Of(SubmissionRecord r) =>
        r.SignatureState != SignatureStates.Verified || r.Signatures.FirstOrDefault(s => s.State == SignatureStates.Verified) is not { } s
            ? null
            : new(SignatureStates.Vietnamese(r.SignatureState), SignatureStates.English(r.SignatureState), s.SignerName, s.Issuer,
                s.TaxCodes.Count > 0 ? s.TaxCodes[0] : null, s.SignedAtUtc is { } at ? VietnamTime.FormatVi(at) : null);
}

/// <summary>The submitter's earlier answers, by form field, to fill the form for a revised version.</summary>
public sealed record SubmittedAnswersView(
    string SubmissionId, string CallId, string ReceiptNumber, bool CanRevise, IReadOnlyDictionary<string, string> Fields);
