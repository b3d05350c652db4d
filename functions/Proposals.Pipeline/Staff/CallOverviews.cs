using System.Globalization;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Calls;
using Proposals.Domain.Text;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// The calls as staff see them: where each stands (open, closing, closed, report ready) and what has
/// arrived, counted by status, by day in Vietnam time, by priority area, size and region. Counted from the
/// staff list in memory (<see cref="StaffList"/>) once per change of it, so the cost does not grow with
/// the call. With them, what the call file leaves out of the report's sign-off, so staff hear of it
/// while the call is still open rather than from a report full of placeholders.
/// </summary>
public sealed class CallOverviews(StaffList list, ReportRevisions revisions, TimeProvider time)
{
    /// <summary>A call is "closing" in its last days: staff watch the countdown.</summary>
    public static readonly TimeSpan ClosingWindow = TimeSpan.FromDays(3);

    /// <summary>The summaries of <paramref name="visible"/> only (a staff member's agency's calls), by deadline.</summary>
    public async Task<IReadOnlyList<CallSummary>> ListAsync(IEnumerable<CallDefinition> visible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visible);
        var summaries = new List<CallSummary>();
        foreach (var call in visible.OrderBy(c => c.DeadlineInstant))
        {
            summaries.Add((await OverviewAsync(call, cancellationToken)).Call);
        }

        return summaries;
    }

    public async Task<CallOverview> OverviewAsync(CallDefinition call, CancellationToken cancellationToken)
    {
        var counts = await list.QueryAsync(call.Id, rows => rows.Cached("overview", () => Count(rows.Records())), cancellationToken);
        var summary = new CallSummary(
            call.Id, call.Title, call.TitleEn, call.OpensAt, call.OpensAt is { } opens ? VietnamTime.FormatVi(opens) : null,
            call.DeadlineInstant, VietnamTime.FormatVi(call.DeadlineInstant), await StateAsync(call, cancellationToken),
            counts.Total, counts.Poisoned, counts.ByStatus, call.Agency, call.Organiser);
        var areas = call.PriorityAreas.Select(a => a.Number).Union(counts.Declared.Keys).Union(counts.Suggested.Keys).Order()
            .Select(n => (Number: n, Area: call.PriorityAreas.FirstOrDefault(a => a.Number == n)))
            .Select(a => new AreaCount(a.Number, a.Area?.Title ?? a.Number.ToString(CultureInfo.InvariantCulture), a.Area?.TitleEn,
                counts.Declared.GetValueOrDefault(a.Number), counts.Suggested.GetValueOrDefault(a.Number)))
            .ToList();
        return new CallOverview(
            summary,
            EveryDay(counts.ByDay).ToList(),
            areas,
            counts.BySize.Select(s => new KeyCount(s.Key, s.Key, s.Value)).ToList(),
            counts.ByRegion.OrderBy(r => r.Value.Name, VietnameseText.Order).Select(r => new KeyCount(r.Key, r.Value.Name, r.Value.Count)).ToList(),
            EligibilityFlags.All.Select(f => new FlagView(f, EligibilityFlags.Vietnamese(f), EligibilityFlags.English(f))).ToList(),
            SubmissionStatus.All.Select(s => new StatusView(s, SubmissionStatus.Vietnamese(s), SubmissionStatus.English(s))).ToList(),
            ExclusionReasons.All.Select(r => new StatusView(r, ExclusionReasons.Vietnamese(r), ExclusionReasons.English(r))).ToList(),
            SignatureStates.All.Select(s => new StatusView(s, SignatureStates.Vietnamese(s), SignatureStates.English(s))).ToList(),
            ReportSignOff.For(call).Gaps,
            time.GetUtcNow());
    }

    private static Counts Count(IEnumerable<SubmissionRecord> records)
    {
        var counts = new Counts();
        foreach (var status in SubmissionStatus.All)
        {
            counts.ByStatus[status] = 0;
        }

        foreach (var r in records)
        {
            counts.Total++;
            counts.ByStatus[r.Status] = counts.ByStatus.GetValueOrDefault(r.Status) + 1;
            var day = DateOnly.FromDateTime(VietnamTime.ToVietnam(r.ReceivedAtUtc).DateTime);
            counts.ByDay[day] = counts.ByDay.GetValueOrDefault(day) + 1;
            counts.Declared[r.PriorityArea] = counts.Declared.GetValueOrDefault(r.PriorityArea) + 1;
            if (r.SuggestedPriorityArea is { } s)
            {
                counts.Suggested[s] = counts.Suggested.GetValueOrDefault(s) + 1;
            }

            if (r.EnterpriseSize is { } size)
            {
                counts.BySize[size] = counts.BySize.GetValueOrDefault(size) + 1;
            }

            if (r.RegionId is { } region)
            {
                counts.ByRegion[region] = (r.RegionName ?? region, counts.ByRegion.GetValueOrDefault(region).Count + 1);
            }

            counts.Poisoned += r.IsPoisoned ? 1 : 0;
        }

        return counts;
    }

    private sealed class Counts
    {
        public int Total;
        public int Poisoned;
        public readonly Dictionary<string, int> ByStatus = new(StringComparer.Ordinal);
        public readonly SortedDictionary<DateOnly, int> ByDay = [];
        public readonly Dictionary<int, int> Declared = [];
        public readonly Dictionary<int, int> Suggested = [];
        public readonly SortedDictionary<string, int> BySize = new(StringComparer.Ordinal);
        public readonly Dictionary<string, (string Name, int Count)> ByRegion = new(StringComparer.Ordinal);
    }

    /// <summary>Open, closing (its last days), closed (past the deadline, no report yet), report ready; upcoming before it opens.</summary>
    private async Task<string> StateAsync(CallDefinition call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (call.OpensAt is { } opens && now < opens)
        {
            return "upcoming";
        }

        if (now < call.DeadlineInstant)
        {
            return call.DeadlineInstant - now <= ClosingWindow ? "closing" : "open";
        }

        return (await revisions.ListAsync(call.Id, cancellationToken)).Any(r => r.CompletedAtUtc is not null) ? "report-ready" : "closed";
    }

    /// <summary>Days without submissions count too (zero bars), at most a year of them.</summary>
    private static IEnumerable<DayCount> EveryDay(SortedDictionary<DateOnly, int> byDay)
    {
        if (byDay.Count == 0)
        {
            yield break;
        }

        var first = byDay.Keys.First();
        var last = byDay.Keys.Last();
        if (last.DayNumber - first.DayNumber > 366)
        {
            first = last.AddDays(-366);
        }

        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return new DayCount(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), byDay.GetValueOrDefault(day));
        }
    }
}

