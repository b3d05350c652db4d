using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/submissions/{submissionId}</c>: every submitted field, the findings,
/// the classification evidence, possible duplicates and versions of one submission.
/// </summary>
public sealed class GetSubmissionDetails(StaffGate gate, SubmissionDetails details)
{
    [Function(nameof(GetSubmissionDetails))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/submissions/{submissionId}")] HttpRequest request,
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

        return await details.FindAsync(callId, submissionId, cancellationToken) is { } found
            ? new OkObjectResult(found)
            : Problems.SubmissionNotFound(request);
    }
}
