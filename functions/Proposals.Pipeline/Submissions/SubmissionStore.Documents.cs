using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Submissions;

/// <summary>How a stored file is served: its type, the name a download gets, the sender's (sanitised) name, and the call's purge date for the lifecycle backstop.</summary>
public sealed record StoredFileHeaders(string ContentType, string DownloadName, string? OriginalName, DateTimeOffset? PurgeAt);

/// <summary>
/// The typed reads and writes of a submission's files (the documents, their safe copies, a signed revision,
/// an email's other attachments): no class outside <c>Submissions/</c> holds a blob client. Every file is
/// written with the same headers (<see cref="StoredFileHeaders"/>), whichever path stored it.
/// </summary>
public sealed partial class SubmissionStore
{
    private BlobClient BlobOf(string callId, string submissionId, string name) =>
        storage.Submissions.GetBlobClient(StorageNames.SubmissionBlob(callId, submissionId, name));

    /// <summary>
    /// Writes one file of a submission (overwriting: a retry writes the same bytes), or with
    /// <paramref name="firstWriterWins"/> only if it is not there yet (false then: another request wrote it first).
    /// </summary>
    public async Task<bool> WriteFileAsync(
        string callId, string submissionId, string name, Stream content, StoredFileHeaders headers, CancellationToken cancellationToken, bool firstWriterWins = false)
    {
        var disposition = $"attachment; filename=\"{headers.DownloadName}\"";
        try
        {
            await BlobOf(callId, submissionId, name).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders
                {
                    ContentType = headers.ContentType,
                    ContentDisposition = headers.OriginalName is null
                        ? disposition
                        : $"{disposition}; filename*=UTF-8''{Uri.EscapeDataString(headers.OriginalName)}",
                },
                // Metadata must be ASCII: the original name travels percent-encoded.
                Metadata = headers.OriginalName is null ? null : new Dictionary<string, string> { ["originalname"] = Uri.EscapeDataString(headers.OriginalName) },
                Tags = RetentionBackstop.TagsFor(headers.PurgeAt, time.GetUtcNow()), // the lifecycle rule's backstop
                Conditions = firstWriterWins ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (firstWriterWins && e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<bool> FileExistsAsync(string callId, string submissionId, string name, CancellationToken cancellationToken) =>
        await BlobOf(callId, submissionId, name).ExistsAsync(cancellationToken);

    /// <summary>The file in memory, or null when it is larger than <paramref name="maxBytes"/> (it is not downloaded then).</summary>
    public async Task<MemoryStream?> ReadFileBoundedAsync(string callId, string submissionId, string name, long maxBytes, CancellationToken cancellationToken)
    {
        // One GET: its headers give the length, and a file over the bound is dropped before its body is read
        // (a HEAD first cost a request per document).
        using var download = (await BlobOf(callId, submissionId, name).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        var length = download.Details.ContentLength;
        if (length > maxBytes)
        {
            return null;
        }

        var buffer = new MemoryStream((int)length);
        await download.Content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The file's first <paramref name="length"/> bytes.</summary>
    public async Task<BinaryData> ReadFilePrefixAsync(string callId, string submissionId, string name, long length, CancellationToken cancellationToken) =>
        (await BlobOf(callId, submissionId, name).DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, length) }, cancellationToken)).Value.Content;

    /// <summary>Copies the file into <paramref name="target"/> as it streams (exports, the report's ZIP).</summary>
    public async Task CopyFileToAsync(string callId, string submissionId, string name, Stream target, CancellationToken cancellationToken) =>
        await BlobOf(callId, submissionId, name).DownloadToAsync(target, cancellationToken);

    /// <summary>The file's blob index tags (the malware scanner writes its verdict there).</summary>
    public async Task<IDictionary<string, string>> FileTagsAsync(string callId, string submissionId, string name, CancellationToken cancellationToken) =>
        (await BlobOf(callId, submissionId, name).GetTagsAsync(cancellationToken: cancellationToken)).Value.Tags;

    /// <summary>A fresh read-only link to the file (<see cref="DownloadLinks"/>): what staff download through.</summary>
    public Task<BlobLink> ReadLinkAsync(DownloadLinks links, string callId, string submissionId, string name, CancellationToken cancellationToken) =>
        links.ReadLinkAsync(BlobOf(callId, submissionId, name), cancellationToken);
}
