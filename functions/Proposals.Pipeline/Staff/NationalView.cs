using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Text;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// The Ministry's view of a programme across the agencies whose calls feed it: counts by province, region,
/// priority area, size and status, each agency's report status, and the proposals the same enterprise sent to
/// two agencies. Read from each call's staff list (<see cref="StaffList"/>, in memory, kept current), never by
/// reading every row again, and, for a call whose report is issued, from the revision its closeout recorded
/// with the manifest (what the report counted); read-only.
/// </summary>
public sealed class NationalView(CallCatalog calls, CallOverviews overviews, StaffList list, ReportRevisions revisions, TimeProvider time)
{
    /// <summary>A closed call without a report this long after its deadline is late (the closeout runs within minutes).</summary>
    public static readonly TimeSpan ReportDueAfter = TimeSpan.FromDays(3);

    public IReadOnlyList<ProgrammeSummary> List() =>
        [.. calls.Programmes.OrderByDescending(p => p.Year).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new ProgrammeSummary(p.Id, p.Title, p.TitleEn, p.Year, Served(p).Count,
                Served(p).Select(c => c.Agency).Distinct(StringComparer.Ordinal).Count()))];

    public async Task<ProgrammeView> ViewAsync(ProgrammeDefinition programme, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var agencies = new List<AgencyStatus>();
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byRegion = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal);
        var bySize = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byArea = new SortedDictionary<int, int>();
        var byProvince = new Dictionary<string, int>(StringComparer.Ordinal);
        var proposals = new List<NationalProposal>();
        foreach (var call in Served(programme))
        {
            var overview = await overviews.OverviewAsync(call, cancellationToken);
            var agency = calls.FindAgency(call.Agency);
            var report = overview.Call.State == "report-ready"
                ? (await revisions.ListAsync(call.Id, cancellationToken)).Where(r => r.CompletedAtUtc is not null).MaxBy(r => r.Revision)
                : null;
            agencies.Add(new AgencyStatus(call.Agency, agency?.Name ?? call.Organiser, agency?.Province ?? call.Province, call.Id,
                overview.Call.State, ReportStatus(call, overview.Call.State), overview.Call.Total, overview.Call.ByStatus,
                report?.Revision, report?.CountedCount, report?.CompletedAtUtc));
            Add(byStatus, overview.Call.ByStatus);
            foreach (var region in overview.ByRegion)
            {
                byRegion[region.Key] = (region.Name, byRegion.GetValueOrDefault(region.Key).Count + region.Count);
            }

            foreach (var size in overview.BySize)
            {
                bySize[size.Key] = bySize.GetValueOrDefault(size.Key) + size.Count;
            }

            foreach (var area in overview.ByPriorityArea)
            {
                byArea[area.Area] = byArea.GetValueOrDefault(area.Area) + area.Declared;
            }

            var rows = await ProposalsAsync(call, cancellationToken);
            foreach (var row in rows)
            {
                byProvince[row.Province ?? string.Empty] = byProvince.GetValueOrDefault(row.Province ?? string.Empty) + 1;
            }

            proposals.AddRange(rows);
        }

        return new ProgrammeView(
            new ProgrammeSummary(programme.Id, programme.Title, programme.TitleEn, programme.Year, agencies.Count,
                agencies.Select(a => a.AgencyId).Distinct(StringComparer.Ordinal).Count()),
            agencies,
            byStatus,
            [.. byProvince.OrderByDescending(p => p.Value).ThenBy(p => p.Key, VietnameseText.Order).Select(p => new NationalCount(p.Key, p.Key, p.Value))],
            [.. byRegion.OrderBy(r => r.Value.Name, VietnameseText.Order).Select(r => new NationalCount(r.Key, r.Value.Name, r.Value.Count))],
            [.. byArea.Select(a => new NationalCount(a.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Value))],
            [.. bySize.Select(s => new NationalCount(s.Key, s.Key, s.Value))],
            CrossAgencyDuplicates([.. proposals, .. await EarlierYearsAsync(programme, cancellationToken)]),
            WorkbookPath(programme.Id),
            time.GetUtcNow());
    }

    /// <summary>A call's proposals as the duplicate search compares them, kept with its staff list until the list changes.</summary>
    private Task<List<NationalProposal>> ProposalsAsync(CallDefinition call, CancellationToken cancellationToken) =>
        list.QueryAsync(call.Id, rows => rows.Cached("national", () => rows.Records()
            .Where(r => r.TaxCode is { Length: > 0 })
            .Select(r => new NationalProposal(call.Agency, call.Id, r.RowKey, r.ReceiptNumber, r.TaxCode!, r.EnterpriseName, r.TaskName,
                DuplicateRules.TaskNameKey(r.TaskName), r.Province, r.Status, call.ProgrammeYear))
            .ToList()), cancellationToken);

    /// <summary>The proposals of this deployment's calls for earlier years than the programme's (whatever retention has left of them).</summary>
    private async Task<List<NationalProposal>> EarlierYearsAsync(ProgrammeDefinition programme, CancellationToken cancellationToken)
    {
        var earlier = new List<NationalProposal>();
        foreach (var call in calls.All.Where(c => c.ProgrammeYear < programme.Year && !programme.Calls.Contains(c.Id, StringComparer.Ordinal)))
        {
            earlier.AddRange((await ProposalsAsync(call, cancellationToken)).Select(p => p with { EarlierYear = true }));
        }

        return earlier;
    }

    /// <summary>Where the national workbook of a programme is downloaded (the Ministry's key or role, as the view).</summary>
    public static string WorkbookPath(string programmeId) => $"/api/staff/programmes/{Uri.EscapeDataString(programmeId)}/workbook";

    public const string WorkbookSheet = "Danh sách toàn quốc";
    public const string AgenciesSheet = "Các đơn vị";

    /// <summary>
    /// The national workbook: one row per counted proposal of every call of the programme (the call workbook's
    /// rule: classified, neither replaced nor excluded by staff), with its agency, and a sheet of the agencies'
    /// report status. Rows come from the staff lists in memory and are streamed into the package row by row.
    /// </summary>
    public async Task WriteWorkbookAsync(ProgrammeDefinition programme, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var view = await ViewAsync(programme, cancellationToken);
        var flagged = view.Duplicates.SelectMany(d => d.Proposals.Select(p => (p.CallId, p.SubmissionId, d.Kind)))
            .GroupBy(d => (d.CallId, d.SubmissionId)).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(d => DuplicateText(d.Kind)).Distinct()));
        var perCall = new List<(AgencyStatus Agency, IReadOnlyList<SubmissionRecord> Rows)>();
        foreach (var agency in view.Agencies)
        {
            var rows = await list.QueryAsync(agency.CallId, rows => rows.Records().Where(r => r.IsCounted)
                .OrderBy(r => r.ReceiptNumber, StringComparer.Ordinal).ToList(), cancellationToken);
            perCall.Add((agency, rows));
        }

        using var writer = new XlsxWriter(destination);
        writer.AddSheet(WorkbookSheet,
            [("STT", 7), ("Đơn vị", 36), ("Tỉnh/thành phố của đơn vị", 18), ("Đợt tiếp nhận", 16), ("Số tiếp nhận", 14), ("Thời điểm nhận (giờ Việt Nam)", 20),
             ("Tên doanh nghiệp", 36), ("Mã số thuế", 16), ("Tỉnh/thành phố", 16), ("Vùng kinh tế - xã hội", 26), ("Quy mô doanh nghiệp", 14),
             ("Tên nhiệm vụ", 50), ("Nội dung ưu tiên đăng ký", 12), ("Cảnh báo", 40), ("Trùng giữa các đơn vị", 36)],
            perCall.SelectMany(c => c.Rows.Select(r => (c.Agency, Row: r))).Select((x, i) => (IReadOnlyList<object?>)
            [
                i + 1, x.Agency.AgencyName, x.Agency.Province, x.Agency.CallId, x.Row.ReceiptNumber, CloseoutWorkbook.VietnamTimeText(x.Row.ReceivedAtUtc),
                x.Row.EnterpriseName, x.Row.TaxCode, x.Row.Province, x.Row.RegionName, x.Row.EnterpriseSize, x.Row.TaskName, x.Row.PriorityArea,
                CloseoutWorkbook.FlagsText(x.Row), flagged.GetValueOrDefault((x.Agency.CallId, x.Row.RowKey)),
            ]));
        writer.AddSheet(AgenciesSheet,
            [("Đơn vị", 36), ("Tỉnh/thành phố", 18), ("Đợt tiếp nhận", 16), ("Trạng thái báo cáo", 20), ("Số hồ sơ", 10), ("Số hồ sơ trong báo cáo", 14), ("Lần báo cáo", 10)],
            view.Agencies.Select(a => (IReadOnlyList<object?>)[a.AgencyName, a.Province, a.CallId, ReportStatusText(a.ReportStatus), a.Total, a.ReportCounted, a.ReportRevision]));
    }

    private static string DuplicateText(string kind) => kind switch
    {
        "same-tax-code-similar-task" => "Cùng mã số thuế, nhiệm vụ tương tự ở đơn vị khác hoặc năm trước",
        "same-tax-code" => "Cùng mã số thuế ở đơn vị khác",
        "similar-task-name" => "Tên nhiệm vụ tương tự ở đơn vị khác hoặc năm trước",
        _ => "Cùng tên nhiệm vụ ở đơn vị khác hoặc năm trước",
    };

    private static string ReportStatusText(string status) => status switch
    {
        "pending" => "Đang tiếp nhận",
        "report-issued" => "Đã có báo cáo",
        "late" => "Chậm báo cáo",
        _ => "Đã hết hạn, chưa có báo cáo",
    };

    /// <summary>
    /// What the Ministry should look at twice, by the duplicate rule used within a call (<see cref="DuplicateRules"/>):
    /// one enterprise (tax code) in two agencies' calls of the programme, or with the same or a similar task in
    /// an earlier year's call; and the same or a similar task name under different tax codes in two agencies'
    /// calls, or in an earlier year's. One agency's own pairs in this year's call are its call's business, and
    /// pairs between earlier years are not this programme's. Staff decide; nothing is displaced.
    /// </summary>
    public static IReadOnlyList<CrossAgencyDuplicate> CrossAgencyDuplicates(IReadOnlyList<NationalProposal> proposals)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        static bool Earlier(NationalProposal p) => p.EarlierYear;
        var duplicates = new List<CrossAgencyDuplicate>();
        foreach (var group in proposals.GroupBy(p => p.TaxCode, StringComparer.Ordinal))
        {
            // Anyone may send proposals under a public tax code: names are compared by the join, not pair by pair.
            var sameOrSimilar = SameOrSimilarTasks([.. group]);
            var current = group.Where(p => !Earlier(p)).ToList();
            var earlier = group.Where(p => Earlier(p) && current.Any(c => sameOrSimilar(c, p))).ToList();
            var inTwoAgencies = current.Select(p => p.AgencyId).Distinct(StringComparer.Ordinal).Count() >= 2;
            if (!inTwoAgencies)
            {
                current = [.. current.Where(c => earlier.Any(e => sameOrSimilar(c, e)))];
            }

            if (current.Count == 0 || (!inTwoAgencies && earlier.Count == 0))
            {
                continue;
            }

            var similar = earlier.Count > 0 || current.Any(a => current.Any(b => a.AgencyId != b.AgencyId && sameOrSimilar(a, b)));
            duplicates.Add(new CrossAgencyDuplicate(similar ? "same-tax-code-similar-task" : "same-tax-code", group.Key, Entries(current.Concat(earlier))));
        }

        // Names: proposals grouped by folded name, names linked when similar, and each linked set reported once.
        var byName = proposals.Where(p => p.TaskNameKey.Length > 0).GroupBy(p => p.TaskNameKey, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        bool Related(NationalProposal a, NationalProposal b) =>
            a.TaxCode != b.TaxCode && !(Earlier(a) && Earlier(b)) && (Earlier(a) != Earlier(b) || a.AgencyId != b.AgencyId);
        bool AnyRelated(List<NationalProposal> a, List<NationalProposal> b) => a.Any(x => b.Any(y => Related(x, y)));
        var linkedTo = Enumerable.Range(0, byName.Count).ToArray();
        int Root(int n) => linkedTo[n] == n ? n : linkedTo[n] = Root(linkedTo[n]);
        var linked = new bool[byName.Count];
        for (var n = 0; n < byName.Count; n++)
        {
            linked[n] = AnyRelated(byName[n], byName[n]);
        }

        foreach (var (a, b) in SimilarTaskNames.Pairs([.. byName.Select(g => g[0].TaskNameKey)]))
        {
            if (AnyRelated(byName[a], byName[b]))
            {
                linkedTo[Root(a)] = Root(b);
                linked[a] = linked[b] = true;
            }
        }

        foreach (var set in Enumerable.Range(0, byName.Count).Where(n => linked[n]).GroupBy(Root))
        {
            var names = set.ToList();
            duplicates.Add(new CrossAgencyDuplicate(names.Count == 1 ? "same-task-name" : "similar-task-name", null,
                Entries(names.SelectMany(n => byName[n]))));
        }

        return duplicates;
    }

    /// <summary>
    /// The in-call rule (<see cref="DuplicateRules.IsPossibleDuplicate"/>) over one enterprise's proposals, with each
    /// pair of names judged once by <see cref="SimilarTaskNames"/>: a comparison is then a lookup.
    /// </summary>
    private static Func<NationalProposal, NationalProposal, bool> SameOrSimilarTasks(List<NationalProposal> sent)
    {
        var keys = sent.Select(p => p.TaskNameKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var index = keys.Select((key, i) => (key, i)).ToDictionary(k => k.key, k => k.i, StringComparer.Ordinal);
        var similar = SimilarTaskNames.Pairs(keys).ToHashSet();
        return (a, b) => a.TaxCode == b.TaxCode && a.TaskNameKey.Length > 0 && b.TaskNameKey.Length > 0
            && (a.TaskNameKey == b.TaskNameKey
                || similar.Contains((Math.Min(index[a.TaskNameKey], index[b.TaskNameKey]), Math.Max(index[a.TaskNameKey], index[b.TaskNameKey]))));
    }

    private static List<DuplicateEntry> Entries(IEnumerable<NationalProposal> sent) =>
        [.. sent.OrderBy(p => p.EarlierYear).ThenByDescending(p => p.ProgrammeYear).ThenBy(p => p.AgencyId, StringComparer.Ordinal).ThenBy(p => p.ReceiptNumber, StringComparer.Ordinal)
            .Select(p => new DuplicateEntry(p.AgencyId, p.CallId, p.SubmissionId, p.ReceiptNumber, p.TaxCode, p.EnterpriseName, p.TaskName,
                p.ProgrammeYear, p.EarlierYear))];

    /// <summary>The calls of <paramref name="programme"/> this deployment serves (whose rows the view and workbook read).</summary>
    public IReadOnlyList<string> CallIdsOf(ProgrammeDefinition programme) => [.. Served(programme).Select(c => c.Id)];

    private List<CallDefinition> Served(ProgrammeDefinition programme) =>
        [.. programme.Calls.Select(calls.Find).OfType<CallDefinition>()];

    /// <summary>open (or closing): pending; closed with a report: report-issued; closed without one: closed, then late.</summary>
    private string ReportStatus(CallDefinition call, string state) => state switch
    {
        "open" or "closing" or "upcoming" => "pending",
        "report-ready" => "report-issued",
        _ => time.GetUtcNow() - call.DeadlineInstant > ReportDueAfter ? "late" : "closed",
    };

    private static void Add(SortedDictionary<string, int> into, IReadOnlyDictionary<string, int> counts)
    {
        foreach (var (key, count) in counts)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }
}

