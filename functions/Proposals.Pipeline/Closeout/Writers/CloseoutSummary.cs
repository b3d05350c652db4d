using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>One line of a count table: what is counted (in Vietnamese) and how many.</summary>
public sealed record CountRow(string Label, int Count);

/// <summary>
/// The counts every report file shows, gathered in one pass over the call's submissions so the
/// closeout never needs them all in memory. "Counted" means classified and not superseded by a
/// later version: the proposals the report forwards.
/// </summary>
public sealed class CloseoutSummary
{
    private readonly CallDefinition call;
    private readonly Dictionary<int, int> byArea = [];
    private readonly Dictionary<string, int> bySize = [];
    // People read these tables: Vietnamese alphabetical order (a < ă < â, d < đ, tones second), not code points.
    private readonly SortedDictionary<string, int> byRegion = new(VietnameseText.Order);
    private readonly SortedDictionary<string, int> bySector = new(VietnameseText.Order);
    private readonly SortedDictionary<string, int> byStatus = new(VietnameseText.Order);

    public CloseoutSummary(CallDefinition call) => this.call = call;

    /// <summary>Every stored submission, whatever its state.</summary>
    public int Received { get; private set; }

    /// <summary>The latest valid version of each proposal.</summary>
    public int Counted { get; private set; }

    public int Rejected { get; private set; }
    public int Superseded { get; private set; }

    /// <summary>Valid and current, but left out by staff with a reason (on the audit trail).</summary>
    public int Excluded { get; private set; }

    /// <summary>Still in the pipeline (including poisoned ones) when the report was written.</summary>
    public int InFlight { get; private set; }

    /// <summary>Came by email and wait for staff to complete and accept them.</summary>
    public int WaitingForStaff { get; private set; }

    /// <summary>Counted proposals that came by email or on paper (entered by staff).</summary>
    public int CountedByEmail { get; private set; }

    public int CountedOnPaper { get; private set; }

    /// <summary>Refused at intake because they arrived after the deadline (nothing of them stored but the attempt).</summary>
    public int LateRejected { get; private set; }

    public int Flagged { get; private set; }

    public static CloseoutSummary Of(CallDefinition call, IEnumerable<SubmissionRecord> records, int lateRejected = 0)
    {
        var summary = new CloseoutSummary(call);
        foreach (var record in records)
        {
            summary.Add(record);
        }

        summary.LateRejected = lateRejected;
        return summary;
    }

    public void Add(SubmissionRecord record)
    {
        Received++;
        Increment(byStatus, CloseoutWorkbook.StatusText(record));
        if (record.IsWaitingForStaff)
        {
            WaitingForStaff++;
            return;
        }

        if (!record.HasLeftPipeline)
        {
            InFlight++;
            return;
        }

        if (record.Status == SubmissionStatus.Rejected)
        {
            Rejected++;
            return;
        }

        if (record.SupersededBy is not null)
        {
            Superseded++;
            return;
        }

        if (record.ExcludedReason is not null)
        {
            Excluded++;
            return;
        }

        if (!record.IsCounted)
        {
            return;
        }

        Counted++;
        CountedByEmail += record.Source == SubmissionSources.Email ? 1 : 0;
        CountedOnPaper += record.Source == SubmissionSources.Paper ? 1 : 0;
        if (record.FlagList.Count > 0)
        {
            Flagged++;
        }

        byArea[record.PriorityArea] = byArea.GetValueOrDefault(record.PriorityArea) + 1;
        if (record.EnterpriseSize is { } size)
        {
            bySize[size] = bySize.GetValueOrDefault(size) + 1;
        }

        Increment(byRegion, record.RegionName ?? string.Empty);
        Increment(bySector, $"{record.VsicSection} - {record.SectorName}");
    }

    public void AddLateRejected(int count) => LateRejected += count;

    /// <summary>Counted proposals per priority area of the call, every area listed (zero included), in call order.</summary>
    public IReadOnlyList<CountRow> ByPriorityArea =>
        call.PriorityAreas.Select(a => new CountRow($"{a.Number}. {a.Title}", byArea.GetValueOrDefault(a.Number))).ToList();

    /// <summary>Counted proposals per enterprise size, micro to large, every size listed.</summary>
    public IReadOnlyList<CountRow> BySize =>
        Enum.GetValues<EnterpriseSize>()
            .Select(s => new CountRow(EnterpriseSizeRules.Vietnamese(s), bySize.GetValueOrDefault(EnterpriseSizeRules.Key(s))))
            .ToList();

    public IReadOnlyList<CountRow> ByRegion => byRegion.Select(p => new CountRow(p.Key, p.Value)).ToList();
    public IReadOnlyList<CountRow> BySector => bySector.Select(p => new CountRow(p.Key, p.Value)).ToList();

    /// <summary>Every stored submission by its state in Vietnamese.</summary>
    public IReadOnlyList<CountRow> ByStatus => byStatus.Select(p => new CountRow(p.Key, p.Value)).ToList();

    private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
