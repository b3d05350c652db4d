using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Intake;

/// <summary>
/// Stage 1: accepts a submission durably. Checks the call's deadline and every field rule, stores the
/// documents, then the row, then <c>submission.json</c> last (which fires the examination stage), and only
/// then hands back a receipt. Bad input stores nothing.
/// </summary>
public sealed partial class IntakeStage(
    CallCatalog calls,
    Admission admission,
    IdempotentAttempts idempotentAttempts,
    ReplacementProof replacementProof,
    LateAttempts lateAttempts,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<IntakeStage> logger)
{
    /// <summary>The optional multipart fields of a revised version: the submission it replaces and that one's tracking token.</summary>
    public const string ReplacesSubmissionIdField = ProposalFields.ReplacesSubmissionId;
    public const string ReplacesTrackingTokenField = ProposalFields.ReplacesTrackingToken;

    public async Task<IntakeOutcome> SubmitAsync(IncomingSubmission incoming, CancellationToken cancellationToken)
    {
        var call = calls.Find(incoming.CallId);
        if (call is null)
        {
            return new IntakeOutcome.UnknownCall(incoming.CallId);
        }

        var now = time.GetUtcNow();
        if (incoming.PaperReceivedOn is { } paperDay)
        {
            // On time when the paper arrived before the deadline (the day's start, Vietnam time, a day being all
            // staff record); a day still to come cannot have brought it.
            var arrived = new DateTimeOffset(paperDay.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
            if (arrived >= call.DeadlineInstant || arrived > now)
            {
                return new IntakeOutcome.CallClosed(call);
            }
        }
        else if (now >= call.DeadlineInstant)
        {
            await lateAttempts.RecordAsync(call.Id, incoming.Fields, now, cancellationToken);
            return new IntakeOutcome.CallClosed(call);
        }

        if (call.OpensAt is { } opensAt && now < opensAt)
        {
            return new IntakeOutcome.CallNotYetOpen(call);
        }

        var validation = ProposalValidator.Validate(incoming.Fields, call, calls.FormFor(call), calls.ReferenceFor(call));
        var documents = CheckDocuments(incoming.Documents, calls.FormFor(call).SignedScanMaxPages, incoming.PaperReceivedOn is not null);
        if (documents.TooLarge.Count > 0)
        {
            return new IntakeOutcome.DocumentTooLarge(documents.TooLarge);
        }

        if (!validation.IsValid || documents.Missing.Count > 0 || documents.BrokenRules.Count > 0)
        {
            return new IntakeOutcome.Invalid([.. validation.Errors, .. documents.Missing, .. documents.BrokenRules, .. documents.Unsafe]);
        }

        if (documents.Unsafe.Count > 0)
        {
            return new IntakeOutcome.UnsupportedDocument(documents.Unsafe);
        }

        var (replaces, refusal) = await replacementProof.CheckAsync(call, incoming, validation, documents.ScanIsSigned, cancellationToken);
        return refusal ?? await StoreAsync(call, validation, incoming, replaces, documents.ScanIsSigned, now, cancellationToken);
    }

    private async Task<IntakeOutcome> StoreAsync(
        CallDefinition call, ValidationOutcome validation, IncomingSubmission incoming, Replacement? replaces, bool scanIsSigned, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var attempt = await idempotentAttempts.ClaimAsync(call.Id, incoming, validation.Fields, now, cancellationToken);
        if (attempt.Replay is { } existing)
        {
            return new IntakeOutcome.Accepted(ReceiptOf(existing), Replayed: true);
        }

        if (attempt.Refusal is { } refusal)
        {
            return refusal;
        }

        var (submissionId, resumed) = (attempt.SubmissionId, attempt.Resumed);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = call.Id, ["SubmissionId"] = submissionId });

        // One after the other: both form files may read from the same buffered request body.
        var stored = new List<StoredDocument>();
        foreach (var kind in DocumentKind.All)
        {
            if (incoming.Documents.TryGetValue(kind.Field, out var upload) && upload.Length > 0)
            {
                stored.Add(await admission.StoreDocumentAsync(call, submissionId, kind, upload.FileName, upload.Length, upload.OpenReadStream, cancellationToken));
            }
        }

        var fields = validation.Fields;
        var record = SubmissionRecord.FromFields(call.Id, submissionId, fields, stored);
        record.Status = SubmissionStatus.Received;
        record.Source = incoming.PaperReceivedOn is null ? null : SubmissionSources.Paper;
        record.PaperReceivedOn = incoming.PaperReceivedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        record.ReceivedAtUtc = now;
        record.PrivacyNoticeVersion = incoming.PaperReceivedOn is null ? call.PrivacyNotice?.Version : null; // the notice the form showed
        record.Replaces = replaces is { BySignature: false } ? replaces.Replaces : null;
        record.Lineage = replaces is { BySignature: false } ? replaces.Lineage : null;
        record.ReplacesBySignature = replaces is { BySignature: true } ? replaces.Replaces : null;
        record = await admission.CreateAsync(call, record, resumed, cancellationToken);

        await admission.CompleteAsync(new SubmittedFields(submissionId, call.Id, record.ReceiptNumber, record.ReceivedAtUtc, call.FormVersion, fields, stored)
        {
            DocumentsCheckedAtIntake = true,
            SignedScanIsSigned = scanIsSigned,
        }, cancellationToken);

        LogAccepted(logger, record.ReceiptNumber, call.Id, submissionId);
        return new IntakeOutcome.Accepted(ReceiptOf(record), Replayed: false);
    }

    /// <summary>What intake makes of the two documents, by the answer each kind of refusal gets.</summary>
    private sealed record DocumentVerdicts(List<FieldError> Missing, List<FieldError> TooLarge, List<FieldError> BrokenRules, List<FieldError> Unsafe)
    {
        public bool ScanIsSigned { get; set; }
    }

    /// <summary>
    /// Missing and too large by name and size (400, 413), then what <see cref="DocumentInspection"/> finds in the
    /// bytes: a broken rule of the form (the scan's page limit: 400), a file that is not what it claims or carries
    /// what a hostile file does (415). Decided here from the bytes intake holds, so the enterprise hears it at once,
    /// next to the file, while it can still send a corrected one (most send in the last hours).
    /// </summary>
    private DocumentVerdicts CheckDocuments(IReadOnlyDictionary<string, IncomingDocument> documents, int? signedScanMaxPages, bool onPaper)
    {
        var verdicts = new DocumentVerdicts([], [], [], []);
        foreach (var field in DocumentRules.Fields)
        {
            documents.TryGetValue(field, out var document);
            if (onPaper && field == ProposalFields.EditableForm && document is null or { Length: 0 })
            {
                continue; // a proposal on paper has a scan; its Word file only when the enterprise gave one
            }

            var name = DocumentNames.Sanitize(document?.FileName);
            var (refusal, error) = DocumentRules.Check(field, name, document?.Length ?? 0, options.Value.MaxDocumentBytes);
            if (error is not null)
            {
                (refusal switch { DocumentRefusal.Missing => verdicts.Missing, DocumentRefusal.TooLarge => verdicts.TooLarge, _ => verdicts.Unsafe }).Add(error);
            }

            if (refusal != DocumentRefusal.None)
            {
                continue;
            }

            using var content = document!.OpenReadStream();
            var inspected = DocumentInspection.Inspect(field, content, name, signedScanMaxPages);
            foreach (var finding in inspected.Findings)
            {
                (finding.Kind == DocumentFindingKind.BreaksFormRule ? verdicts.BrokenRules : verdicts.Unsafe).Add(finding.Error);
            }

            verdicts.ScanIsSigned |= field == ProposalFields.SignedScan && inspected.IsSigned;
        }

        return verdicts;
    }

    /// <summary>The receipt, with the token derived again: a retry gets the same one without it being stored.</summary>
    private SubmissionReceipt ReceiptOf(SubmissionRecord record) =>
        new(record.SubmissionId, record.CallId, record.ReceiptNumber, admission.TrackingTokenOf(record), record.Status, record.ReceivedAtUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted submission {ReceiptNumber} for call {CallId} as {SubmissionId}")]
    private static partial void LogAccepted(ILogger logger, string receiptNumber, string callId, string submissionId);
}
