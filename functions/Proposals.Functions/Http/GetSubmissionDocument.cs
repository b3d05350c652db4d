using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/submissions/{submissionId}/documents/{document}</c> (<c>signedScan</c> or
/// <c>editableForm</c>): <c>{ url, expiresAt }</c>, a fresh read-only link valid for a few minutes, to the document's
/// disarmed safe copy; with <c>?original=true</c> to the original, on the audit trail (also when no safe copy exists). A file the
/// malware scanner flagged: 403, never a link. A file of a rejected submission: 409 with the reasons, until the
/// console asks again with a <c>POST</c> to the same address, the staff member's confirmation (the download then
/// goes on the audit trail). The confirmation writes, so it is a POST and passes the CSRF check of
/// <see cref="StaffRequestOrigin"/>; a GET never confirms, whatever its query says.
/// </summary>
public sealed class GetSubmissionDocument(StaffGate gate, StaffAccess staff, SubmissionDetails details)
{
    [Function(nameof(GetSubmissionDocument))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/documents/{document}")] HttpRequest request,
        string callId,
        string submissionId,
        string document,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, document, cancellationToken));

    private async Task<IActionResult> HandleAsync(
        HttpRequest request, string callId, string submissionId, string document, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        var confirmed = HttpMethods.IsPost(request.Method);
        var original = string.Equals(request.Query["original"], "true", StringComparison.OrdinalIgnoreCase);
        return await details.DocumentLinkAsync(callId, submissionId, document, confirmed, original, staff.ActorOf(request), cancellationToken) switch
        {
            DocumentAccess.Granted granted => new OkObjectResult(granted.Link),
            DocumentAccess.Blocked => Problems.DocumentBlocked(request),
            DocumentAccess.NeedsConfirmation confirm => Problems.DocumentNeedsConfirmation(request, confirm.Reasons),
            _ => Problems.SubmissionNotFound(request),
        };
    }
}
