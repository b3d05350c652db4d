using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>Row updates with optimistic concurrency over Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class SubmissionRepositoryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_update_from_a_row_read_earlier_keeps_a_change_made_since_by_deciding_again_on_the_current_row()
    {
        var callId = TestCalls.NewId();
        var deadline = DateTimeOffset.UtcNow.AddDays(1);
        await using var pipeline = await PipelineServices.StartAsync(azurite, deadline.AddHours(-1), TestCalls.Settings(callId, deadline));
        var accepted = (IntakeOutcome.Accepted)await pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(callId), default);
        var submissions = pipeline.Get<SubmissionStore>();
        var id = accepted.Receipt.SubmissionId;

        var readEarlier = (await submissions.FindAsync(callId, id, default))!;
        await submissions.UpdateAsync(callId, id, current => { current.LastError = "changed since"; return true; }, default);
        var seen = new List<string?>();
        var updated = await submissions.UpdateAsync(readEarlier, current =>
        {
            seen.Add(current.LastError);
            current.ReviewWarningsJson = "[]";
            return true;
        }, default);

        seen.ShouldBe([null, "changed since"], "tried on the row read earlier, refused (412), then decided again on the current row");
        var stored = (await submissions.FindAsync(callId, id, default))!;
        (stored.LastError, stored.ReviewWarningsJson).ShouldBe(("changed since", "[]"));
        updated.ETag.ShouldBe(stored.ETag, "the returned row carries the ETag of what was written");

        await submissions.UpdateAsync(updated, current => { current.LastError = null; return true; }, default);
        (await submissions.FindAsync(callId, id, default))!.LastError.ShouldBeNull("an unchanged row is written straight from the known version");
    }
}
