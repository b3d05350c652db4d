namespace Proposals.Pipeline.Staff;

/// <summary>Which call the console opens on when none is asked for: the one staff most likely work on now.</summary>
public static class DefaultCall
{
    /// <summary>
    /// The call accepting submissions with the nearest deadline; when none is, the most recently closed; when
    /// none has closed either, the next to open.
    /// </summary>
    public static string? Of(IReadOnlyCollection<CallSummary> calls, DateTimeOffset now)
    {
        var accepting = calls.Where(c => c.DeadlineUtc > now && (c.OpensAtUtc is null || c.OpensAtUtc <= now)).MinBy(c => c.DeadlineUtc);
        var closed = calls.Where(c => c.DeadlineUtc <= now).MaxBy(c => c.DeadlineUtc);
        var upcoming = calls.Where(c => c.OpensAtUtc > now).MinBy(c => c.OpensAtUtc);
        return (accepting ?? closed ?? upcoming)?.CallId;
    }
}
