using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// The calls as staff see them: where each stands (open, closing, closed, report ready) and what has
/// arrived, counted by status, by day in Vietnam time, by priority area, size and region. Reads a
/// projection of five columns, so it stays cheap for tens of thousands of submissions.
/// </summary>
public sealed class CallOverviews(CallCatalog calls, PipelineStorage storage, TimeProvider time)
{
    /// <summary>A call is "closing" in its last days: staff watch the countdown.</summary>
    public static readonly TimeSpan ClosingWindow = TimeSpan.FromDays(3);

    private static readonly string[] CountedColumns =
    [
        nameof(SubmissionRecord.Status), nameof(SubmissionRecord.ReceivedAtUtc), nameof(SubmissionRecord.PriorityArea),
        nameof(SubmissionRecord.SuggestedPriorityArea), nameof(SubmissionRecord.EnterpriseSize), nameof(SubmissionRecord.RegionId),
        nameof(SubmissionRecord.RegionName), nameof(SubmissionRecord.ClassifiedAtUtc), nameof(SubmissionRecord.ClassifyFailures),
    ];

    private static readonly string[] Statuses =
        [SubmissionStatus.Received, SubmissionStatus.Validated, SubmissionStatus.Rejected, SubmissionStatus.Classified];

    public async Task<IReadOnlyList<CallSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<CallSummary>();
        foreach (var call in calls.All.OrderBy(c => c.DeadlineInstant))
        {
            summaries.Add((await OverviewAsync(call, cancellationToken)).Call);
        }

        return summaries;
    }

    public async Task<CallOverview> OverviewAsync(CallDefinition call, CancellationToken cancellationToken)
    {
        var byStatus = Statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        var byDay = new SortedDictionary<DateOnly, int>();
        var declared = new Dictionary<int, int>();
        var suggested = new Dictionary<int, int>();
        var bySize = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byRegion = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal);
        int total = 0, poisoned = 0;
        var rows = storage.SubmissionsTable.QueryAsync<SubmissionRecord>(
            TableClient.CreateQueryFilter($"PartitionKey eq {call.Id}"), maxPerPage: 1000, select: CountedColumns, cancellationToken: cancellationToken);
        await foreach (var r in rows)
        {
            total++;
            byStatus[r.Status] = byStatus.GetValueOrDefault(r.Status) + 1;
            var day = DateOnly.FromDateTime(VietnamTime.ToVietnam(r.ReceivedAtUtc).DateTime);
            byDay[day] = byDay.GetValueOrDefault(day) + 1;
            declared[r.PriorityArea] = declared.GetValueOrDefault(r.PriorityArea) + 1;
            if (r.SuggestedPriorityArea is { } s)
            {
                suggested[s] = suggested.GetValueOrDefault(s) + 1;
            }

            if (r.EnterpriseSize is { } size)
            {
                bySize[size] = bySize.GetValueOrDefault(size) + 1;
            }

            if (r.RegionId is { } region)
            {
                byRegion[region] = (r.RegionName ?? region, byRegion.GetValueOrDefault(region).Count + 1);
            }

            poisoned += r.IsPoisoned ? 1 : 0;
        }

        var summary = new CallSummary(
            call.Id, call.Title, call.TitleEn, call.OpensAt, call.OpensAt is { } opens ? VietnamTime.FormatVi(opens) : null,
            call.DeadlineInstant, VietnamTime.FormatVi(call.DeadlineInstant), await StateAsync(call, cancellationToken), total, poisoned, byStatus);
        var areas = call.PriorityAreas.Select(a => a.Number).Union(declared.Keys).Union(suggested.Keys).Order()
            .Select(n => (Number: n, Area: call.PriorityAreas.FirstOrDefault(a => a.Number == n)))
            .Select(a => new AreaCount(a.Number, a.Area?.Title ?? a.Number.ToString(CultureInfo.InvariantCulture), a.Area?.TitleEn,
                declared.GetValueOrDefault(a.Number), suggested.GetValueOrDefault(a.Number)))
            .ToList();
        return new CallOverview(
            summary,
            EveryDay(byDay).ToList(),
            areas,
            bySize.Select(s => new KeyCount(s.Key, s.Key, s.Value)).ToList(),
            byRegion.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new KeyCount(r.Key, r.Value.Name, r.Value.Count)).ToList(),
            EligibilityFlags.All.Select(f => new FlagView(f, EligibilityFlags.Vietnamese(f), EligibilityFlags.English(f))).ToList(),
            time.GetUtcNow());
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

        await foreach (var _ in storage.Reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, call.Id + "/", cancellationToken))
        {
            return "report-ready";
        }

        return "closed";
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

public sealed record CallSummary(
    string CallId, string Title, string? TitleEn, DateTimeOffset? OpensAtUtc, string? OpensAtVietnam, DateTimeOffset DeadlineUtc,
    string DeadlineVietnam, string State, int Total, int Poisoned, IReadOnlyDictionary<string, int> ByStatus);

public sealed record CallOverview(
    CallSummary Call, IReadOnlyList<DayCount> PerDay, IReadOnlyList<AreaCount> ByPriorityArea, IReadOnlyList<KeyCount> BySize,
    IReadOnlyList<KeyCount> ByRegion, IReadOnlyList<FlagView> Flags, DateTimeOffset CheckedAtUtc);

public sealed record DayCount(string Date, int Count);

public sealed record AreaCount(int Area, string Title, string? TitleEn, int Declared, int Suggested);

public sealed record KeyCount(string Key, string Name, int Count);
