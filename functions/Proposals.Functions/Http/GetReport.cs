using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Closeout;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/report</c>: the report revisions, newest first, each with its state
/// and its files, every file with a fresh short-lived download link.
/// </summary>
public sealed class GetReport(StaffGate gate, ReportLinks reports)
{
    [Function(nameof(GetReport))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/report")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken) =>
        gate.Check(request, callId, out _) is { } refused
            ? refused
            : new OkObjectResult(await reports.ReportAsync(callId, cancellationToken));
}
