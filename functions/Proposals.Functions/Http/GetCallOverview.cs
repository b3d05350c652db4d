using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/overview</c>: the call's state and counts by status, by day in Vietnam
/// time, by priority area (declared and suggested), size and region: what the console's charts draw;
/// and the report settings the call file leaves out (<c>warnings</c>), for staff to chase before the deadline.
/// </summary>
public sealed class GetCallOverview(StaffGate gate, CallOverviews overviews)
{
    [Function(nameof(GetCallOverview))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/overview")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken) =>
        gate.Check(request, callId, out var call) is { } refused
            ? refused
            : new OkObjectResult(await overviews.OverviewAsync(call!, cancellationToken));
}
