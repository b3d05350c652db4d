using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Documents;
using Proposals.Domain.Forms;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Examine;

/// <summary>
/// Stage 2, the examination of a submission's documents, fired once per submission by the arrival of
/// <c>submission.json</c> (named for its work: the fields were validated at the door). What needs the stored
/// submission or time. The malware scanner's verdict on both documents (waited for; a malicious file rejects
/// the submission), the digital signatures of the signed scan (an altered or invalid one rejects it; the others
/// are recorded for staff, and a verified one with the right tax code proves a revision claimed at intake
/// without a token), the comparison of the Word form with the posted fields (warnings for staff), and the deep
/// document checks only for a submission that did not come through intake's (which ran them on the bytes it
/// had). Recorded as <c>validated</c> or <c>rejected</c> with reasons and warnings; then classified at once
/// (<see cref="PipelineOptions.ClassifyAtOnce"/>), or by way of the <c>classify</c> queue when that fails. The field
/// rules are not run again: intake ran them on these very fields. Safe to run twice: a decided submission is only
/// classified (idempotent).
/// </summary>
public sealed partial class ExaminationStage(
    CallCatalog calls,
    SubmissionStore submissions,
    ClassifyQueues classify,
    ClassificationStage classification,
    MalwareVerdicts malware,
    SignatureTrust trust,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<ExaminationStage> logger)
{
    /// <summary>More signatures than this on one scan are checked but not all kept with the row (a table column holds 64 KB).</summary>
    private const int MaxSignaturesKept = 10;

    public async Task ExamineAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = callId, ["SubmissionId"] = submissionId });
        var record = await submissions.FindAsync(callId, submissionId, cancellationToken)
            ?? throw new InvalidOperationException($"submission.json of {callId}/{submissionId} has no record yet; the trigger will retry.");

        SubmittedFields? submitted = null;
        if (record.Status == SubmissionStatus.Received)
        {
            // Both verdicts first: a malicious file is a reason to reject whatever else is found.
            // A proposal that came by email or on paper may lack one of the files: nothing to scan then.
            var scanVerdicts = await Task.WhenAll(
                record.SignedScanBytes > 0 ? malware.VerdictAsync(callId, submissionId, StorageNames.SignedScanBlob, cancellationToken) : Task.FromResult<string?>(null),
                record.EditableFormBytes > 0 ? malware.VerdictAsync(callId, submissionId, StorageNames.EditableFormBlob, cancellationToken) : Task.FromResult<string?>(null));
            var findings = await CheckAsync(record, cancellationToken);
            var (reasons, warnings, signatures) = (findings.Reasons, findings.Warnings, findings.Signatures);
            submitted = findings.Submitted;
            reasons.InsertRange(0, MalwareReasons(scanVerdicts[0], scanVerdicts[1]));
            var signatureState = signatures is null ? null : SignatureStates.Combine(signatures.Select(s => s.State));
            var (replacement, refusedClaim) = await ProveReplacementAsync(record, signatures ?? [], warnings, cancellationToken);
            var now = time.GetUtcNow();
            record = await submissions.UpdateAsync(record, current =>
            {
                if (current.Status != SubmissionStatus.Received)
                {
                    return false;
                }

                current.Status = reasons.Count == 0 ? SubmissionStatus.Validated : SubmissionStatus.Rejected;
                current.RejectionReasonsJson = reasons.Count == 0 ? null : JsonSerializer.Serialize(reasons, JsonDefaults.Options);
                current.ReviewWarningsJson = warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings, JsonDefaults.Options);
                current.ValidatedAtUtc = now;
                current.SignedScanMalwareScan = scanVerdicts[0];
                current.EditableFormMalwareScan = scanVerdicts[1];
                current.SignatureState = signatureState;
                current.SignaturesJson = signatures is null ? null : JsonSerializer.Serialize(signatures, JsonDefaults.Options);
                (current.Replaces, current.Lineage, current.ReplacesBySignature) = replacement is null
                    ? (current.Replaces, current.Lineage, null)
                    : (replacement.SubmissionId, replacement.LineageId, replacement.SubmissionId);
                if (refusedClaim is { } other && !current.PossibleDuplicateList.Contains(other))
                {
                    // Counted beside the earlier one and flagged as same-name submissions are (classification links both).
                    current.PossibleDuplicates = string.Join(',', current.PossibleDuplicateList.Append(other));
                }

                return true;
            }, cancellationToken);
            LogValidated(logger, record.ReceiptNumber, record.Status, reasons.Count, warnings.Count, signatureState ?? "-");
        }

        if (!record.HasLeftPipeline)
        {
            // Also after a crash between the update above and here: classification is idempotent.
            await (options.Value.ClassifyAtOnce
                ? ClassifyAsync(record, submitted, cancellationToken)
                : classify.SendAsync(callId, submissionId, cancellationToken));
        }
    }

    /// <summary>
    /// Classified at once, with the row and fields in hand (the receipt email goes out without a queue hop). When that
    /// fails, the classify queue takes the submission: its retries, its poison queue and the reason on the row.
    /// </summary>
    private async Task ClassifyAsync(SubmissionRecord record, SubmittedFields? submitted, CancellationToken cancellationToken)
    {
        try
        {
            submitted ??= await submissions.ReadFieldsAsync(record.CallId, record.SubmissionId, cancellationToken);
            await classification.ClassifyExaminedAsync(record, submitted, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogClassifyQueued(logger, e, record.ReceiptNumber);
            await classify.SendAsync(record.CallId, record.SubmissionId, cancellationToken);
        }
    }

    /// <summary>What the checks found: reasons to reject, warnings for staff, and the scan's digital signatures (empty: not signed; null: not checked).</summary>
    private sealed class Findings
    {
        public List<FieldError> Reasons { get; } = [];
        public List<FieldError> Warnings { get; } = [];
        public List<SignatureDetail>? Signatures { get; set; }

        /// <summary>The fields as intake stored them (null: the call is no longer configured).</summary>
        public SubmittedFields? Submitted { get; set; }
    }

    /// <summary>
    /// The submission's documents checked as they are stored: the signed scan is inspected unless intake did, copied
    /// safe, and its signatures verified; the Word form is inspected unless intake did, compared with the posted
    /// answers, and copied safe.
    /// </summary>
    private async Task<Findings> CheckAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        var findings = new Findings();
        var submitted = findings.Submitted = await submissions.ReadFieldsAsync(record.CallId, record.SubmissionId, cancellationToken);
        if (calls.Find(record.CallId) is not { } call)
        {
            findings.Reasons.Add(new("callId", $"Đợt tiếp nhận \"{record.CallId}\" không còn được cấu hình.", $"The call \"{record.CallId}\" is no longer configured."));
            return findings;
        }

        var form = calls.FormFor(call);
        await CheckSignedScanAsync(record, submitted, form, findings, cancellationToken);
        await CompareWordFormAsync(record, submitted, form, findings, cancellationToken);
        return findings;
    }

    /// <summary>
    /// The scan is inspected (<see cref="DocumentInspection"/>) only when intake did not (<see cref="SubmittedFields.DocumentsCheckedAtIntake"/>):
    /// a scan intake checked is not refused now for a limit lowered since. A safe one gets its safe copy and, unless intake
    /// found it unsigned, its signatures verified: they need the trusted roots and the time, and are stored with the row.
    /// An emailed or paper proposal may have no scan.
    /// </summary>
    private async Task CheckSignedScanAsync(
        SubmissionRecord record, SubmittedFields submitted, FormDefinition form, Findings findings, CancellationToken cancellationToken)
    {
        if (!submitted.Documents.Any(d => d.Field == ProposalFields.SignedScan))
        {
            return;
        }

        var checkedAtIntake = submitted.DocumentsCheckedAtIntake;
        var needSignatures = !(checkedAtIntake && submitted.SignedScanIsSigned == false);
        findings.Signatures = needSignatures ? null : [];
        using var pdf = await DownloadBoundedAsync(record, DocumentKind.SignedScan, cancellationToken);
        if (pdf is null)
        {
            findings.Reasons.AddRange(checkedAtIntake ? [] : [new FieldError(ProposalFields.SignedScan, "Tệp PDF quá lớn.", "The PDF file is too large.")]);
            return;
        }

        var inspected = checkedAtIntake ? null : DocumentInspection.Inspect(ProposalFields.SignedScan, pdf, record.SignedScanOriginalName, form.SignedScanMaxPages);
        findings.Reasons.AddRange(inspected?.Errors ?? []);
        if (inspected is { IsSafe: false })
        {
            return;
        }

        await WriteSafeCopyAsync(record, DocumentKind.SignedScan, pdf.ToArray(), findings.Warnings, cancellationToken);
        if (needSignatures)
        {
            VerifySignatures(record, pdf.ToArray(), findings);
        }
    }

    /// <summary>Validated for the time the file was received: the receipt is this app's own proof that the signature existed then.</summary>
    private void VerifySignatures(SubmissionRecord record, byte[] pdf, Findings findings)
    {
        var found = PdfSignatures.Check(pdf, trust, record.ReceivedAtUtc);
        findings.Signatures = found.Select(s => new SignatureDetail(
            s.StateFor(record.TaxCode), s.SignerName, s.Issuer, s.TaxCodes, s.SignedAtUtc, s.SigningTimeSigned,
            s.ValidAtSigningTime, s.SubFilter, s.Notes)
        {
            Indication = s.Indication,
            SubIndication = s.SubIndication,
            ChangedAfterSigning = s.ChangedAfterSigning,
            SignedRevisionBytes = s.SignedRevisionLength,
            TimestampUtc = s.TimestampUtc,
        }).Take(MaxSignaturesKept).ToList();
        var state = SignatureStates.Combine(found.Select(s => s.StateFor(record.TaxCode)));
        if (state == SignatureStates.Invalid)
        {
            findings.Reasons.Add(SignatureStates.RejectionReason(ProposalFields.SignedScan, found.Any(s => s.SubIndication == SubIndications.HashFailure)));
        }
        else if (state == SignatureStates.ChangedAfterSigning)
        {
            findings.Warnings.Add(SignatureStates.ChangedAfterSigningWarning(ProposalFields.SignedScan));
        }
    }

    /// <summary>
    /// The Word form is read for the comparison with the posted answers (warnings for staff, never a rejection), inspected
    /// first when intake did not, then copied safe. A proposal staff completed from an email or from paper may have none:
    /// staff typed its answers.
    /// </summary>
    private async Task CompareWordFormAsync(
        SubmissionRecord record, SubmittedFields submitted, FormDefinition form, Findings findings, CancellationToken cancellationToken)
    {
        if (!submitted.Documents.Any(d => d.Field == ProposalFields.EditableForm))
        {
            findings.Warnings.Add(new(ProposalFields.EditableForm,
                "Không có tệp Word của phiếu đề xuất; thông tin do cán bộ nhập.", "There is no Word file of the form; staff typed the answers."));
            return;
        }

        using var docx = await DownloadBoundedAsync(record, DocumentKind.EditableForm, cancellationToken);
        if (docx is null)
        {
            findings.Reasons.Add(new(ProposalFields.EditableForm, "Tệp Word quá lớn.", "The Word file is too large."));
            return;
        }

        var inspected = submitted.DocumentsCheckedAtIntake
            ? DocumentInspection.ReadWordForm(docx)
            : DocumentInspection.Inspect(ProposalFields.EditableForm, docx, record.EditableFormOriginalName, maxPages: null);
        findings.Reasons.AddRange(inspected.Errors);
        if (inspected.Form is { } content)
        {
            findings.Warnings.AddRange(WordFormComparison.Compare(content, submitted.Fields, form).Select(w => new FieldError(w.Field, w.Vi, w.En)));
            await WriteSafeCopyAsync(record, DocumentKind.EditableForm, docx.ToArray(), findings.Warnings, cancellationToken);
        }
    }

    /// <summary>Both documents are bounded by MaxDocumentBytes at intake; the parsers want seekable streams. Null: larger than that.</summary>
    private Task<MemoryStream?> DownloadBoundedAsync(SubmissionRecord record, DocumentKind kind, CancellationToken cancellationToken) =>
        submissions.ReadFileBoundedAsync(record.CallId, record.SubmissionId, kind.BlobName, options.Value.MaxDocumentBytes, cancellationToken);

    /// <summary>
    /// The disarmed copy of an accepted document (<see cref="SafeCopies"/>), beside the original, and for a PDF the web
    /// links it holds, listed for staff (they run only when clicked, and the copy leaves them out). A document the
    /// reconstruction cannot read gets no copy and a warning: staff then open the original knowingly.
    /// </summary>
    private async Task WriteSafeCopyAsync(SubmissionRecord record, DocumentKind kind, byte[] original, List<FieldError> warnings, CancellationToken cancellationToken)
    {
        var (isPdf, field, blobName) = (kind.IsPdf, kind.Field, kind.BlobName);
        if (isPdf && PdfStructure.Inspect(original).Links is { Count: > 0 } links)
        {
            var shown = string.Join(", ", links.Take(10));
            warnings.Add(new(field,
                $"Bản quét PDF có {links.Count} liên kết web (chỉ mở khi bấm; bản an toàn không giữ liên kết): {shown}",
                $"The signed scan PDF has {links.Count} web link(s) (they open only when clicked; the safe copy leaves them out): {shown}"));
        }

        var copy = isPdf ? SafeCopies.Pdf(original) : SafeCopies.Docx(original);
        if (copy is null)
        {
            warnings.Add(new(field,
                "Không tạo được bản an toàn của tệp này; nếu cần, hãy mở bản gốc một cách thận trọng.",
                "No safe copy of this file could be made; if needed, open the original with care."));
            return;
        }

        // The copy holds the same personal data as the original: the same lifecycle backstop as intake's uploads.
        await submissions.WriteFileAsync(record.CallId, record.SubmissionId, StorageNames.SafeCopyBlob(blobName), new MemoryStream(copy),
            new StoredFileHeaders(kind.ContentType, $"{record.ReceiptNumber}_{kind.SafeCopySuffix}", OriginalName: null, calls.Find(record.CallId)?.PurgeAt),
            cancellationToken);
        LogSafeCopy(logger, blobName, original.Length, copy.Length);
    }

    /// <summary>
    /// A revision claimed at intake without the earlier submission's tracking token (<see cref="SubmissionRecord.ReplacesBySignature"/>)
    /// holds only when the signature could not have been lifted from elsewhere (README, "Revising a proposal"): a
    /// signature of the scan is verified (rule 1: nothing changed after it, chain trusted, exactly one tax code in the
    /// certificate, matching), its trusted signing time (a verified timestamp, else the claimed time bounded by this
    /// file's receipt) is after the earlier version was received, the earlier submission is the same enterprise's and
    /// nothing has replaced it since: then the earlier one it replaces. Otherwise the claim is dropped, both are
    /// counted, the two are linked as possible duplicates (the earlier contact is told, as for a same-name
    /// submission), and staff are told why in a warning.
    /// </summary>
    private async Task<(SubmissionRecord? Replaces, string? RefusedClaim)> ProveReplacementAsync(
        SubmissionRecord record, IReadOnlyList<SignatureDetail> signatures, List<FieldError> warnings, CancellationToken cancellationToken)
    {
        if (record.ReplacesBySignature is not { } claimed)
        {
            return (null, null);
        }

        var earlier = await submissions.FindAsync(record.CallId, claimed, cancellationToken);
        var verified = signatures.Where(s => s.State == SignatureStates.Verified).ToList();
        var state = SignatureStates.Combine(signatures.Select(s => s.State));
        var refusal = earlier is null || earlier.TaxCode != record.TaxCode
            ? ("hồ sơ đó không còn hoặc không cùng mã số thuế", "that submission is gone or has another tax code")
            : verified.Count == 0
                ? ($"chữ ký số không được xác minh đúng mã số thuế ({SignatureStates.Vietnamese(state)})",
                   $"the digital signature was not verified with the matching tax code ({SignatureStates.English(state)})")
                : !verified.Any(s => TrustedSigningTime(s, record.ReceivedAtUtc) > earlier.ReceivedAtUtc)
                    ? ($"chữ ký số được tạo trước khi hồ sơ {earlier.ReceiptNumber} được nhận, nên có thể lấy từ một tệp khác",
                       $"the digital signature was made before {earlier.ReceiptNumber} was received, so it may have been lifted from another file")
                    : earlier.SupersededBy is { } later && later != record.SubmissionId
                        ? ("hồ sơ đó đã được thay bằng một bản sửa khác", "that submission was already replaced by another revision")
                        : ((string Vi, string En)?)null;
        if (refusal is not { } why)
        {
            return (earlier, null);
        }

        var receipt = earlier?.ReceiptNumber ?? claimed;
        warnings.Add(new(ProposalFields.ReplacesSubmissionId,
            $"Hồ sơ đề nghị thay thế hồ sơ {receipt} không kèm mã tra cứu; không thay thế vì {why.Vi}. Cả hai hồ sơ đều được tính; cán bộ xem xét.",
            $"This submission asked to replace {receipt} without its tracking token; it does not, because {why.En}. Both are counted; staff decide."));
        return (null, earlier is not null && earlier.TaxCode == record.TaxCode ? earlier.SubmissionId : null);
    }

    /// <summary>When a signature is trusted to have been made: a verified timestamp's time, else the signer's claim, never later than this file's receipt.</summary>
    public static DateTimeOffset? TrustedSigningTime(SignatureDetail signature, DateTimeOffset receivedAt) =>
        signature.TimestampUtc ?? (signature.SignedAtUtc is { } claimed ? (claimed < receivedAt ? claimed : receivedAt) : null);

    private static IEnumerable<FieldError> MalwareReasons(string? signedScan, string? editableForm)
    {
        foreach (var (field, state) in new[] { (ProposalFields.SignedScan, signedScan), (ProposalFields.EditableForm, editableForm) })
        {
            if (state == MalwareScanStates.Malicious)
            {
                yield return new FieldError(field,
                    "Trình quét mã độc phát hiện mã độc trong tệp này. Hồ sơ không được tiếp nhận; hãy quét máy tính, tạo lại tệp từ bản gốc và nộp lại.",
                    "The malware scanner found malware in this file. The submission is not accepted; scan your computer, make the file again from the original and resubmit.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Safe copy of {Document} written: {OriginalBytes} bytes in, {CopyBytes} out")]
    private static partial void LogSafeCopy(ILogger logger, string document, int originalBytes, int copyBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated {ReceiptNumber}: {Status} with {ReasonCount} reasons and {WarningCount} warnings for staff; digital signature {SignatureState}")]
    private static partial void LogValidated(ILogger logger, string receiptNumber, string status, int reasonCount, int warningCount, string signatureState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifying {ReceiptNumber} at once failed; it goes on the classify queue")]
    private static partial void LogClassifyQueued(ILogger logger, Exception exception, string receiptNumber);
}
