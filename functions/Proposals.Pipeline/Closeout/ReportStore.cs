using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Closeout;

/// <summary>
/// The report files of a call under <c>reports/{callId}/r{NNN}/</c> (the one owner of the <c>reports</c>
/// container), each written once: under a
/// deterministic name with If-None-Match: *, so a second run, a second host or a late timer finds the
/// file there and leaves it. Each blob carries its SHA-256 in its metadata for the manifest.
/// </summary>
public sealed class ReportStore(PipelineStorage storage)
{
    public const string Sha256Metadata = "sha256";

    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string Folder(string callId, int revision) => $"{callId}/r{revision:D3}/";

    public static string WorkbookName(string callId, int revision) => Folder(callId, revision) + $"{callId}-tong-hop-de-xuat.xlsx";

    public static string WordReportName(string callId, int revision) => Folder(callId, revision) + $"{callId}-bao-cao-tong-hop.docx";

    public static string ArchiveName(string callId, int revision) => Folder(callId, revision) + $"{callId}-ho-so-dinh-kem.zip";

    /// <summary>Written last: its presence means the revision is complete.</summary>
    public static string ManifestName(string callId, int revision) => Folder(callId, revision) + "manifest.json";

    public BlobClient Blob(string name) => storage.Reports.GetBlobClient(name);

    /// <summary>The files under <paramref name="prefix"/> (e.g. <c>{callId}/</c>), in name order.</summary>
    public IAsyncEnumerable<BlobItem> ListAsync(string prefix, CancellationToken cancellationToken) =>
        storage.Reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken);

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        (await storage.Reports.GetBlobClient(name).ExistsAsync(cancellationToken)).Value;

    /// <summary>
    /// Builds the file into a temporary file and uploads it unless it exists; false when it was there
    /// already or another run won the race.
    /// </summary>
    public async Task<bool> WriteOnceAsync(string name, string contentType, Action<Stream> build, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(name, cancellationToken))
        {
            return false;
        }

        var temporary = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(temporary))
            {
                build(file);
            }

            string sha256;
            await using (var file = File.OpenRead(temporary))
            {
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            }

            await using var content = File.OpenRead(temporary);
            await storage.Reports.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { [Sha256Metadata] = sha256 },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // BlobAlreadyExists: a concurrent run wrote it
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Streams a file straight into a block blob (for the attachments archive, too big to stage on
    /// disk), committed with If-None-Match: * so a concurrent run's copy is never overwritten.
    /// </summary>
    public async Task<bool> WriteStreamedOnceAsync(
        string name, string contentType, Func<Stream, CancellationToken, Task> build, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(name, cancellationToken))
        {
            return false;
        }

        var blob = storage.Reports.GetBlockBlobClient(name);
        try
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var upload = await blob.OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions
            {
                OpenConditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                BufferSize = 4 * 1024 * 1024,
            }, cancellationToken))
            await using (var hashing = new HashingWriteStream(upload, sha256))
            {
                await build(hashing, cancellationToken);
            }

            await blob.SetMetadataAsync(new Dictionary<string, string> { [Sha256Metadata] = Convert.ToHexStringLower(sha256.GetHashAndReset()) },
                cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Size and SHA-256 of a stored file; hashes it (and records the hash) if a crash left it without one.</summary>
    public async Task<ReportFileEntry> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var blob = storage.Reports.GetBlobClient(name);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        if (!properties.Metadata.TryGetValue(Sha256Metadata, out var sha256))
        {
            // Modifications allowed: the writer may record the hash (metadata, a new ETag) while this reads;
            // the bytes themselves never change, being written once with If-None-Match.
            await using var content = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: true), cancellationToken);
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            try
            {
                await blob.SetMetadataAsync(new Dictionary<string, string> { [Sha256Metadata] = sha256 },
                    new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // The run that wrote it has just recorded the hash of the same bytes itself.
            }
        }

        return new ReportFileEntry(name, properties.ContentLength, sha256);
    }

    /// <summary>The call's report files, every revision; for a purge preview.</summary>
    public async Task<IReadOnlyList<string>> ListCallAsync(string callId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in storage.Reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, callId + "/", cancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Deletes the call's report files once its retention has passed (the run rows stay: counts, no personal data).</summary>
    public async Task<int> DeleteCallAsync(string callId, CancellationToken cancellationToken)
    {
        var names = await ListCallAsync(callId, cancellationToken);
        foreach (var name in names)
        {
            await storage.Reports.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }

        return names.Count;
    }
}
