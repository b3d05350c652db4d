using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Validation;
using Proposals.Pipeline.PersonalData;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/staff/calls/{callId}/submissions/{submissionId}/contact</c> with
/// <c>{ "fields": { "contactEmail": …, "contactPhone": …, "contactName": …, "legalRepresentative": … }, "reason" }</c>:
/// corrects a contact's details at the person's request, checked by the form's rules; the reason and the fields changed
/// (not their values) go on the audit trail. 200 with the row and the audit record.
/// </summary>
public sealed class CorrectSubmissionContact(StaffGate gate, StaffAccess staff, SubjectRequests requests)
{
    private const int MaxBodyBytes = 8 * 1024;

    [Function(nameof(CorrectSubmissionContact))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/calls/{callId}/submissions/{submissionId}/contact")] HttpRequest request,
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

        var body = await JsonBody.ReadAsync(request, MaxBodyBytes, new CorrectionRequest(null, null), cancellationToken);
        if (body is null || body.Fields is { } fields && fields.Values.Any(v => v.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
        {
            return Problems.Validation(request, [new FieldError("body",
                "Nội dung yêu cầu phải là JSON { \"fields\": { tên trường: giá trị }, \"reason\": ... }, tối đa 8 KB.",
                "The request body must be JSON { \"fields\": { name: value }, \"reason\": ... }, at most 8 KB.")]);
        }

        var changes = (body.Fields ?? []).ToDictionary(f => f.Key, f => f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString() : null, StringComparer.Ordinal);
        return SubjectRequestAnswers.Of(request, await requests.CorrectAsync(call!, submissionId, changes, body.Reason, staff.ActorOf(request), cancellationToken));
    }

    private sealed record CorrectionRequest(Dictionary<string, JsonElement>? Fields, string? Reason);
}
