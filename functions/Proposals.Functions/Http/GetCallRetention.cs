using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Retention;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/calls/{callId}/retention</c>: the call's retention and the purge's dry run: the purge date (also
/// in Vietnam time) and its basis, whether staff confirmed the report archived (who, when), the tombstone once purged,
/// and what a purge would delete now (counts, receipt numbers, report files) and what it keeps. Deletes nothing.
/// </summary>
public sealed class GetCallRetention(StaffGate gate, RetentionPurge purge)
{
    [Function(nameof(GetCallRetention))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/calls/{callId}/retention")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out var call) is { } refused)
        {
            return refused;
        }

        return new OkObjectResult(RetentionView.Of(call!, await purge.PreviewAsync(call!, cancellationToken)));
    }
}

/// <summary>The console's view of a call's retention and its dry run.</summary>
public static class RetentionView
{
    public static object Of(CallDefinition call, PurgePreview preview) => new
    {
        preview.CallId,
        DaysAfterDeadline = call.Retention?.DaysAfterDeadline,
        Basis = call.Retention?.Basis,
        BasisEn = call.Retention?.BasisEn,
        preview.PurgeAt,
        PurgeAtVietnam = preview.PurgeAt is { } at ? VietnamTime.FormatVi(at) : null,
        State = preview.PurgedAtUtc is not null ? "purged"
            : preview.PurgeAt is null ? "no-retention"
            : preview.ArchivedConfirmedAtUtc is null ? (preview.Due ? "awaiting-confirmation" : "not-due")
            : preview.Due ? "due" : "confirmed",
        preview.Due,
        preview.ArchivedConfirmedBy,
        preview.ArchivedConfirmedAtUtc,
        preview.PurgedAtUtc,
        preview.Counts,
        preview.ReceiptNumbers,
        preview.ReportFiles,
        preview.Kept,
    };
}
