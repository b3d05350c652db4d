using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// Staff finish a proposal that came by email. <c>POST /api/staff/calls/{callId}/submissions/{submissionId}/accept</c>
/// with <c>{ "fields": { key: value, ... } }</c>, the form's fields as staff corrected or completed them: the same
/// rules as the web form (400 with each field's error), then it enters the pipeline (200 with its status).
/// <c>POST .../not-a-proposal</c> with <c>{ "reason": "..." }</c> sets it aside, kept and never counted. Both
/// on the audit trail; 409 when it is not waiting for staff.
/// </summary>
public sealed class ReviewEmailedSubmission(StaffGate gate, StaffAccess staff, InboundReview review)
{
    private const int MaxBodyBytes = 128 * 1024; // every field of the form at its limits

    [Function("AcceptEmailedSubmission")]
    public Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/accept")] HttpRequest request,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, "accept", cancellationToken));

    [Function("SetAsideEmailedSubmission")]
    public Task<IActionResult> SetAside(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/not-a-proposal")] HttpRequest request,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, submissionId, "not-a-proposal", cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, string submissionId, string decision, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        var body = await JsonBody.ReadAsync(request, MaxBodyBytes, new ReviewRequest(null, null), cancellationToken);
        if (body is null)
        {
            return Problems.Validation(request, [new("body",
                "Nội dung yêu cầu phải là JSON { \"fields\": {...} } hoặc { \"reason\": ... }.", "The body must be JSON { \"fields\": {...} } or { \"reason\": ... }.")]);
        }

        var actor = staff.ActorOf(request);
        var outcome = decision == "accept"
            ? await review.AcceptAsync(callId, submissionId, body.Fields ?? new Dictionary<string, string>(), actor, cancellationToken)
            : await review.SetAsideAsync(callId, submissionId, body.Reason, actor, cancellationToken);
        return outcome switch
        {
            ReviewOutcome.Accepted a => new OkObjectResult(new { status = a.Record.Status, a.Record.ReceiptNumber }),
            ReviewOutcome.SetAside s => new OkObjectResult(new { status = s.Record.Status, s.Record.ReceiptNumber }),
            ReviewOutcome.Invalid invalid => Problems.Validation(request, invalid.Errors),
            ReviewOutcome.NotWaiting => Problems.NotWaitingForStaff(request),
            _ => Problems.SubmissionNotFound(request),
        };
    }

    private sealed record ReviewRequest(Dictionary<string, string>? Fields, string? Reason);
}
