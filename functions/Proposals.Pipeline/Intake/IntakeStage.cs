using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
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
    IntakeKeys keys,
    LateAttempts lateAttempts,
    ISubmissionArrivals arrivals,
    TrackingTokens tokens,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<IntakeStage> logger)
{
    /// <summary>After this long, a claimed Idempotency-Key without a finished submission is taken over by a retry.</summary>
    public static readonly TimeSpan AbandonedClaimAge = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, (string Extension, string BlobName, string ContentType)> DocumentKinds = new()
    {
        [ProposalFields.SignedScan] = (".pdf", StorageNames.SignedScanBlob, "application/pdf"),
        [ProposalFields.EditableForm] = (".docx", StorageNames.EditableFormBlob, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    };

    public async Task<IntakeOutcome> SubmitAsync(IncomingSubmission incoming, CancellationToken cancellationToken)
    {
        var call = calls.Find(incoming.CallId);
        if (call is null)
        {
            return new IntakeOutcome.UnknownCall(incoming.CallId);
        }

        var now = time.GetUtcNow();
        if (now >= call.DeadlineInstant)
        {
            await lateAttempts.RecordAsync(call.Id, incoming.Fields, now, cancellationToken);
            return new IntakeOutcome.CallClosed(call);
        }

        if (call.OpensAt is { } opensAt && now < opensAt)
        {
            return new IntakeOutcome.CallNotYetOpen(call);
        }

        var validation = ProposalValidator.Validate(incoming.Fields, call, calls.FormFor(call), calls.ProvincesFor(call));
        var documents = CheckDocuments(incoming.Documents, out var documentErrors);
        if (documents.TooLarge.Count > 0)
        {
            return new IntakeOutcome.DocumentTooLarge(documents.TooLarge);
        }

        if (!validation.IsValid || documents.Missing.Count > 0)
        {
            return new IntakeOutcome.Invalid([.. validation.Errors, .. documents.Missing, .. documentErrors]);
        }

        if (documentErrors.Count > 0)
        {
            return new IntakeOutcome.UnsupportedDocument(documentErrors);
        }

        return await StoreAsync(call, validation, incoming, now, cancellationToken);
    }

    private async Task<IntakeOutcome> StoreAsync(
        CallDefinition call, ValidationOutcome validation, IncomingSubmission incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var submissionId = Guid.CreateVersion7(now).ToString("N");

        if (incoming.IdempotencyKey is { } idempotencyKey)
        {
            var requestHash = await RequestHashAsync(validation.Fields, incoming.Documents, cancellationToken);
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
                // row, the row's receipt number wins below; if not, nobody has seen its number.
                submissionId = claim.SubmissionId;
            }
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = call.Id, ["SubmissionId"] = submissionId });
        var receiptNumber = ReceiptNumber.Format(call.ReceiptPrefix, await keys.NextReceiptSequenceAsync(call.Id, cancellationToken));

        // One after the other: both form files may read from the same buffered request body.
        var stored = new List<StoredDocument>();
        foreach (var (field, kind) in DocumentKinds)
        {
            stored.Add(await UploadAsync(call.Id, submissionId, incoming.Documents[field], kind.BlobName, kind.ContentType, cancellationToken));
        }

        var fields = validation.Fields;
        var record = new SubmissionRecord
        {
            PartitionKey = call.Id,
            RowKey = submissionId,
            ReceiptNumber = receiptNumber,
            Status = SubmissionStatus.Received,
            ReceivedAtUtc = now,
            TrackingTokenHash = TrackingTokens.Hash(tokens.For(call.Id, submissionId)),
            EnterpriseName = fields[ProposalFields.EnterpriseName],
            TaxCode = fields[ProposalFields.TaxCode],
            Province = fields[ProposalFields.Province],
            ContactEmail = fields[ProposalFields.ContactEmail],
            TaskName = fields[ProposalFields.TaskName],
            TaskType = fields[ProposalFields.TaskType],
            PriorityArea = int.Parse(fields[ProposalFields.PriorityArea], System.Globalization.CultureInfo.InvariantCulture),
            DurationMonths = int.TryParse(fields.GetValueOrDefault(ProposalFields.DurationMonths), System.Globalization.CultureInfo.InvariantCulture, out var months) ? months : 0,
            SignedScanOriginalName = stored[0].OriginalName,
            SignedScanBytes = stored[0].Bytes,
            EditableFormOriginalName = stored[1].OriginalName,
            EditableFormBytes = stored[1].Bytes,
        };
        if (!await submissions.TryInsertAsync(record, cancellationToken))
        {
            record = await submissions.FindAsync(call.Id, submissionId, cancellationToken) ?? record;
        }

        var document = new SubmittedFields(submissionId, call.Id, record.ReceiptNumber, record.ReceivedAtUtc, call.FormVersion, fields, stored);
        await submissions.WriteFieldsAsync(document, cancellationToken);
        arrivals.Arrived(call.Id, submissionId);

        LogAccepted(logger, record.ReceiptNumber, call.Id, submissionId);
        return new IntakeOutcome.Accepted(ReceiptOf(record), Replayed: false);
    }

    private (List<FieldError> Missing, List<FieldError> TooLarge) CheckDocuments(
        IReadOnlyDictionary<string, IncomingDocument> documents, out List<FieldError> typeErrors)
    {
        var missing = new List<FieldError>();
        var tooLarge = new List<FieldError>();
        typeErrors = [];
        Span<byte> head = stackalloc byte[8];
        foreach (var field in DocumentRules.Fields)
        {
            documents.TryGetValue(field, out var document);
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
        }

        return (missing, tooLarge);
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

    private async Task<StoredDocument> UploadAsync(
        string callId, string submissionId, IncomingDocument document, string blobName, string contentType, CancellationToken cancellationToken)
    {
        var originalName = DocumentNames.Sanitize(document.FileName);
        // Hash in one pass, then upload the (seekable, length-known) stream itself: a hashing wrapper
        // hides the length, and the SDK then buffers the upload in 4 MB blocks and stages and commits
        // it in two requests or more instead of one Put Blob (issue 7, bench/RESULTS.md).
        byte[] sha256;
        await using (var source = document.OpenReadStream())
        {
            sha256 = await SHA256.HashDataAsync(source, cancellationToken);
        }

        await using (var source = document.OpenReadStream())
        {
            await submissions.Blob(callId, submissionId, blobName).UploadAsync(source, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders
                {
                    ContentType = contentType,
                    ContentDisposition = $"attachment; filename=\"{blobName}\"; filename*=UTF-8''{Uri.EscapeDataString(originalName)}",
                },
                // Metadata must be ASCII: the original name travels percent-encoded.
                Metadata = new Dictionary<string, string> { ["originalname"] = Uri.EscapeDataString(originalName) },
            }, cancellationToken);
        }

        return new StoredDocument(document.Field, blobName, originalName, document.Length, Convert.ToHexStringLower(sha256));
    }

    /// <summary>
    /// What makes two requests the same submission: the normalised fields, in key order, and each
    /// document's SHA-256 (the names may differ between a browser's retries; the bytes may not).
    /// </summary>
    private static async Task<string> RequestHashAsync(
        IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, IncomingDocument> documents, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            // Length-prefixed, so no choice of values can make two different field sets hash alike.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{key.Length}:{key}{value.Length}:{value}"));
        }

        foreach (var field in DocumentKinds.Keys)
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
        new(record.SubmissionId, record.CallId, record.ReceiptNumber, tokens.For(record.CallId, record.SubmissionId), record.Status, record.ReceivedAtUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted submission {ReceiptNumber} for call {CallId} as {SubmissionId}")]
    private static partial void LogAccepted(ILogger logger, string receiptNumber, string callId, string submissionId);
}
