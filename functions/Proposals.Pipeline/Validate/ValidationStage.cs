using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Validate;

/// <summary>
/// Stage 2, fired once per submission by the arrival of <c>submission.json</c>: the deep checks of the
/// documents and the field rules again, recorded as <c>validated</c> or <c>rejected</c> with reasons; then
/// a message on the <c>classify</c> queue. Safe to run twice: a decided submission is only re-queued.
/// </summary>
public sealed partial class ValidationStage(
    CallCatalog calls,
    SubmissionRepository submissions,
    PipelineStorage storage,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<ValidationStage> logger)
{
    public async Task ValidateAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = callId, ["SubmissionId"] = submissionId });
        var record = await submissions.FindAsync(callId, submissionId, cancellationToken)
            ?? throw new InvalidOperationException($"submission.json of {callId}/{submissionId} has no record yet; the trigger will retry.");

        if (record.Status == SubmissionStatus.Received)
        {
            var reasons = await CheckAsync(callId, submissionId, cancellationToken);
            var now = time.GetUtcNow();
            record = await submissions.UpdateAsync(callId, submissionId, current =>
            {
                if (current.Status != SubmissionStatus.Received)
                {
                    return false;
                }

                current.Status = reasons.Count == 0 ? SubmissionStatus.Validated : SubmissionStatus.Rejected;
                current.RejectionReasonsJson = reasons.Count == 0 ? null : JsonSerializer.Serialize(reasons, JsonDefaults.Options);
                current.ValidatedAtUtc = now;
                return true;
            }, cancellationToken);
            LogValidated(logger, record.ReceiptNumber, record.Status, reasons.Count);
        }

        if (!record.HasLeftPipeline)
        {
            // Also after a crash between the update above and this send: classify is idempotent.
            await storage.ClassifyQueue.SendMessageAsync(ClassifyMessage.Serialize(new(callId, submissionId)), cancellationToken);
        }
    }

    private async Task<List<FieldError>> CheckAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var reasons = new List<FieldError>();
        var call = calls.Find(callId);
        var submitted = await submissions.ReadFieldsAsync(callId, submissionId, cancellationToken);
        if (call is null)
        {
            reasons.Add(new("callId", $"Đợt tiếp nhận \"{callId}\" không còn được cấu hình.", $"The call \"{callId}\" is no longer configured."));
            return reasons;
        }

        reasons.AddRange(ProposalValidator.Validate(submitted.Fields, call, calls.FormFor(call), calls.ProvincesFor(call)).Errors);

        await using (var pdf = await submissions.Blob(callId, submissionId, StorageNames.SignedScanBlob).OpenReadAsync(cancellationToken: cancellationToken))
        {
            reasons.AddRange(DocumentChecks.CheckPdf(pdf).Select(p => new FieldError(p.Field, p.Vi, p.En)));
        }

        // ZipArchive needs a seekable stream; the document is bounded by MaxDocumentBytes at intake.
        var docxBlob = submissions.Blob(callId, submissionId, StorageNames.EditableFormBlob);
        var properties = await docxBlob.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (properties.Value.ContentLength > options.Value.MaxDocumentBytes)
        {
            reasons.Add(new(ProposalFields.EditableForm, "Tệp Word quá lớn.", "The Word file is too large."));
            return reasons;
        }

        using var docx = new MemoryStream((int)properties.Value.ContentLength);
        await docxBlob.DownloadToAsync(docx, cancellationToken);
        docx.Position = 0;
        reasons.AddRange(DocumentChecks.CheckDocx(docx).Select(p => new FieldError(p.Field, p.Vi, p.En)));
        return reasons;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated {ReceiptNumber}: {Status} with {ReasonCount} reasons")]
    private static partial void LogValidated(ILogger logger, string receiptNumber, string status, int reasonCount);
}
