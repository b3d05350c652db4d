using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary><c>GET /api/submissions/{submissionId}?token=...</c>: the submitter's own status; 404 for a wrong token.</summary>
public sealed class GetSubmissionStatus(RequestRateLimiter limiter, SubmissionQueries queries)
{
    [Function(nameof(GetSubmissionStatus))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "submissions/{submissionId}")] HttpRequest request,
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

        var status = await queries.FindForSubmitterAsync(submissionId, request.Query["token"].ToString(), cancellationToken);
        return status is null ? Problems.SubmissionNotFound(request) : new OkObjectResult(status);
    }
}
