using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/submissions/{submissionId}/replay</c>: sends a poisoned or stuck
/// submission through the pipeline again; 202, also when repeated. On the audit trail.
/// </summary>
public sealed class ReplaySubmission(StaffGate gate, StaffAccess staff, StuckSubmissions stuck)
{
    [Function(nameof(ReplaySubmission))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/replay")] HttpRequest request,
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

        return await stuck.ReplayAsync(callId, submissionId, staff.ActorOf(request), cancellationToken)
            ? new AcceptedResult()
            : Problems.SubmissionNotFound(request);
    }
}
