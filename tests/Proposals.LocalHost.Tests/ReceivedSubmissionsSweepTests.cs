using Microsoft.Extensions.DependencyInjection;
using Proposals.Domain.Submissions;
using Proposals.LocalHost.Triggers;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>The local host's safety net for submissions no arrival notice started (the blob trigger no longer runs locally).</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ReceivedSubmissionsSweepTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_submission_the_blob_trigger_missed_is_validated_after_the_grace_period_and_a_half_written_one_is_left_alone()
    {
        var callId = TestCalls.NewId();
        var deadline = DateTimeOffset.UtcNow.AddDays(1);
        await using var pipeline = await PipelineServices.StartAsync(azurite, deadline.AddHours(-1), TestCalls.Settings(callId, deadline));
        var intake = pipeline.Get<IntakeStage>();
        var missed = ((IntakeOutcome.Accepted)await intake.SubmitAsync(Incoming.Submission(callId, SampleProposal.FieldsOfAnotherEnterprise()), default)).Receipt.SubmissionId;
        var halfWritten = ((IntakeOutcome.Accepted)await intake.SubmitAsync(Incoming.Submission(callId, SampleProposal.FieldsOfAnotherEnterprise()), default)).Receipt.SubmissionId;
        var submissions = pipeline.Get<SubmissionStore>();
        await pipeline.SubmissionBlob(callId, halfWritten, StorageNames.SubmissionFieldsBlob).DeleteAsync(); // intake died before its last write
        var sweep = ActivatorUtilities.CreateInstance<ReceivedSubmissionsSweep>(pipeline.Services);

        await sweep.SweepOnceAsync(default);
        (await submissions.FindAsync(callId, missed, default))!.Status.ShouldBe(SubmissionStatus.Received, "younger than the grace period: the trigger's turn");

        pipeline.Clock.Advance(ReceivedSubmissionsSweep.Grace + TimeSpan.FromSeconds(1));
        await sweep.SweepOnceAsync(default);
        (await submissions.FindAsync(callId, missed, default))!.Status.ShouldBe(SubmissionStatus.Classified, "examined, then classified at once");
        (await submissions.FindAsync(callId, halfWritten, default))!.Status.ShouldBe(SubmissionStatus.Received);
    }
}
