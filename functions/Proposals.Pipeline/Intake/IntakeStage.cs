using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Intake;

/// <summary>
/// Stage 1: accepts a submission durably. Checks the call's deadline and every field rule, stores the
/// documents, then the row, then <c>submission.json</c> last (which fires the validate stage), and only
/// then hands back a receipt. Bad input stores nothing.
/// </summary>
public sealed partial class IntakeStage(
    CallCatalog calls,
    SubmissionStore submissions,
    Admission admission,
    IntakeKeys keys,
    LateAttempts lateAttempts,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<IntakeStage> logger)
{
    /// <summary>The optional multipart fields of a revised version: the submission it replaces and that one's tracking token.</summary>
    public const string ReplacesSubmissionIdField = ProposalFields.ReplacesSubmissionId;
    public const string ReplacesTrackingTokenField = ProposalFields.ReplacesTrackingToken;

    /// <summary>After this long, a claimed Idempotency-Key without a finished submission is taken over by a retry.</summary>
    public static readonly TimeSpan AbandonedClaimAge = TimeSpan.FromMinutes(2);

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
        var documents = CheckDocuments(incoming.Documents, calls.FormFor(call).SignedScanMaxPages, incoming.PaperReceivedOn is not null, out var documentErrors);
        if (documents.TooLarge.Count > 0)
        {
            return new IntakeOutcome.DocumentTooLarge(documents.TooLarge);
        }

        if (!validation.IsValid || documents.Missing.Count > 0 || documents.BrokenRules.Count > 0)
        {
            return new IntakeOutcome.Invalid([.. validation.Errors, .. documents.Missing, .. documents.BrokenRules, .. documentErrors]);
        }

        if (documentErrors.Count > 0)
        {
            return new IntakeOutcome.UnsupportedDocument(documentErrors);
        }

        var (replaces, refusal) = await CheckReplacementAsync(call, incoming, validation, cancellationToken);
        return refusal ?? await StoreAsync(call, validation, incoming, replaces, now, cancellationToken);
    }

    /// <summary>
    /// A submission may replace an earlier one only with proof that the same enterprise sent both (tax codes are
    /// public, task names are announced): that one's tracking token, or a digitally signed scan. Same call, same tax
    /// code, not already replaced. With the token the replacement holds at once. Without it, the scan must carry a
    /// digital signature (looked for here, verified by the validate stage): the replacement is stored as a claim,
    /// which holds only if the signature is verified with the matching tax code (<see cref="SubmissionRecord.ReplacesBySignature"/>).
    /// Anything else is refused before anything is stored. The proof is checked on every path, a retry under an
    /// Idempotency-Key included (issue 20: a resumed claim used to skip it); a retry of a replacement that was stored
    /// already passes because the submission it finds replaced is its own.
    /// </summary>
    private async Task<(Replacement? Replaces, IntakeOutcome? Refusal)> CheckReplacementAsync(
        CallDefinition call, IncomingSubmission incoming, ValidationOutcome validation, CancellationToken cancellationToken)
    {
        var id = incoming.Fields.GetValueOrDefault(ReplacesSubmissionIdField)?.Trim();
        var token = incoming.Fields.GetValueOrDefault(ReplacesTrackingTokenField)?.Trim();
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(token))
        {
            return (null, null);
        }

        if (string.IsNullOrEmpty(id))
        {
            return (null, new IntakeOutcome.Invalid([new(ReplacesSubmissionIdField,
                "Để nộp bản sửa cần mã hồ sơ cũ.",
                "A revised version needs the earlier submission's id.")]));
        }

        var bySignature = string.IsNullOrEmpty(token);
        if (bySignature && !IsDigitallySigned(incoming.Documents[ProposalFields.SignedScan]))
        {
            return (null, new IntakeOutcome.Invalid([new(ReplacesTrackingTokenField,
                "Để nộp bản sửa cần mã tra cứu của hồ sơ cũ, hoặc bản quét được ký số bằng chứng thư số của doanh nghiệp.",
                "A revised version needs the earlier submission's tracking token, or a scan digitally signed with the enterprise's certificate.")]));
        }

        var earlier = await submissions.FindAsync(call.Id, id, cancellationToken);
        var ownClaim = incoming.IdempotencyKey is { } key ? (await keys.FindClaimAsync(call.Id, key, cancellationToken))?.SubmissionId : null;
        if (earlier is null)
        {
            return (null, new IntakeOutcome.ReplacedNotFound());
        }

        if (!bySignature && !TrackingTokens.Matches(token!, earlier.TrackingTokenHash))
        {
            return (null, new IntakeOutcome.ReplaceForbidden());
        }

        if (earlier.TaxCode != validation.Fields[ProposalFields.TaxCode])
        {
            return (null, new IntakeOutcome.Invalid([new(ProposalFields.TaxCode,
                $"Bản sửa phải có cùng mã số thuế với hồ sơ {earlier.ReceiptNumber} ({earlier.TaxCode}).",
                $"A revised version must keep the tax code of submission {earlier.ReceiptNumber} ({earlier.TaxCode}).")]));
        }

        if (earlier.SupersededBy is { } later && later != ownClaim)
        {
            var replacement = await submissions.FindAsync(call.Id, later, cancellationToken);
            return (null, new IntakeOutcome.AlreadyReplaced(earlier.ReceiptNumber, replacement?.ReceiptNumber ?? later));
        }

        return (Replacement.Of(earlier, bySignature), null);
    }

    /// <summary>
    /// What a replacement records: the submission replaced and the first of its chain (the proposal) when proven by
    /// token; only the claim when it waits for the signature to be verified.
    /// </summary>
    private sealed record Replacement(string Replaces, string Lineage, bool BySignature)
    {
        public static Replacement Of(SubmissionRecord earlier, bool bySignature) => new(earlier.SubmissionId, earlier.LineageId, bySignature);
    }

    private static bool IsDigitallySigned(IncomingDocument scan)
    {
        using var stream = scan.OpenReadStream();
        return PdfSignatures.IsSigned(stream);
    }

    private async Task<IntakeOutcome> StoreAsync(
        CallDefinition call, ValidationOutcome validation, IncomingSubmission incoming, Replacement? replaces, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var submissionId = Admission.NewSubmissionId(now);
        var resumed = false;

        if (incoming.IdempotencyKey is { } idempotencyKey)
        {
            var requestHash = await RequestHashAsync(validation.Fields, incoming, cancellationToken);
            var (claim, isNew) = await keys.ClaimAsync(call.Id, idempotencyKey,
                () => new IdempotencyClaim { SubmissionId = submissionId, ClaimedAtUtc = now, RequestHash = requestHash },
                cancellationToken);
            if (!isNew)
            {
                if (claim.RequestHash is not null && claim.RequestHash != requestHash)
                {
                    return new IntakeOutcome.IdempotencyKeyReused();
                }

                var existing = await submissions.FindAsync(call.Id, claim.SubmissionId, cancellationToken);
                if (existing is not null && await submissions.HasFieldsAsync(call.Id, claim.SubmissionId, cancellationToken))
                {
                    return new IntakeOutcome.Accepted(ReceiptOf(existing), Replayed: true);
                }

                if (now - claim.ClaimedAtUtc < AbandonedClaimAge)
                {
                    return new IntakeOutcome.DuplicateInFlight();
                }

                // The first attempt died half-way: finish it under the same identity. If it got as far as the
                // row, the row's receipt number stands; if not, nobody has seen a number.
                submissionId = claim.SubmissionId;
                resumed = true;
            }
        }

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
            SignedScanIsSigned = IsDigitallySigned(incoming.Documents[ProposalFields.SignedScan]),
        }, cancellationToken);

        LogAccepted(logger, record.ReceiptNumber, call.Id, submissionId);
        return new IntakeOutcome.Accepted(ReceiptOf(record), Replayed: false);
    }

    /// <summary>
    /// Missing and too large (400, 413), broken rules of a genuine file (the scan's page limit: 400), and
    /// <paramref name="typeErrors"/>: a file that is not what it claims or carries what a hostile file does (415).
    /// </summary>
    private (List<FieldError> Missing, List<FieldError> TooLarge, List<FieldError> BrokenRules) CheckDocuments(
        IReadOnlyDictionary<string, IncomingDocument> documents, int? signedScanMaxPages, bool onPaper, out List<FieldError> typeErrors)
    {
        var missing = new List<FieldError>();
        var brokenRules = new List<FieldError>();
        var tooLarge = new List<FieldError>();
        typeErrors = [];
        Span<byte> head = stackalloc byte[8];
        foreach (var field in DocumentRules.Fields)
        {
            documents.TryGetValue(field, out var document);
            if (onPaper && field == ProposalFields.EditableForm && document is null or { Length: 0 })
            {
                continue; // a proposal on paper has a scan; its Word file only when the enterprise gave one
            }

            var name = DocumentNames.Sanitize(document?.FileName);
            var (refusal, error) = DocumentRules.Check(field, name, document?.Length ?? 0, options.Value.MaxDocumentBytes);
            (refusal switch
            {
                DocumentRefusal.Missing => missing,
                DocumentRefusal.TooLarge => tooLarge,
                _ => typeErrors,
            }).AddRange(error is null ? [] : [error]);
            if (refusal != DocumentRefusal.None)
            {
                continue;
            }

            int read;
            using (var stream = document!.OpenReadStream())
            {
                read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            var isScan = field == ProposalFields.SignedScan;
            if (!(isScan ? DocumentChecks.LooksLikePdf(head[..read]) : DocumentChecks.LooksLikeZip(head[..read])))
            {
                typeErrors.Add(DocumentRules.WrongType(field, name));
            }
            else if (!isScan && IsZipBomb(document))
            {
                typeErrors.Add(DocumentRules.TooManyParts(field, name));
            }
            else
            {
                var problems = DeepCheck(document, isScan, out var pages);
                typeErrors.AddRange(problems.Select(p => new FieldError(p.Field, p.Vi, p.En)));
                if (problems.Count == 0 && isScan && pages > signedScanMaxPages)
                {
                    brokenRules.Add(DocumentRules.TooManyPages(pages, signedScanMaxPages.Value));
                }
            }
        }

        return (missing, tooLarge, brokenRules);
    }

    /// <summary>
    /// What used to wait for the validate stage, decided here from the bytes intake already holds, so the
    /// enterprise hears it at once, next to the file, while it can still send a corrected one (most send in
    /// the last hours): the PDF parses, has a page and carries no script, embedded files or encryption; the
    /// DOCX has no macros, ActiveX, OLE objects or external links, and opens as a Word document.
    /// </summary>
    private static IReadOnlyList<DocumentProblem> DeepCheck(IncomingDocument document, bool isScan, out int pages)
    {
        pages = 0;
        using var content = Seekable(document);
        if (isScan)
        {
            // Sizes a parser would believe are bounded first (PdfPreflight): a hostile one ends the process, not in an exception.
            return PdfPreflight.IsSafeToParse(ReadAll(content))
                ? PdfStructure.Check(Rewound(content), out pages)
                : [new(ProposalFields.SignedScan,
                    "Tệp bản quét PDF bị hỏng hoặc không đọc được; hãy quét và lưu lại tệp PDF.",
                    "The signed scan PDF is damaged or cannot be read; scan and save it again.")];
        }

        var problems = DocumentChecks.CheckDocx(content);
        if (problems.Count > 0)
        {
            return problems;
        }

        content.Position = 0;
        return WordFormReader.TryRead(content, DocumentChecks.MaxDocxUncompressedBytes) is null
            ? [new(ProposalFields.EditableForm,
                "Không mở được tệp Word; hãy lưu lại bằng Word dưới dạng .docx rồi gửi lại.",
                "The Word file could not be opened; save it again from Word as .docx and resubmit.")]
            : [];
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Rewound(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    /// <summary>The upload as a seekable stream: ASP.NET Core's buffered form file is one; anything else is copied (bounded at intake).</summary>
    private static Stream Seekable(IncomingDocument document)
    {
        var stream = document.OpenReadStream();
        if (stream.CanSeek)
        {
            return stream;
        }

        var copy = new MemoryStream();
        using (stream)
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }

    private static bool IsZipBomb(IncomingDocument document)
    {
        using var stream = document.OpenReadStream();
        if (stream.CanSeek)
        {
            return DocumentChecks.ExceedsDocxBounds(stream);
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy); // at most MaxDocumentBytes, checked above
        copy.Position = 0;
        return DocumentChecks.ExceedsDocxBounds(copy);
    }

    /// <summary>
    /// What makes two requests the same submission: every field (the normalised form fields, and as sent every other
    /// one, the <c>replaces*</c> proof included, so a retry cannot change what it claims to replace), the day paper
    /// arrived, in key order, and each document's SHA-256 (the names may differ between a browser's retries; the
    /// bytes may not).
    /// </summary>
    private static async Task<string> RequestHashAsync(
        IReadOnlyDictionary<string, string> normalised, IncomingSubmission incoming, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(normalised, StringComparer.Ordinal);
        foreach (var (key, value) in incoming.Fields.Where(f => !normalised.ContainsKey(f.Key)))
        {
            fields["raw:" + key] = value.Trim();
        }

        fields["paperReceivedOn"] = incoming.PaperReceivedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        var documents = incoming.Documents;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            // Length-prefixed, so no choice of values can make two different field sets hash alike.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{key.Length}:{key}{value.Length}:{value}"));
        }

        foreach (var field in DocumentKind.All.Select(k => k.Field).Where(documents.ContainsKey))
        {
            await using var stream = documents[field].OpenReadStream();
            var documentHash = await SHA256.HashDataAsync(stream, cancellationToken);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(field));
            hash.AppendData(documentHash);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The receipt, with the token derived again: a retry gets the same one without it being stored.</summary>
    private SubmissionReceipt ReceiptOf(SubmissionRecord record) =>
        new(record.SubmissionId, record.CallId, record.ReceiptNumber, admission.TrackingTokenOf(record), record.Status, record.ReceivedAtUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted submission {ReceiptNumber} for call {CallId} as {SubmissionId}")]
    private static partial void LogAccepted(ILogger logger, string receiptNumber, string callId, string submissionId);
}
