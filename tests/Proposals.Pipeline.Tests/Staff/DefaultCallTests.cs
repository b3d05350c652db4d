using Proposals.Pipeline.Staff;

namespace Proposals.Pipeline.Tests;

public class DefaultCallTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CallSummary Call(string id, int deadlineInDays, int? opensInDays = null) => new(
        id, id, null, opensInDays is { } o ? Now.AddDays(o) : null, null, Now.AddDays(deadlineInDays), "", "", 0, 0, new Dictionary<string, int>());

    [Fact]
    public void Opens_on_the_accepting_call_with_the_nearest_deadline()
    {
        CallSummary[] calls = [Call("closed-2023", -1000), Call("later", 60), Call("sooner", 5), Call("not-yet", 90, opensInDays: 10)];
        DefaultCall.Of(calls, Now).ShouldBe("sooner");
    }

    [Fact]
    public void Without_an_open_call_opens_on_the_most_recently_closed()
    {
        CallSummary[] calls = [Call("closed-2023", -1000), Call("closed-last-week", -7), Call("not-yet", 90, opensInDays: 10)];
        DefaultCall.Of(calls, Now).ShouldBe("closed-last-week");
    }

    [Fact]
    public void With_only_a_call_to_come_opens_on_it() =>
        DefaultCall.Of([Call("not-yet", 90, opensInDays: 10)], Now).ShouldBe("not-yet");
}
