using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary><c>GET /api/staff/calls/{callId}/stuck</c>: submissions still in the pipeline too long, and poisoned ones with the reason.</summary>
public sealed class ListStuckSubmissions(StaffGate gate, StuckSubmissions stuck)
{
    [Function(nameof(ListStuckSubmissions))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/stuck")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        return gate.Check(request, callId, out _) is { } refused
            ? refused
            : new OkObjectResult(await stuck.ListAsync(callId, cancellationToken));
    }
}
