using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// A claim whose insert landed but whose answer was lost: the storage client retries and meets the row. It is this
/// claim's own, so the claim is new; taking it for another's would skip an email no one else is sending.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ClaimOnceRetryTests(AzuriteFixture azurite)
{
    /// <summary>Sends the first insert into the ledger (not the table's creation), then loses its answer, as a time-out would.</summary>
    private sealed class LosesTheFirstAnswer : HttpPipelinePolicy
    {
        public int Lost { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (Lost == 0 && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.Contains(StorageNames.EmailLedgerTable, StringComparison.Ordinal))
            {
                Lost++;
                throw new IOException("The connection was reset after the request was sent.");
            }
        }
    }

    [Fact]
    public async Task A_claim_retried_after_its_answer_was_lost_is_its_own_and_another_attempt_is_not()
    {
        var lossy = new LosesTheFirstAnswer();
        var options = new TableClientOptions();
        options.AddPolicy(lossy, HttpPipelinePosition.PerRetry);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient(StorageNames.EmailLedgerTable);
        await table.CreateIfNotExistsAsync();
        var scope = Guid.NewGuid().ToString("N");

        var (_, isNew) = await ClaimOnce.ClaimAsync(table, new EmailLedgerEntry { PartitionKey = scope, RowKey = "receipt", State = EmailLedgerEntry.Sending }, default);
        lossy.Lost.ShouldBe(1, "the fault must have happened, or this test proves nothing");
        isNew.ShouldBeTrue("the row the retry met is this claim's own");

        var (held, again) = await ClaimOnce.ClaimAsync(table, new EmailLedgerEntry { PartitionKey = scope, RowKey = "receipt", State = EmailLedgerEntry.Sending }, default);
        again.ShouldBeFalse("a second delivery finds the first one's claim");
        held.ClaimId.ShouldNotBeNull();
    }
}
