using System.Globalization;
using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>A checkpoint as read: the rows and the feed position they include.</summary>
public sealed record StaffListCheckpoint(DateTimeOffset Position, IReadOnlyList<SubmissionRecord> Rows, string ETag);

/// <summary>
/// The staff list's checkpoints, <c>staff-lists/{callId}.jsonl.gz</c> (the one owner of that container):
/// the first line the feed position, then one line per submission with its listed columns. One read
/// loads a national call into a new instance instead of a scan of the partition. Written with the ETag
/// of the one it replaces, so two instances never overwrite each other with an older list.
/// </summary>
public sealed class StaffListCheckpoints(PipelineStorage storage)
{
    public static string Name(string callId) => callId + ".jsonl.gz";

    public async Task<StaffListCheckpoint?> ReadAsync(string callId, CancellationToken cancellationToken)
    {
        var blob = storage.StaffLists.GetBlobClient(Name(callId));
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        await using var content = download.Value.Content;
        await using var gzip = new GZipStream(content, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var header = await reader.ReadLineAsync(cancellationToken);
        if (header is null || !long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return null; // unreadable: the caller scans the table and writes a new one
        }

        var rows = new List<SubmissionRecord>();
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            rows.Add(SubmissionStore.ReadListedRow(line));
        }

        return new StaffListCheckpoint(new DateTimeOffset(ticks, TimeSpan.Zero), rows, download.Value.Details.ETag.ToString());
    }

    /// <summary>Writes a new checkpoint over <paramref name="replacing"/> (null: over none); null when another instance got there first.</summary>
    public async Task<string?> WriteAsync(
        string callId, DateTimeOffset position, IReadOnlyList<SubmissionRecord> rows, string? replacing, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync(position.UtcTicks.ToString(CultureInfo.InvariantCulture));
            foreach (var row in rows)
            {
                await writer.WriteLineAsync(SubmissionStore.WriteListedRow(row));
            }
        }

        buffer.Position = 0;
        try
        {
            var written = await storage.StaffLists.GetBlobClient(Name(callId)).UploadAsync(buffer, new BlobUploadOptions
            {
                Conditions = replacing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(replacing) },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" },
            }, cancellationToken);
            return written.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Deletes the call's checkpoint (it holds every submission's listed columns) when its retention has passed.</summary>
    public Task DeleteAsync(string callId, CancellationToken cancellationToken) =>
        storage.StaffLists.DeleteBlobIfExistsAsync(Name(callId), cancellationToken: cancellationToken);
}
