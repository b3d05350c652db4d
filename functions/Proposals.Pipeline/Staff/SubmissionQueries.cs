using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>Read-only views for the status API (the submitter) and the staff API.</summary>
public sealed class SubmissionQueries(CallCatalog calls, SubmissionStore submissions)
{
    /// <summary>The submitter's own status, or null for an unknown id or a wrong token (indistinguishable).</summary>
    public async Task<SubmissionStatusView?> FindForSubmitterAsync(string submissionId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > TrackingTokens.MaxLength || submissionId.Length > 64 || !submissionId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        foreach (var call in calls.All)
        {
            var record = await submissions.FindAsync(call.Id, submissionId, cancellationToken);
            if (record is not null)
            {
                return TrackingTokens.Matches(token, record.TrackingTokenHash) ? SubmissionStatusView.From(record, call) : null;
            }
        }

        return null;
    }

    public CallDefinition? FindCall(string callId) => calls.Find(callId);
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
    IReadOnlyList<FieldError> Reasons)
{
    public static SubmissionStatusView From(SubmissionRecord r, CallDefinition call) => new(
        r.SubmissionId, r.CallId, call.Title, r.ReceiptNumber, r.Status, SubmissionStatus.Vietnamese(r.Status), SubmissionStatus.English(r.Status),
        r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName, r.TaskName, r.RejectionReasons);
}