/// <param name="Agency">The agency the call belongs to; <paramref name="Organiser"/> is its name as the call states it.</param>
public sealed record CallSummary(
    string CallId, string Title, string? TitleEn, DateTimeOffset? OpensAtUtc, string? OpensAtVietnam, DateTimeOffset DeadlineUtc,
    string DeadlineVietnam, string State, int Total, int Poisoned, IReadOnlyDictionary<string, int> ByStatus,
    string? Agency = null, string? Organiser = null);

public sealed record CallOverview(
    CallSummary Call, IReadOnlyList<DayCount> PerDay, IReadOnlyList<AreaCount> ByPriorityArea, IReadOnlyList<KeyCount> BySize,
    IReadOnlyList<KeyCount> ByRegion, IReadOnlyList<FlagView> Flags, IReadOnlyList<StatusView> Statuses,
    IReadOnlyList<StatusView> ExclusionReasons, IReadOnlyList<StatusView> SignatureStates, IReadOnlyList<ReportSettingGap> Warnings, DateTimeOffset CheckedAtUtc);

/// <summary>A status (or an exclusion reason, a signature state) with its labels: the one place the console and the status page take them from.</summary>
public sealed record StatusView(string Code, string Vi, string En);

public sealed record DayCount(string Date, int Count);

public sealed record AreaCount(int Area, string Title, string? TitleEn, int Declared, int Suggested);

public sealed record KeyCount(string Key, string Name, int Count);
