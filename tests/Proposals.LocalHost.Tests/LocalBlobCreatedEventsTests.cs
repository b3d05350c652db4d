using Microsoft.Extensions.DependencyInjection;
using Proposals.Domain.Submissions;
using Proposals.LocalHost.Triggers;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>The local host's stand-in for Event Grid: intake's arrival notice starts validation at once.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class LocalBlobCreatedEventsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Intake_starts_validation_as_soon_as_submission_json_is_written_and_a_failing_arrival_does_not_stop_the_next()
    {
        var callId = TestCalls.NewId();
        var deadline = DateTimeOffset.UtcNow.AddDays(1);
        await using var pipeline = await PipelineServices.StartAsync(azurite, deadline.AddHours(-1), TestCalls.Settings(callId, deadline));
        var events = ActivatorUtilities.CreateInstance<LocalBlobCreatedEvents>(pipeline.Services);
        var admission = ActivatorUtilities.CreateInstance<Admission>(pipeline.Services, (ISubmissionArrivals)events); // the door that signals arrivals
        var intake = ActivatorUtilities.CreateInstance<IntakeStage>(pipeline.Services, admission);
        await events.StartAsync(default);
        try
        {
            events.Arrived(callId, "no-such-submission"); // validation throws: logged, and the workers go on
            var accepted = (IntakeOutcome.Accepted)await intake.SubmitAsync(Incoming.Submission(callId, SampleProposal.FieldsOfAnotherEnterprise()), default);
            var submissionId = accepted.Receipt.SubmissionId;

            // Neither a blob trigger nor the sweep runs here: only the arrival notice can have validated it.
            var submissions = pipeline.Get<SubmissionStore>();
            var record = await RunningLocalHost.EventuallyAsync(
                async () => await submissions.FindAsync(callId, submissionId, default) is { Status: SubmissionStatus.Classified } r ? r : null,
                TimeSpan.FromSeconds(30), "examination on arrival, then classification at once");
            record.ValidatedAtUtc.ShouldNotBeNull();
        }
        finally
        {
            await events.StopAsync(default);
        }
    }
}
