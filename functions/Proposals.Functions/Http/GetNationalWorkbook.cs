using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/programmes/{programmeId}/workbook</c>: the national workbook (.xlsx), one row per counted
/// proposal of every agency's call, with the agency and the cross-agency duplicates; the Ministry's (or every
/// agency's staff's), read-only. Written to a temporary file, not memory, then streamed. Each download is on the
/// audit trail of every call it spans.
/// </summary>
public sealed class GetNationalWorkbook(StaffGate gate, StaffAccess staff, CallCatalog calls, NationalView national, AuditTrail audit)
{
    [Function(nameof(GetNationalWorkbook))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/programmes/{programmeId}/workbook")] HttpRequest request,
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

        // Recorded before it is written: each agency's trail shows who took its proposals away in the workbook.
        await audit.RecordProgrammeAsync(national.CallIdsOf(programme), AuditActions.DownloadNationalWorkbook, staff.ActorOf(request), programme.Id, cancellationToken);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await national.WriteWorkbookAsync(programme, file, cancellationToken);
        file.Position = 0;
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new FileStreamResult(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        {
            FileDownloadName = $"tong-hop-toan-quoc-{programme.Id}.xlsx",
        };
    }
}
