using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/report</c>: the report revisions, newest first, each with its state
/// and its files, every file with a fresh short-lived download link.
/// </summary>
public sealed class GetReport(RequestRateLimiter limiter, StaffAccess staff, SubmissionQueries queries, ReportQueries reports)
{
    [Function(nameof(GetReport))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/calls/{callId}/report")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        if (limiter.Check(request, RateLimitedRoute.Staff) is { } limited)
        {
            return limited;
        }

        if (staff.Check(request) is { } denied)
        {
            return denied;
        }

        return queries.FindCall(callId) is null
            ? Problems.CallNotFound(request, callId)
            : new OkObjectResult(await reports.ReportAsync(callId, cancellationToken));
    }
}
