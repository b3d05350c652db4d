using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/submissions/{submissionId}/exclusion</c> with <c>{ "reason", "note" }</c>
/// leaves a classified submission out of the report (reasons: <c>duplicate</c>, <c>withdrawn</c>,
/// <c>not-eligible</c>, <c>other</c> with a note); <c>DELETE</c> (optional <c>{ "note" }</c>) counts it again.
/// 200 with the exclusion (null once included) and the audit record. Both go on the audit trail with who
/// acted; a report revision already written is not changed (staff ask for a new one).
/// </summary>
public sealed class SetSubmissionExclusion(StaffGate gate, StaffAccess staff, Exclusions exclusions)
{
    /// <summary>A reason code and a note of at most 500 characters fit well within this.</summary>
    private const int MaxBodyBytes = 8 * 1024;

    [Function(nameof(SetSubmissionExclusion))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "delete", Route = "api/staff/calls/{callId}/submissions/{submissionId}/exclusion")] HttpRequest request,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, string submissionId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(request, MaxBodyBytes, new ExclusionRequest(null, null), cancellationToken);
        if (body is null)
        {
            return Problems.Validation(request, [new FieldError("body",
                "Nội dung yêu cầu phải là JSON { \"reason\": ..., \"note\": ... }, tối đa 8 KB.",
                "The request body must be JSON { \"reason\": ..., \"note\": ... }, at most 8 KB.")]);
        }

        var actor = staff.ActorOf(request);
        var outcome = HttpMethods.IsDelete(request.Method)
            ? await exclusions.IncludeAsync(callId, submissionId, body.Note, actor, cancellationToken)
            : await exclusions.ExcludeAsync(callId, submissionId, body.Reason, body.Note, actor, cancellationToken);
        return outcome switch
        {
            ExclusionOutcome.Done done => new OkObjectResult(new
            {
                exclusion = ExclusionView.Of(done.Record),
                counted = done.Record.IsCounted,
                audit = AuditView.From(done.Audit),
            }),
            ExclusionOutcome.Invalid invalid => Problems.Validation(request, invalid.Errors),
            ExclusionOutcome.NotClassified => Problems.NotClassified(request),
            _ => Problems.SubmissionNotFound(request),
        };
    }

    private sealed record ExclusionRequest(string? Reason, string? Note);
}
