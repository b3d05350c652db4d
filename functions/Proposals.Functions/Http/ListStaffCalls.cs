using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls</c>: every call of the caller's agencies this deployment serves, its state, deadline and counts by status, and
/// <c>defaultCallId</c>, the one the console opens on (<see cref="DefaultCall"/>).
/// </summary>
public sealed class ListStaffCalls(StaffGate gate, CallOverviews overviews, TimeProvider time)
{
    [Function(nameof(ListStaffCalls))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls")] HttpRequest request,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (gate.Check(request, null, out _) is { } refused)
        {
            return refused;
        }

        var calls = await overviews.ListAsync(gate.CallsOf(request), cancellationToken);
        return new OkObjectResult(new { calls, defaultCallId = DefaultCall.Of(calls, time.GetUtcNow()) });
    }
}
