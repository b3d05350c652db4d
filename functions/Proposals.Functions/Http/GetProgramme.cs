using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/programmes/{programmeId}</c>: the programme's national view: each agency's call and report
/// status (<c>pending</c> while open, <c>closed</c>, <c>report-issued</c>, <c>late</c>), counts by status,
/// province, region, priority area and size, and the proposals one enterprise sent to two agencies.
/// </summary>
public sealed class GetProgramme(StaffGate gate, CallCatalog calls, NationalView national)
{
    [Function(nameof(GetProgramme))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/programmes/{programmeId}")] HttpRequest request,
        string programmeId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, programmeId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string programmeId, CancellationToken cancellationToken)
    {
        if (gate.CheckNationalView(request) is { } refused)
        {
            return refused;
        }

        return calls.FindProgramme(programmeId) is { } programme
            ? new OkObjectResult(await national.ViewAsync(programme, cancellationToken))
            : Problems.ProgrammeNotFound(request, programmeId);
    }
}
