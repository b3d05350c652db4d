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
/// Each read is on the audit trail of every call it spans.
/// </summary>
public sealed class GetProgramme(StaffGate gate, StaffAccess staff, CallCatalog calls, NationalView national, AuditTrail audit)
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

        if (calls.FindProgramme(programmeId) is not { } programme)
        {
            return Problems.ProgrammeNotFound(request, programmeId);
        }

        // Recorded before it is read (the view names enterprises and tax codes of every agency's calls).
        await audit.RecordProgrammeAsync(national.CallIdsOf(programme), AuditActions.ReadNationalView, staff.ActorOf(request), programme.Id, cancellationToken);
        return new OkObjectResult(await national.ViewAsync(programme, cancellationToken));
    }
}
