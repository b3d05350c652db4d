using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/report/revisions</c>: asks for a new report revision after the
/// deadline (e.g. after a poisoned submission was replayed). 202 with the revision number; the
/// closeout timer writes it within a minute into a folder of its own, the earlier revisions kept.
/// Asking again while one is pending answers with that one. A new revision goes on the audit trail.
/// </summary>
public sealed class RequestReportRevision(StaffGate gate, StaffAccess staff, ReportRevisions revisions, AuditTrail audit)
{
    [Function(nameof(RequestReportRevision))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/report/revisions")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out var call) is { } refused)
        {
            return refused;
        }

        var actor = staff.ActorOf(request);
        var outcome = await revisions.RequestAsync(call!, actor, cancellationToken);
        if (outcome is RevisionRequest.Requested requested)
        {
            await audit.RecordAsync(callId, AuditActions.RequestReportRevision, actor, null, null, null, $"r{requested.Revision:D3}", cancellationToken);
        }

        return outcome switch
        {
            RevisionRequest.Requested r => new AcceptedResult((string?)null, new { revision = r.Revision, state = RevisionView.Requested }),
            RevisionRequest.AlreadyPending p => new AcceptedResult((string?)null, new { revision = p.Revision, state = RevisionView.Requested }),
            _ => Problems.CallStillOpen(request, call!),
        };
    }
}
