using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary><c>GET /api/staff/calls/{callId}/report</c>: the report files, each with a short-lived download link.</summary>
public sealed class GetReport(RequestRateLimiter limiter, StaffAccess staff, SubmissionQueries queries)
{
    [Function(nameof(GetReport))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/calls/{callId}/report")] HttpRequest request,
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

        var files = await queries.ReportFilesAsync(callId, cancellationToken);
        return new OkObjectResult(new { callId, ready = files.Count > 0, files });
    }
}
