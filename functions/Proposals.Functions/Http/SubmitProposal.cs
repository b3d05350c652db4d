using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Proposals.Pipeline;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Intake;

namespace Proposals.Functions.Http;

/// <summary><c>POST /api/calls/{callId}/submissions</c>: multipart form in, 202 and a receipt out.</summary>
public sealed class SubmitProposal(RequestRateLimiter limiter, SubmissionFormReader reader, IntakeStage intake, IOptions<PipelineOptions> options)
{
    [Function(nameof(SubmitProposal))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/calls/{callId}/submissions")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(
        HttpRequest request,
        string callId,
        CancellationToken cancellationToken)
    {
        if (limiter.Check(request, RateLimitedRoute.Intake) is { } limited)
        {
            return limited;
        }

        var (submission, problem) = await reader.ReadAsync(request, callId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return Answer(request, callId, await intake.SubmitAsync(submission!, cancellationToken), reader.MaxRequestBytes, options.Value.PublicBaseUrl);
    }

    /// <summary>The answer to an intake outcome: the receipt, or the problem. Also for staff entering a proposal from paper.</summary>
    public static IActionResult Answer(HttpRequest request, string callId, IntakeOutcome outcome, long maxRequestBytes, string publicBaseUrl) => outcome switch
    {
        IntakeOutcome.Accepted accepted => Accepted(request, accepted.Receipt, publicBaseUrl),
        IntakeOutcome.UnknownCall => Problems.CallNotFound(request, callId),
        IntakeOutcome.CallClosed closed => Problems.CallClosed(request, closed.Call),
        IntakeOutcome.CallNotYetOpen notOpen => Problems.CallNotYetOpen(request, notOpen.Call),
        IntakeOutcome.Invalid invalid => Problems.Validation(request, invalid.Errors),
        IntakeOutcome.UnsupportedDocument unsupported => Problems.UnsupportedDocument(request, unsupported.Errors),
        IntakeOutcome.DocumentTooLarge tooLarge => Problems.TooLarge(request, maxRequestBytes, tooLarge.Errors),
        IntakeOutcome.DuplicateInFlight => Problems.DuplicateInFlight(request),
        IntakeOutcome.IdempotencyKeyReused => Problems.IdempotencyKeyReused(request),
        IntakeOutcome.ReplacedNotFound => Problems.ReplacedNotFound(request),
        IntakeOutcome.ReplaceForbidden => Problems.ReplaceForbidden(request),
        IntakeOutcome.AlreadyReplaced replaced => Problems.AlreadyReplaced(request, replaced.ReceiptNumber, replaced.ReplacedByReceiptNumber),
        var other => throw new InvalidOperationException($"Unhandled intake outcome {other}."),
    };

    /// <summary>
    /// The receipt. The token is in the body and in the status page link's fragment only, never in a
    /// URL the server sees: the status API takes it in the <c>X-Tracking-Token</c> header.
    /// </summary>
    private static AcceptedResult Accepted(HttpRequest request, SubmissionReceipt receipt, string publicBaseUrl)
    {
        var statusUrl = $"{request.Scheme}://{request.Host}/api/submissions/{receipt.SubmissionId}";
        return new AcceptedResult(statusUrl, new
        {
            submissionId = receipt.SubmissionId,
            receiptNumber = receipt.ReceiptNumber,
            trackingToken = receipt.TrackingToken,
            status = receipt.Status,
            statusUrl,
            statusPageUrl = ClassificationStage.StatusPageUrl(publicBaseUrl, receipt.SubmissionId, receipt.TrackingToken),
            receivedAt = receipt.ReceivedAtUtc,
            receivedAtVietnam = Domain.Calls.VietnamTime.FormatVi(receipt.ReceivedAtUtc),
        });
    }
}
