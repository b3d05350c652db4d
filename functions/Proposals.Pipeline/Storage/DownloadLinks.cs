using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace Proposals.Pipeline.Storage;

/// <summary>
/// Read-only links to single blobs that expire: no container is public, so every download staff make
/// goes through a link like this, signed with the account key locally (Azurite) and with a user
/// delegation key in Azure, where the app has a managed identity and no key.
/// </summary>
public sealed class DownloadLinks(PipelineStorage storage, TimeProvider time, IOptions<PipelineOptions> options)
{
    private UserDelegationKey? _delegationKey;

    /// <summary>A fresh link valid <see cref="PipelineOptions.DownloadLinkLifetime"/>: what the staff page hands out on each click.</summary>
    public async Task<BlobLink> ReadLinkAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + options.Value.DownloadLinkLifetime;
        return new BlobLink((await CreateAsync(blob, expiresAt, cancellationToken)).AbsoluteUri, expiresAt);
    }

    public async Task<Uri> CreateAsync(BlobClient blob, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // The SDK writes the clock time of the offset it is given followed by "Z": hand it UTC, or a
        // time with an offset (+07:00) becomes a link that expires seven hours late or early.
        expiresAt = expiresAt.ToUniversalTime();
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(BlobSasPermissions.Read, expiresAt);
        }

        // A delegation key is valid up to 7 days; one per expiry horizon is reused across links.
        if (_delegationKey is not { } key || key.SignedExpiresOn < expiresAt)
        {
            key = (await storage.BlobService.GetUserDelegationKeyAsync(time.GetUtcNow().AddMinutes(-5), expiresAt, cancellationToken)).Value;
            _delegationKey = key;
        }

        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
        };
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, storage.BlobService.AccountName) }.ToUri();
    }
}

public sealed record BlobLink(string Url, DateTimeOffset ExpiresAt);
