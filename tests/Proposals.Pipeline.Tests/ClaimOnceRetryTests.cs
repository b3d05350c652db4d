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
    [Fact]
    public async Task A_claim_retried_after_its_answer_was_lost_is_its_own_and_another_attempt_is_not()
    {
        var (service, lossy) = LostAnswers.ForFirstInsertInto(azurite.ConnectionString, StorageNames.EmailLedgerTable);
        var table = service.GetTableClient(StorageNames.EmailLedgerTable);
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
