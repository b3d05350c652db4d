using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// An audit entry whose insert landed but whose answer was lost: the storage client retries, finds its own row (409),
/// and the staff action goes on with one entry, not a 500 (found by the national bench, where Azurite stalled).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class AuditTrailRetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_insert_retried_after_its_answer_was_lost_is_one_entry_and_no_error()
    {
        var callId = TestCalls.NewId();
        await using var pipeline = await PipelineServices.StartAsync(azurite, DateTimeOffset.UtcNow, TestCalls.Settings(callId, DateTimeOffset.UtcNow.AddDays(3)));
        var (tables, lossy) = LostAnswers.ForFirstInsertInto(azurite.ConnectionString, StorageNames.AuditTrailTable);
        var storage = new PipelineStorage(new BlobServiceClient(azurite.ConnectionString), new QueueServiceClient(azurite.ConnectionString), tables);
        var audit = new AuditTrail(storage, TimeProvider.System, pipeline.Get<CallCatalog>());

        var entry = await audit.RecordAsync(callId, AuditActions.ReadNationalView, "ministry key", null, null, null, "programme p", default);

        lossy.Lost.ShouldBe(1, "the fault must have happened, or this test proves nothing");
        (await audit.ListAsync(callId, null, default)).ShouldHaveSingleItem().RowKey.ShouldBe(entry.RowKey);
    }
}
