using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/submissions/{submissionId}/documents/{document}</c> (<c>signedScan</c> or
/// <c>editableForm</c>): <c>{ url, expiresAt }</c>, a fresh read-only link valid for a few minutes.
/// </summary>
public sealed class GetSubmissionDocument(StaffGate gate, SubmissionDetails details)
{
    [Function(nameof(GetSubmissionDocument))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/submissions/{submissionId}/documents/{document}")] HttpRequest request,
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

        return await details.DocumentLinkAsync(callId, submissionId, document, cancellationToken) is { } link
            ? new OkObjectResult(link)
            : Problems.SubmissionNotFound(request);
    }
}
