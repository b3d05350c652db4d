using Microsoft.Extensions.DependencyInjection;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>The bench's storage request counter (issue 23): attached only when asked, and it keeps kinds and sizes, never names.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class StorageRequestCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Counts_an_intake_by_service_and_operation_with_its_bytes_and_no_names()
    {
        var callId = TestCalls.NewId();
        var deadline = DateTimeOffset.UtcNow.AddDays(1);
        var settings = TestCalls.Settings(callId, deadline);
        settings[StorageRequestCounter.Setting] = "true";
        await using var pipeline = await PipelineServices.StartAsync(azurite, deadline.AddHours(-1), settings);
        var counter = pipeline.Get<StorageRequestCounter>();
        var before = counter.Snapshot().Sum(t => t.Requests);

        var submission = Incoming.Submission(callId);
        var accepted = (IntakeOutcome.Accepted)await pipeline.Get<IntakeStage>().SubmitAsync(submission, default);

        var tallies = counter.Snapshot();
        (tallies.Sum(t => t.Requests) - before).ShouldBeGreaterThanOrEqualTo(5, "two documents, the row and submission.json at least");
        tallies.ShouldContain(t => t.Kind == "blob PUT" && t.Requests >= 3);
        tallies.ShouldContain(t => t.Kind == "table POST $batch");
        tallies.Where(t => t.Kind == "blob PUT").Sum(t => t.BytesSent)
            .ShouldBeGreaterThanOrEqualTo(submission.Documents.Values.Sum(d => d.Length), "both documents went up");
        foreach (var tally in tallies)
        {
            tally.Kind.ShouldNotContain(callId);
            tally.Kind.ShouldNotContain(accepted.Receipt.SubmissionId);
            tally.Kind.ShouldNotContain(StorageNames.SignedScanBlob);
            tally.Kind.ShouldNotContain(StorageNames.SubmissionsTable);
        }
    }

    [Fact]
    public async Task Is_not_attached_unless_the_setting_asks_for_it()
    {
        var callId = TestCalls.NewId();
        var deadline = DateTimeOffset.UtcNow.AddDays(1);
        await using var pipeline = await PipelineServices.StartAsync(azurite, deadline.AddHours(-1), TestCalls.Settings(callId, deadline));
        pipeline.Services.GetService<StorageRequestCounter>().ShouldBeNull();
    }
}
