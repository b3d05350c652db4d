using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Inbound;

/// <summary>
/// Every email the inbound webhook received (table <c>InboundEmails</c>), claimed by its key before anything
/// else is stored, so a redelivery adds nothing; and the content of those that became no submission
/// (container <c>inbound</c>), kept for staff: never lost.
/// </summary>
public sealed class InboundEmails(PipelineStorage storage)
{
    public const string Partition = "email";

    private TableClient Table => storage.InboundEmailsTable;

    /// <summary>The entry for this email: a new one (insert-if-absent), or the one an earlier delivery made.</summary>
    public Task<(InboundEmailEntry Claim, bool IsNew)> ClaimAsync(InboundEmailEntry candidate, CancellationToken cancellationToken) =>
        ClaimOnce.ClaimAsync(Table, candidate, cancellationToken);

    /// <summary>
    /// The first email received under <paramref name="messageIdKey"/> (an index row, insert-if-absent): this one's own
    /// key when it is the first, another's when a different message came under the same Message-ID before.
    /// </summary>
    public async Task<string> FirstUnderMessageIdAsync(string messageIdKey, string emailKey, CancellationToken cancellationToken)
    {
        var index = new TableEntity(Partition, "message-id-" + messageIdKey) { ["EmailKey"] = emailKey };
        try
        {
            await Table.AddEntityAsync(index, cancellationToken);
            return emailKey;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var found = await Table.GetEntityAsync<TableEntity>(Partition, index.RowKey, cancellationToken: cancellationToken);
            return found.Value.GetString("EmailKey") ?? emailKey;
        }
    }

    public Task CompleteAsync(InboundEmailEntry entry, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(entry, ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Keeps an unmatched email's text and attachments under <c>inbound/{key}/</c>.</summary>
    public async Task KeepAsync(string key, InboundEmail email, CancellationToken cancellationToken)
    {
        var message = $"From: {email.From}\nTo: {email.To}\nSubject: {email.Subject}\n\n{email.Text}";
        await Blob(key, "message.txt").UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(message)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } }, cancellationToken);
        for (var i = 0; i < email.Attachments.Count; i++)
        {
            var file = email.Attachments[i];
            await Blob(key, DocumentNames.AttachmentBlobName(i, file.Name)).UploadAsync(BinaryData.FromBytes(file.Content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancellationToken);
        }
    }

    /// <summary>Emails that became no submission, newest first (a short list: spam and strays).</summary>
    public async Task<IReadOnlyList<InboundEmailEntry>> ListUnmatchedAsync(CancellationToken cancellationToken)
    {
        var entries = new List<InboundEmailEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Outcome eq {InboundEmailEntry.Unmatched}");
        // (The Message-ID index rows have no Outcome, so the filter leaves them out.)
        await foreach (var entry in Table.QueryAsync<InboundEmailEntry>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        return entries.OrderByDescending(e => e.ReceivedAtUtc).ToList();
    }

    /// <summary>The records of the emails that became submissions of <paramref name="callId"/> (sender, subject): purged with the call.</summary>
    public Task<int> DeleteCallAsync(string callId, CancellationToken cancellationToken) =>
        TableDeletes.DeleteWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and CallId eq {callId}"), cancellationToken);

    /// <summary>The record of the email that became <paramref name="submissionId"/> (sender, subject): erased with it.</summary>
    public Task<int> DeleteSubmissionAsync(string submissionId, CancellationToken cancellationToken) =>
        TableDeletes.DeleteWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and SubmissionId eq {submissionId}"), cancellationToken);

    public async Task<InboundEmailEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<InboundEmailEntry>(Partition, key, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>An unmatched email's kept file (<c>message.txt</c> or an attachment), for a staff download link.</summary>
    public BlobClient Blob(string key, string name) => storage.Inbound.GetBlobClient($"{key}/{name}");

}
