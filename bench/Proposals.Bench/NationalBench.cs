using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Proposals.LocalHost;
using Proposals.Testing;

namespace Proposals.Bench;

/// <summary>The figures of issue 24's national view at one size.</summary>
internal sealed record NationalMeasurement(
    int Agencies,
    int PerAgency,
    double SeedSeconds,
    double MedianWordShare,
    double MaxWordShare,
    int SampledPairs,
    int SampledSimilar,
    int PlantedTaxCodes,
    int PlantedSimilarNames,
    double ViewFirstEverMs,
    double ViewNewInstanceMs,
    double ViewWarmMs,
    long ViewBytes,
    IReadOnlyDictionary<string, int> GroupsByKind,
    int TaxCodesFound,
    int SimilarNamesFound,
    int GroupsNotPlanted,
    double WorkbookFirstMs,
    double WorkbookMedianMs,
    long WorkbookBytes,
    double HostPeakBeforeWorkbookMb,
    double HostPeakMb,
    double AgencyListAloneMs,
    double AgencyListLoadedMs,
    double AgencyListFirstMs,
    int SingleRows,
    double SingleSeedSeconds,
    List<CloseoutMeasurement> SingleWorkbook);

/// <summary>
/// Issue 24's scale part (<c>--only=national</c>): one agency per provincial unit, each with a call of
/// <see cref="NationalCall.PerAgency"/> classified rows and one programme over them, served by a local host process
/// from a folder of call files (<c>CallFiles:Directory</c>) and read with the Ministry's key, as the console does.
/// Measured: the national view (the first request ever, which scans the 34 calls; the first of a new instance,
/// which loads their checkpoints; warm), the national workbook (time, bytes, and the host process's peak resident
/// set), one agency's staff list with only its call loaded and with all of them loaded; and, for comparison, the
/// call workbook of a single call of the same total size as the closeout makes it (child process).
/// </summary>
internal static class NationalBench
{
    public static async Task<NationalMeasurement> MeasureAsync(
        string connection, string repositoryRoot, string workDirectory, IDictionary<string, string?> hostBasics,
        int agencies, int perAgency, int singleRows, int repeats, int workbookRepeats)
    {
        var country = new NationalCall(agencies, perAgency);
        var files = Path.Combine(workDirectory, "national-calls");
        country.WriteCallFiles(repositoryRoot, files);
        var (medianShare, maxShare, similar) = country.SampleSimilarity(SampledPairs);
        var planted = country.Planted.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  task names: {SampledPairs:N0} random cross-agency pairs share a median {medianShare:P0} of their words (most {maxShare:P0}); {similar} similar under the duplicate rule"));
        Console.WriteLine($"  planted: {planted.Count(p => p.Kind == "tax-code")} rows with another agency's tax code, {planted.Count(p => p.Kind == "similar-name")} with another agency's task name, one word changed");

        var seed = Stopwatch.StartNew();
        for (var a = 0; a < agencies; a++)
        {
            await SyntheticCall.SeedRowsAsync(connection, Enumerable.Range(0, perAgency).Select(i => country.Row(a, i)));
        }

        seed.Stop();
        Console.WriteLine($"  seeded {agencies} × {perAgency:N0} rows in {seed.Elapsed.TotalSeconds:0} s");

        var settings = new Dictionary<string, string?>(hostBasics)
        {
            ["CallFiles:Directory"] = files,
            ["LocalHost:DataDirectory"] = Path.Combine(workDirectory, "national-host"),
            ["LocalHost:ReceivedSweepInterval"] = "01:00:00",
            // The Functions app (a console app) collects with the workstation GC; the local host's web SDK defaults to
            // the server GC, which lets the heap grow far past what it holds. Measure memory as Azure runs it.
            ["DOTNET_gcServer"] = "0",
        };
        var view = $"/api/staff/programmes/{NationalCall.ProgrammeId}";
        var agency = agencies / 2; // one in the middle of the list, neither first nor last loaded
        var agencyList = $"/api/staff/calls/{NationalCall.CallId(agency)}/submissions?pageSize=50&sort=receiptNumber";

        // ---- A host that has never listed these calls: each is scanned from the table, then checkpointed.
        double viewFirstEver, listFirst, listAlone;
        await using (var first = await StartAsync(settings, NationalCall.CallId(0)))
        {
            using var client = Patient(first);
            var (ministry, agencyKey) = Keys(settings, NationalCall.AgencyId(agency));
            listFirst = (await GetAsync(client, agencyList, agencyKey)).Ms;
            listAlone = await MedianAsync(client, agencyList, agencyKey, repeats);
            viewFirstEver = (await GetAsync(client, view, ministry)).Ms;
            for (var a = 0; a < agencies; a++)
            {
                await StaffQueries.WaitForCheckpointAsync(connection, NationalCall.CallId(a));
            }
        }

        // ---- A new instance: the checkpoints. Then warm, the workbook, and the agency's list with every list loaded.
        await using var host = await StartAsync(settings, NationalCall.CallId(0));
        using var patient = Patient(host);
        var (ministryKey, agencyStaffKey) = Keys(settings, NationalCall.AgencyId(agency));
        var viewNewInstance = (await GetAsync(patient, view, ministryKey)).Ms;
        var viewWarm = await MedianAsync(patient, view, ministryKey, repeats);
        var listLoaded = await MedianAsync(patient, agencyList, agencyStaffKey, repeats);
        var (_, viewBytes, body) = await GetAsync(patient, view, ministryKey, keepBody: true);
        var found = Match(JsonDocument.Parse(body!).RootElement, country);
        var pid = host.Process.Id.ToString(CultureInfo.InvariantCulture);
        var peakBefore = CloseoutChild.PeakResidentMegabytes(pid);

        var workbook = $"/api/staff/programmes/{NationalCall.ProgrammeId}/workbook";
        var (workbookFirst, workbookBytes, _) = await GetAsync(patient, workbook, ministryKey);
        var workbookTimes = new List<double>();
        for (var r = 0; r < workbookRepeats; r++)
        {
            workbookTimes.Add((await GetAsync(patient, workbook, ministryKey)).Ms);
        }

        var peak = CloseoutChild.PeakResidentMegabytes(pid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  view: first ever {viewFirstEver:0} ms, new instance {viewNewInstance:0} ms, warm {viewWarm:0} ms ({viewBytes / 1024.0:0} KB); workbook first {workbookFirst:0} ms, then {string.Join(", ", workbookTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms ({workbookBytes / 1048576.0:0.0} MB); host peak {peakBefore:0} MB after the view, {peak:0} MB after the workbooks; agency list first {listFirst:0} ms, alone {listAlone:0.0} ms, all loaded {listLoaded:0.0} ms"));
        Console.WriteLine($"  duplicate groups: {string.Join(", ", found.ByKind.Select(k => $"{k.Key} {k.Value}"))}; planted tax codes found {found.TaxCodes}, similar names found {found.SimilarNames}, groups not planted {found.NotPlanted}");

        // ---- The comparison: one call of the same size, its workbook as the closeout makes it. In an Azurite of its own:
        // Azurite keeps each service's data as one JSON document, which at about 200,000 more entities outgrows what
        // Node can serialise (it stops).
        await using var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        connection = azurite.ConnectionString;
        const string single = "bench-nat-single";
        var singleSeed = Stopwatch.StartNew();
        await SyntheticCall.SeedRowsAsync(connection, Enumerable.Range(0, singleRows).Select(i => country.SingleCallRow(single, "QGSG", i)));
        singleSeed.Stop();
        Console.WriteLine($"  seeded a single call of {singleRows:N0} rows in {singleSeed.Elapsed.TotalSeconds:0} s; its workbook ...");
        var singleRuns = new List<CloseoutMeasurement>();
        for (var r = 0; r < Math.Max(1, workbookRepeats - 1); r++)
        {
            singleRuns.Add(await CloseoutChild.MeasureAsync("workbook", connection, single, "QGSG", singleRows));
            Console.WriteLine($"    {singleRuns[^1].Seconds:0.0} s (snapshot {singleRuns[^1].SnapshotSeconds:0.0} s), peak {singleRuns[^1].PeakMegabytes:0} MB, {singleRuns[^1].Outcome}");
        }

        return new NationalMeasurement(
            agencies, perAgency, seed.Elapsed.TotalSeconds, medianShare, maxShare, SampledPairs, similar,
            planted.Count(p => p.Kind == "tax-code"), planted.Count(p => p.Kind == "similar-name"),
            viewFirstEver, viewNewInstance, viewWarm, viewBytes, found.ByKind, found.TaxCodes, found.SimilarNames, found.NotPlanted,
            workbookFirst, LatencyStats.Median(workbookTimes), workbookBytes, peakBefore, peak,
            listAlone, listLoaded, listFirst, singleRows, singleSeed.Elapsed.TotalSeconds, singleRuns);
    }

    private const int SampledPairs = 20_000;

    /// <summary>The host being measured: a failed request shows its last lines (its exception, if it logged one).</summary>
    private static LocalHostProcess? current;

    private static async Task<LocalHostProcess> StartAsync(IDictionary<string, string?> settings, string callId)
    {
        var host = LocalHostProcess.Start(settings);
        current = host;
        await host.WaitUntilReadyAsync($"/api/calls/{callId}");
        return host;
    }

    private static HttpClient Patient(LocalHostProcess host) => new() { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>The keys the host wrote: the Ministry's, and the agency's own (each sees only its calls).</summary>
    private static (string Ministry, string Agency) Keys(Dictionary<string, string?> settings, string agencyId)
    {
        var folder = Path.Combine(settings["LocalHost:DataDirectory"]!, LocalPipelineHost.StaffKeysFolder);
        return (File.ReadAllText(Path.Combine(folder, "ministry.txt")).Trim(), File.ReadAllText(Path.Combine(folder, agencyId + ".txt")).Trim());
    }

    /// <summary>One GET with a staff key, read to the end: its time, its size, and the body when asked for.</summary>
    private static async Task<(double Ms, long Bytes, byte[]? Body)> GetAsync(HttpClient client, string path, string key, bool keepBody = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GetOnceAsync(client, path, key, keepBody);
            }
            catch (ServerErrorException e) when (attempt < 3)
            {
                // Recorded and reported with the figures: a measurement that needed a second try is not a clean one.
                ServerErrors.Add($"{path}: {e.Message.Split(Environment.NewLine)[0]}");
                Console.Error.WriteLine($"  {path} answered {e.Message}; trying again");
            }
        }
    }

    /// <summary>The 5xx answers the measurement met and tried again, each with the host's exception.</summary>
    public static List<string> ServerErrors { get; } = [];

    private sealed class ServerErrorException(string message) : Exception(message);

    private static async Task<(double Ms, long Bytes, byte[]? Body)> GetOnceAsync(HttpClient client, string path, string key, bool keepBody)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-staff-key", key);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if ((int)response.StatusCode >= 500)
        {
            var exception = current?.Output.Reverse().FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal))?.Trim() ?? "";
            throw new ServerErrorException($"{(int)response.StatusCode} ({exception})");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}The host's last output:{Environment.NewLine}{string.Join(Environment.NewLine, current?.Output.TakeLast(60) ?? [])}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync();
        using var kept = keepBody ? new MemoryStream() : null;
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            kept?.Write(buffer, 0, read);
        }

        return (clock.Elapsed.TotalMilliseconds, bytes, kept?.ToArray());
    }

    private static async Task<double> MedianAsync(HttpClient client, string path, string key, int repeats)
    {
        await GetAsync(client, path, key);
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            times.Add((await GetAsync(client, path, key)).Ms);
        }

        return LatencyStats.Median(times);
    }

    /// <summary>
    /// The view's duplicate groups against what was planted: a planted pair is found when one group holds both rows
    /// (a tax code one by a group of a tax-code kind); a group holding no planted pair was not planted.
    /// </summary>
    private static (Dictionary<string, int> ByKind, int TaxCodes, int SimilarNames, int NotPlanted) Match(JsonElement view, NationalCall country)
    {
        var groups = view.GetProperty("duplicates").EnumerateArray()
            .Select(d => (Kind: d.GetProperty("kind").GetString() ?? "", Rows: d.GetProperty("proposals").EnumerateArray()
                .Select(p => (p.GetProperty("callId").GetString()!, p.GetProperty("submissionId").GetString()!)).ToHashSet()))
            .ToList();
        (string, string) Key(int agency, int row) => (NationalCall.CallId(agency), country.Row(agency, row).RowKey);
        var pairs = country.Planted.Select(p => (p.Kind, A: Key(p.Agency, p.Row), B: Key(p.SourceAgency, p.SourceRow))).ToList();
        bool Holds((string Kind, HashSet<(string, string)> Rows) g, (string Kind, (string, string) A, (string, string) B) p) =>
            g.Rows.Contains(p.A) && g.Rows.Contains(p.B) && (p.Kind != "tax-code" || g.Kind.Contains("tax-code", StringComparison.Ordinal));
        return (
            groups.GroupBy(g => g.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            pairs.Count(p => p.Kind == "tax-code" && groups.Any(g => Holds(g, p))),
            pairs.Count(p => p.Kind == "similar-name" && groups.Any(g => Holds(g, p))),
            groups.Count(g => !pairs.Any(p => Holds(g, p))));
    }
}
