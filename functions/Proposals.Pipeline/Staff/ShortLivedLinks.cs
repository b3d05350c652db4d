using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// Read-only links to one private blob, valid for <see cref="PipelineOptions.DownloadLinkLifetime"/>:
/// signed with the account key where there is one (Azurite), with a user delegation key under a managed
/// identity (Azure, shared keys off). A fresh link on every request; none is stored.
/// </summary>
public sealed class ShortLivedLinks(PipelineStorage storage, TimeProvider time, IOptions<PipelineOptions> options)
{
    public async Task<BlobLink> ReadLinkAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + options.Value.DownloadLinkLifetime;
        if (blob.CanGenerateSasUri)
        {
            return new BlobLink(blob.GenerateSasUri(BlobSasPermissions.Read, expiresAt).AbsoluteUri, expiresAt);
        }

        UserDelegationKey key = await storage.BlobService.GetUserDelegationKeyAsync(time.GetUtcNow().AddMinutes(-5), expiresAt, cancellationToken);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
        };
        var url = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, storage.BlobService.AccountName) }.ToUri();
        return new BlobLink(url.AbsoluteUri, expiresAt);
    }
}

public sealed record BlobLink(string Url, DateTimeOffset ExpiresAt);
