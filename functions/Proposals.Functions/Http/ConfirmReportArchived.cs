using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Retention;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/retention/archived</c> with <c>{ "note" }</c> (where it is archived): staff confirm
/// the call's report is archived, which the purge waits for once the retention has passed. Refused before the
/// deadline (409) and before a report exists (409). On the audit trail with who confirmed; 200 with the retention view.
/// </summary>
public sealed class ConfirmReportArchived(StaffGate gate, StaffAccess staff, RetentionPurge purge)
{
    private const int MaxBodyBytes = 8 * 1024;

    [Function(nameof(ConfirmReportArchived))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/retention/archived")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out var call) is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(request, MaxBodyBytes, new ArchivedRequest(null), cancellationToken);
        if (body is null)
        {
            return Problems.Validation(request, [new FieldError("body",
                "Nội dung yêu cầu phải là JSON { \"note\": ... }, tối đa 8 KB.", "The request body must be JSON { \"note\": ... }, at most 8 KB.")]);
        }

        return await purge.ConfirmArchivedAsync(call!, staff.ActorOf(request), body.Note, cancellationToken) switch
        {
            ArchiveConfirmation.Done => new OkObjectResult(RetentionView.Of(call!, await purge.PreviewAsync(call!, cancellationToken))),
            ArchiveConfirmation.CallStillOpen => Problems.CallStillOpen(request, call!),
            ArchiveConfirmation.NoReport => Problems.Create(request, StatusCodes.Status409Conflict, "no-report-yet",
                "Chưa có báo cáo", "No report yet",
                "Đợt này chưa có báo cáo tổng hợp nào được lập, nên chưa thể xác nhận đã lưu trữ.",
                "No report has been written for this call yet, so it cannot be confirmed archived."),
            _ => Problems.Validation(request, [new FieldError("note",
                $"Ghi chú tối đa {Exclusions.NoteMaxLength} ký tự.", $"The note is at most {Exclusions.NoteMaxLength} characters.")]),
        };
    }

    private sealed record ArchivedRequest(string? Note);
}
