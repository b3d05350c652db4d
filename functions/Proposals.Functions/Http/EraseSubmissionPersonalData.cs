using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Validation;
using Proposals.Pipeline.PersonalData;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/submissions/{submissionId}/erasure</c> with <c>{ "note" }</c>: erases the
/// submission's personal fields and documents at the person's request, where the law allows it (before the report is
/// issued, or once withdrawn); a redacted row stays so the counts add up. 200 with the redacted row and the audit record;
/// 409 <c>erasure-refused</c> with the basis when the issued report must be archived (the refusal is recorded too).
/// </summary>
public sealed class EraseSubmissionPersonalData(StaffGate gate, StaffAccess staff, SubjectRequests requests)
{
    private const int MaxBodyBytes = 8 * 1024;

    [Function(nameof(EraseSubmissionPersonalData))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/erasure")] HttpRequest request,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, string submissionId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out var call) is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(request, MaxBodyBytes, new ErasureRequest(null), cancellationToken);
        if (body is null)
        {
            return Problems.Validation(request, [new FieldError("body",
                "Nội dung yêu cầu phải là JSON { \"note\": ... }, tối đa 8 KB.", "The request body must be JSON { \"note\": ... }, at most 8 KB.")]);
        }

        return SubjectRequestAnswers.Of(request, await requests.EraseAsync(call!, submissionId, body.Note, staff.ActorOf(request), cancellationToken));
    }

    private sealed record ErasureRequest(string? Note);
}

/// <summary>How a person's request about one submission is answered, for erasure and correction alike.</summary>
public static class SubjectRequestAnswers
{
    public static IActionResult Of(HttpRequest request, SubjectRequestOutcome outcome) => outcome switch
    {
        SubjectRequestOutcome.Done done => new OkObjectResult(new
        {
            done.Record.SubmissionId,
            done.Record.ReceiptNumber,
            done.Record.Status,
            done.Record.EnterpriseName,
            done.Record.ErasedAtUtc,
            audit = AuditView.From(done.Audit),
        }),
        SubjectRequestOutcome.AlreadyErased erased => new OkObjectResult(new
        {
            erased.Record.SubmissionId, erased.Record.ReceiptNumber, erased.Record.Status, erased.Record.EnterpriseName, erased.Record.ErasedAtUtc,
        }),
        SubjectRequestOutcome.Invalid invalid => Problems.Validation(request, invalid.Errors),
        SubjectRequestOutcome.InPipeline => Problems.Create(request, StatusCodes.Status409Conflict, "in-pipeline",
            "Hồ sơ đang được xử lý", "The submission is being processed",
            "Hồ sơ đang được kiểm tra, phân loại hoặc chờ cán bộ hoàn thiện; thử lại khi đã xử lý xong.",
            "The submission is still being checked, classified or completed by staff; try again once that is done."),
        SubjectRequestOutcome.Refused refusal => WithAudit(Problems.Create(request, StatusCodes.Status409Conflict, "erasure-refused",
            "Không thể xóa: phải lưu trữ", "Erasure refused: archival duty", refusal.BasisVi, refusal.BasisEn), refusal.Audit),
        _ => Problems.SubmissionNotFound(request),
    };

    private static ObjectResult WithAudit(ObjectResult problem, AuditEntry audit)
    {
        ((ProblemDetails)problem.Value!).Extensions["audit"] = AuditView.From(audit);
        return problem;
    }
}
