using System.Security.Cryptography;
using System.Text;
using Proposals.Domain.Calls;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>Read-only views for the status API (the submitter) and the staff API.</summary>
public sealed class SubmissionQueries(CallCatalog calls, SubmissionRepository submissions)
{
    /// <summary>The submitter's own status, or null for an unknown id or a wrong token (indistinguishable).</summary>
    public async Task<SubmissionStatusView?> FindForSubmitterAsync(string submissionId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || submissionId.Length > 64 || !submissionId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(IntakeStage.HashToken(token));
        foreach (var call in calls.All)
        {
            var record = await submissions.FindAsync(call.Id, submissionId, cancellationToken);
            if (record is not null)
            {
                return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(record.TrackingTokenHash))
                    ? SubmissionStatusView.From(record, call)
                    : null;
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<StaffSubmissionView>> ListForStaffAsync(string callId, CancellationToken cancellationToken)
    {
        var records = await submissions.ListAsync(callId, cancellationToken);
        return records.Select(StaffSubmissionView.From).ToList();
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
    DateTimeOffset ReceivedAtUtc,
    string ReceivedAtVietnam,
    string EnterpriseName,
    string TaskName,
    IReadOnlyList<FieldError> Reasons)
{
    public static SubmissionStatusView From(SubmissionRecord r, CallDefinition call) => new(
        r.SubmissionId, r.CallId, call.Title, r.ReceiptNumber, r.Status, Domain.Submissions.SubmissionStatus.Vietnamese(r.Status),
        r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName, r.TaskName, r.RejectionReasons);
}

public sealed record StaffSubmissionView(
    string SubmissionId,
    string ReceiptNumber,
    string Status,
    DateTimeOffset ReceivedAtUtc,
    string ReceivedAtVietnam,
    string EnterpriseName,
    string TaxCode,
    string Province,
    string ContactEmail,
    string TaskName,
    string TaskType,
    int PriorityArea,
    IReadOnlyList<FieldError> RejectionReasons,
    IReadOnlyList<FieldError> ReviewWarnings,
    StaffClassificationView? Classification,
    DateTimeOffset? ValidatedAtUtc,
    DateTimeOffset? ClassifiedAtUtc)
{
    public static StaffSubmissionView From(SubmissionRecord r) => new(
        r.SubmissionId, r.ReceiptNumber, r.Status, r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName,
        r.TaxCode, r.Province, r.ContactEmail, r.TaskName, r.TaskType, r.PriorityArea, r.RejectionReasons, r.ReviewWarnings,
        r.EnterpriseSize is null ? null : new StaffClassificationView(
            r.EnterpriseSize, r.EnterpriseSizeEvidence ?? string.Empty, r.VsicSection ?? string.Empty, r.SectorName ?? string.Empty,
            r.RegionId ?? string.Empty, r.RegionName ?? string.Empty, r.PriorityArea, r.PriorityAreaTitle ?? string.Empty, r.FlagList),
        r.ValidatedAtUtc, r.ClassifiedAtUtc);
}

public sealed record StaffClassificationView(
    string EnterpriseSize, string EnterpriseSizeEvidence, string VsicSection, string SectorName,
    string RegionId, string RegionName, int PriorityArea, string PriorityAreaTitle, IReadOnlyList<string> Flags);

public sealed record ReportFileView(string Name, long Bytes, DateTimeOffset? LastModified, string Url, DateTimeOffset ExpiresAt);