public sealed record ProgrammeSummary(string ProgrammeId, string Title, string? TitleEn, int Year, int Calls, int Agencies);

/// <param name="ReportStatus"><c>pending</c> (the call is open), <c>closed</c>, <c>report-issued</c> or <c>late</c>.</param>
/// <param name="ReportRevision">The newest report revision written, with the proposals it counted and when (its manifest's figures).</param>
public sealed record AgencyStatus(
    string AgencyId, string AgencyName, string? Province, string CallId, string State, string ReportStatus, int Total, IReadOnlyDictionary<string, int> ByStatus,
    int? ReportRevision = null, int? ReportCounted = null, DateTimeOffset? ReportIssuedAtUtc = null);

public sealed record NationalCount(string Key, string Name, int Count);

/// <param name="ProgrammeYear">The call's programme year.</param>
/// <param name="EarlierYear">Sent to a call for an earlier year, outside the programme viewed: compared with, not counted.</param>
public sealed record NationalProposal(
    string AgencyId, string CallId, string SubmissionId, string? ReceiptNumber, string TaxCode, string? EnterpriseName, string? TaskName,
    string TaskNameKey, string? Province, string? Status, int ProgrammeYear, bool EarlierYear = false);

/// <param name="EarlierYear">Sent to a call of an earlier year than the programme's.</param>
public sealed record DuplicateEntry(
    string AgencyId, string CallId, string SubmissionId, string? ReceiptNumber, string TaxCode, string? EnterpriseName, string? TaskName,
    int ProgrammeYear, bool EarlierYear);

/// <param name="Kind">
/// <c>same-tax-code</c>, <c>same-tax-code-similar-task</c>, <c>same-task-name</c> (under different tax codes) or
/// <c>similar-task-name</c>.
/// </param>
public sealed record CrossAgencyDuplicate(string Kind, string? TaxCode, IReadOnlyList<DuplicateEntry> Proposals);

public sealed record ProgrammeView(
    ProgrammeSummary Programme, IReadOnlyList<AgencyStatus> Agencies, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<NationalCount> ByProvince, IReadOnlyList<NationalCount> ByRegion, IReadOnlyList<NationalCount> ByPriorityArea,
    IReadOnlyList<NationalCount> BySize, IReadOnlyList<CrossAgencyDuplicate> Duplicates, string WorkbookUrl, DateTimeOffset CheckedAtUtc);
