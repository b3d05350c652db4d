using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary><c>GET /api/staff/calls</c>: every call this deployment serves, its state, deadline and counts by status.</summary>
public sealed class ListStaffCalls(StaffGate gate, CallOverviews overviews)
{
    [Function(nameof(ListStaffCalls))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls")] HttpRequest request,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.Check(request, null, out _) is { } refused
            ? refused
            : new OkObjectResult(new { calls = await overviews.ListAsync(cancellationToken) });
}
