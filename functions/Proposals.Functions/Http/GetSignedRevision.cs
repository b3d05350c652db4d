using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/submissions/{submissionId}/documents/signedScan/revisions/{signature}</c>: a fresh
/// read-only link to the revision the scan's <paramref name="signature"/>-th signature signed (its bytes up to the end
/// of the signed range), what readers call "view signed version". Refused as the scan is (malware 403, a rejected
/// submission 409 until the console confirms with a <c>POST</c> to the same address, as for the document itself:
/// the confirmation writes, so it passes the CSRF check and a GET never confirms); every download on the audit trail.
/// </summary>
public sealed class GetSignedRevision(StaffGate gate, StaffAccess staff, SubmissionDetails details)
{
    [Function(nameof(GetSignedRevision))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/documents/signedScan/revisions/{signature}")] HttpRequest request,
        string callId,
        string submissionId,
        string signature,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, signature, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, string submissionId, string signature, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        if (!int.TryParse(signature, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Problems.SubmissionNotFound(request);
        }

        var confirmed = HttpMethods.IsPost(request.Method);
        return await details.SignedRevisionLinkAsync(callId, submissionId, number, confirmed, staff.ActorOf(request), cancellationToken) switch
        {
            DocumentAccess.Granted granted => new OkObjectResult(granted.Link),
            DocumentAccess.Blocked => Problems.DocumentBlocked(request),
            DocumentAccess.NeedsConfirmation confirm => Problems.DocumentNeedsConfirmation(request, confirm.Reasons),
            _ => Problems.SubmissionNotFound(request),
        };
    }
}
