using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Proposals.Pipeline;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/paper</c>: staff enter a proposal that came on paper, with the web form's
/// fields (the same rules), its scan (PDF, required) and its Word file if there is one, and
/// <c>paperReceivedOn</c> (<c>yyyy-MM-dd</c>, the day the paper arrived, which the deadline is judged by). It
/// goes the same way as an online one, marked <c>source: paper</c>; the enterprise gets the receipt at the
/// form's contact address. On the audit trail.
/// </summary>
public sealed class EnterPaperProposal(StaffGate gate, StaffAccess staff, SubmissionFormReader reader, IntakeStage intake, AuditTrail audit, IOptions<PipelineOptions> options)
{
    public const string ReceivedOnField = "paperReceivedOn";

    [Function(nameof(EnterPaperProposal))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/paper")] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, callId, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        if (gate.Check(request, callId, out _) is { } refused)
        {
            return refused;
        }

        var (submission, problem) = await reader.ReadAsync(request, callId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!DateOnly.TryParseExact(submission!.Fields.GetValueOrDefault(ReceivedOnField), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn))
        {
            return Problems.Validation(request, [new(ReceivedOnField,
                "Nhập ngày nhận bản giấy (ngày/tháng/năm).", "Enter the day the paper arrived.")]);
        }

        var outcome = await intake.SubmitAsync(submission with { PaperReceivedOn = receivedOn }, cancellationToken);
        if (outcome is IntakeOutcome.Accepted { Replayed: false } accepted)
        {
            await audit.RecordAsync(callId, AuditActions.EnterPaper, staff.ActorOf(request), accepted.Receipt.SubmissionId, accepted.Receipt.ReceiptNumber,
                null, receivedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), cancellationToken);
        }

        return SubmitProposal.Answer(request, callId, outcome, reader.MaxRequestBytes, options.Value.PublicBaseUrl);
    }
}
