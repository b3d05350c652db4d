using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Documents;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/submissions/{submissionId}/malware-release</c> with <c>{ "note" }</c> (required,
/// at most 500 characters: where and how the files were scanned): when malware scanning is down, releases a
/// <c>received</c> submission whose files have no verdict yet. On the audit trail (<c>release-unscanned</c>) and the
/// row; the submission is validated again at once. 200 with its status and the audit record; 409 when nothing
/// waits for the scanner.
/// </summary>
public sealed class ReleaseUnscannedSubmission(StaffGate gate, StaffAccess staff, MalwareReleases releases)
{
    /// <summary>A note of at most 500 characters fits well within this.</summary>
    private const int MaxBodyBytes = 8 * 1024;

    [Function(nameof(ReleaseUnscannedSubmission))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/malware-release")] HttpRequest request,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, string submissionId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(request, MaxBodyBytes, new ReleaseRequest(null), cancellationToken);
        if (body is null)
        {
            return Problems.Validation(request, [new FieldError("body",
                "Nội dung yêu cầu phải là JSON { \"note\": ... }, tối đa 8 KB.",
                "The request body must be JSON { \"note\": ... }, at most 8 KB.")]);
        }

        var outcome = await releases.ReleaseAsync(callId, submissionId, body.Note, staff.ActorOf(request), cancellationToken);
        return outcome switch
        {
            MalwareReleaseOutcome.Done done => new OkObjectResult(new
            {
                status = done.Record.Status,
                signedScanMalwareScan = done.Record.SignedScanMalwareScan,
                editableFormMalwareScan = done.Record.EditableFormMalwareScan,
                malwareScanVi = MalwareScanStates.Vietnamese(MalwareScanStates.ScannedElsewhere),
                malwareScanEn = MalwareScanStates.English(MalwareScanStates.ScannedElsewhere),
                audit = AuditView.From(done.Audit),
            }),
            MalwareReleaseOutcome.Invalid invalid => Problems.Validation(request, invalid.Errors),
            MalwareReleaseOutcome.NotAwaitingScan => Problems.NotAwaitingMalwareScan(request),
            _ => Problems.SubmissionNotFound(request),
        };
    }

    private sealed record ReleaseRequest(string? Note);
}
