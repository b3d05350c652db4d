using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/submissions/{submissionId}</c> with the header <c>X-Tracking-Token</c>: the submitter's own
/// status; 404 for a wrong token. Not a query parameter: URLs end up in logs and telemetry.
/// </summary>
public sealed class GetSubmissionStatus(RequestRateLimiter limiter, SubmissionQueries queries)
{
    [Function(nameof(GetSubmissionStatus))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions/{submissionId}")] HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, submissionId, cancellationToken));

    private async Task<IActionResult> HandleAsync(
        HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken)
    {
        if (limiter.Check(request, RateLimitedRoute.Status) is { } limited)
        {
            return limited;
        }

        var status = await queries.FindForSubmitterAsync(submissionId, request.Headers[TrackingTokens.Header].ToString(), cancellationToken);
        return status is null ? Problems.SubmissionNotFound(request) : new OkObjectResult(status);
    }
}
