using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary><c>GET /api/staff/calls/{callId}/submissions</c>: every submission with its status and classification.</summary>
public sealed class ListSubmissions(RequestRateLimiter limiter, StaffAccess staff, SubmissionQueries queries)
{
    [Function(nameof(ListSubmissions))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/calls/{callId}/submissions")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(
        HttpRequest request,
        string callId,
        CancellationToken cancellationToken)
    {
        if (limiter.Check(request, RateLimitedRoute.Staff) is { } limited)
        {
            return limited;
        }

        if (staff.Check(request) is { } denied)
        {
            return denied;
        }

        if (queries.FindCall(callId) is null)
        {
            return Problems.CallNotFound(request, callId);
        }

        return new OkObjectResult(await queries.ListForStaffAsync(callId, cancellationToken));
    }
}
