using System.Security.Cryptography;
using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// The one door a new submission comes in by, whether from the web form, on paper or by email: it stores the
/// documents (one upload, the same headers on every path), gives the row its receipt number and tracking token,
/// and writes <c>submission.json</c> last with the arrival signal that starts the examination stage. In that order,
/// so that a submission is complete in storage before anything reads it. The callers keep their own rules: who
/// may submit and by which deadline, what proof a replacement needs, what a document finding means.
/// </summary>
public sealed class Admission(SubmissionStore submissions, IntakeKeys keys, TrackingTokens tokens, ISubmissionArrivals arrivals)
{
    /// <summary>Content type of an email's attachments that are neither document: kept for staff, never served as anything.</summary>
    public const string OtherAttachmentContentType = "application/octet-stream";

    /// <summary>A new submission's id: a version-7 GUID, so ids sort by arrival.</summary>
    public static string NewSubmissionId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>
    /// Stores one of the two documents under its generated name (<paramref name="fileName"/>, the sender's, is
    /// sanitised and kept as metadata only). <paramref name="open"/> is called twice: hashed in one pass, then
    /// uploaded as the (seekable, length-known) stream itself, so the SDK sends one Put Blob (issue 7).
    /// </summary>
    public Task<StoredDocument> StoreDocumentAsync(
        CallDefinition call, string submissionId, DocumentKind kind, string? fileName, long length, Func<Stream> open, CancellationToken cancellationToken) =>
        StoreAsync(call, submissionId, kind.Field, kind.BlobName, kind.ContentType, fileName, length, open, cancellationToken);

    /// <summary>An emailed submission's attachment that is no document, under <c>email/attachment-{n}.ext</c>, for staff.</summary>
    public Task<StoredDocument> StoreOtherAttachmentAsync(
        CallDefinition call, string submissionId, int index, string? fileName, byte[] content, CancellationToken cancellationToken) =>
        StoreAsync(call, submissionId, string.Empty, "email/" + DocumentNames.AttachmentBlobName(index, fileName), OtherAttachmentContentType,
            fileName, content.LongLength, () => new MemoryStream(content, writable: false), cancellationToken);

    private async Task<StoredDocument> StoreAsync(
        CallDefinition call, string submissionId, string field, string blobName, string contentType, string? fileName, long length,
        Func<Stream> open, CancellationToken cancellationToken)
    {
        var originalName = DocumentNames.Sanitize(fileName);
        byte[] sha256;
        await using (var source = open())
        {
            sha256 = await SHA256.HashDataAsync(source, cancellationToken);
        }

        await using (var source = open())
        {
            var downloadName = blobName[(blobName.LastIndexOf('/') + 1)..];
            await submissions.WriteFileAsync(call.Id, submissionId, blobName, source,
                new StoredFileHeaders(contentType, downloadName, originalName, call.PurgeAt), cancellationToken);
        }

        return new StoredDocument(field, blobName, originalName, length, Convert.ToHexStringLower(sha256));
    }

    /// <summary>
    /// Inserts the row with the call's next receipt number and the hash of its tracking token. A
    /// <paramref name="resumed"/> admission (a retry taking over one that died) first looks for the row it
    /// may have written: the number it was given then stands. Two racing inserts: the first row wins.
    /// </summary>
    public async Task<SubmissionRecord> CreateAsync(CallDefinition call, SubmissionRecord record, bool resumed, CancellationToken cancellationToken)
    {
        if (resumed && await submissions.FindAsync(call.Id, record.SubmissionId, cancellationToken) is { } existing)
        {
            return existing;
        }

        record.PartitionKey = call.Id;
        record.ReceiptNumber = ReceiptNumber.Format(call.ReceiptPrefix, await keys.NextReceiptSequenceAsync(call.Id, cancellationToken));
        record.TrackingTokenHash = TrackingTokens.Hash(tokens.For(call.Id, record.SubmissionId));
        return await submissions.TryInsertAsync(record, cancellationToken)
            ? record
            : await submissions.FindAsync(call.Id, record.SubmissionId, cancellationToken) ?? record;
    }

    /// <summary>Writes <c>submission.json</c>, last: its arrival means the submission is complete, and starts the examination stage.</summary>
    public async Task CompleteAsync(SubmittedFields fields, CancellationToken cancellationToken)
    {
        await submissions.WriteFieldsAsync(fields, cancellationToken);
        arrivals.Arrived(fields.CallId, fields.SubmissionId);
    }

    /// <summary>The tracking token of a submission, derived again (a retry gets the same one without it being stored).</summary>
    public string TrackingTokenOf(SubmissionRecord record) => tokens.For(record.CallId, record.SubmissionId);
}
