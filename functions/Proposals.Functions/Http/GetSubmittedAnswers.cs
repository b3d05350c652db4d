using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/submissions/{submissionId}/answers</c> with the header <c>X-Tracking-Token</c>: the answers the
/// enterprise sent, for the form to open filled in when it sends a revised version ("Nộp bản sửa" on the status
/// page). 404 for a wrong token, like the status. Only the token's holder reads them; the documents are not
/// given back.
/// </summary>
public sealed class GetSubmittedAnswers(RequestRateLimiter limiter, SubmissionQueries queries)
{
    [Function(nameof(GetSubmittedAnswers))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/submissions/{submissionId}/answers")] HttpRequest request,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, submissionId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string submissionId, CancellationToken cancellationToken)
    {
        if (limiter.Check(request, RateLimitedRoute.Status) is { } limited)
        {
            return limited;
        }

        var answers = await queries.AnswersForSubmitterAsync(submissionId, request.Headers[TrackingTokens.Header].ToString(), cancellationToken);
        return answers is null ? Problems.SubmissionNotFound(request) : new OkObjectResult(answers);
    }
}
