using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/submissions?status=&amp;priorityArea=&amp;suggestedArea=&amp;size=&amp;region=&amp;flag=&amp;q=&amp;sort=&amp;order=&amp;pageSize=&amp;continuationToken=</c>:
/// one page <c>{ items, continuationToken, total }</c> of the call's submissions.
/// </summary>
public sealed class ListSubmissions(StaffGate gate, SubmissionSearch search)
{
    [Function(nameof(ListSubmissions))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/submissions")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        var filter = SubmissionFilter.Parse(name => request.Query[name].FirstOrDefault(), out var errors);
        return errors.Count > 0
            ? Problems.Validation(request, errors)
            : new OkObjectResult(await search.SearchAsync(callId, filter, cancellationToken));
    }
}
