using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Proposals.Bench;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

// The benchmarks of issue 7 (and the parts later issues added). Full: `dotnet run -c Release --project bench/Proposals.Bench` (writes
// bench/RESULTS.md); smoke: `... -- --smoke` (seconds; exit code 1 on any error).
if (args.Length > 0 && args[0] == CloseoutChild.Flag)
{
    return await CloseoutChild.RunAsync(args);
}

var smoke = args.Contains("--smoke");
var total = Stopwatch.StartNew();
var plan = smoke
    ? new Plan([4], TimeSpan.FromSeconds(2), 10, 5, [200], [100], 1, [200], 3, 5, 5, 3, 50)
    : new Plan([8, 32, 128], TimeSpan.FromSeconds(15), 200, 20, [1_000, 10_000, 100_000], [1_000, 10_000], 3, [1_000, 10_000, 100_000], 20, 100, 5, 34, 3_000);
// `--national=34x3000` sets the national part's size (agencies × submissions each).
if (args.FirstOrDefault(a => a.StartsWith("--national=", StringComparison.Ordinal)) is { } national)
{
    var size = national["--national=".Length..].Split('x');
    plan = plan with { NationalAgencies = int.Parse(size[0], CultureInfo.InvariantCulture), NationalPerAgency = int.Parse(size[1], CultureInfo.InvariantCulture) };
}

// `--clients=32` runs only that intake level (a profile or a re-measure of one level).
if (args.FirstOrDefault(a => a.StartsWith("--clients=", StringComparison.Ordinal)) is { } level)
{
    plan = plan with { Clients = [int.Parse(level["--clients=".Length..], CultureInfo.InvariantCulture)] };
}

var parts = args.Where(a => a.StartsWith("--only=", StringComparison.Ordinal)).Select(a => a["--only=".Length..]).ToHashSet(StringComparer.Ordinal);
bool Runs(string part) => parts.Count == 0 || parts.Contains(part);
var report = new Report(smoke);
var failures = new List<string>();

await using var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
var connection = azurite.ConnectionString;
var payload = new BenchPayload();
Console.WriteLine($"Azurite up; payload PDF {payload.Pdf.Length / 1024} KB, DOCX {payload.Docx.Length / 1024} KB");

// ---- The local host, a process of its own, intake limits off (the bench is one client address).
var hostData = Path.Combine(azurite.DataDirectory, "host");
var settings = new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = connection,
    ["LocalHost:DataDirectory"] = hostData,
    ["Staff:ApiKey"] = RunningLocalHost.StaffKey,
    ["RateLimits:IntakePerMinute"] = "0",
    ["RateLimits:StatusPerMinute"] = "0",
    ["RateLimits:StaffPerMinute"] = "0",
    ["Logging:LogLevel:Default"] = "Warning",
};
foreach (var call in plan.StaffSizes.Select(StaffQueries.CallId).Prepend("bench-rush").Prepend("bench-e2e").Prepend(CostBench.CallId))
{
    foreach (var (key, value) in TestCalls.Settings(call, DateTimeOffset.UtcNow.AddDays(30)))
    {
        settings[key] = value;
    }
}

if (Runs("e2e") || Runs("intake"))
{
    await using var host = LocalHostProcess.Start(settings);
    await host.WaitUntilReadyAsync("/api/calls/bench-rush");
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    using var client = new HttpClient(handler) { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    // ---- 2. End to end first, while the host has no backlog.
    if (Runs("e2e"))
    {
    Console.WriteLine($"End to end: {plan.EndToEndCount} submissions at {plan.EndToEndPerSecond}/s ...");
    var e2e = await EndToEnd.RunAsync(client, connection, "bench-e2e", Path.Combine(hostData, "outbox"), payload,
        plan.EndToEndCount, plan.EndToEndPerSecond, TimeSpan.FromSeconds(30));
    report.EndToEnd = e2e;
    if (e2e.Errors > 0)
    {
        failures.Add($"end to end: {e2e.Errors} submissions not accepted");
    }
    }

    // ---- 1. Intake against the baseline, level by level, repeated. Before each baseline the pipeline
    // drains what intake accepted, so the baseline has Azurite to itself and the intake starts level.
    var container = new BlobContainerClient(connection, "bench-baseline");
    await container.CreateIfNotExistsAsync();
    var accepted = 0;
    foreach (var clients in Runs("intake") ? plan.Clients : [])
    {
        for (var repeat = 1; repeat <= plan.Repeats; repeat++)
        {
            var drained = await DrainAsync(connection, "bench-rush", accepted, TimeSpan.FromSeconds(smoke ? 10 : 180));
            report.DrainSeconds.Add(drained.TotalSeconds);
            Console.WriteLine($"Baseline, {clients} clients, repeat {repeat} (pipeline drained {accepted} in {drained.TotalSeconds:0.0} s) ...");
            var baseline = await IntakeLoad.RunAsync("baseline", clients, plan.LoadDuration, IntakeLoad.Baseline(container, payload));
            Console.WriteLine($"Intake, {clients} clients, repeat {repeat} ...");
            var intake = await IntakeLoad.RunAsync("intake", clients, plan.LoadDuration, IntakeLoad.Intake(client, "bench-rush", payload));
            accepted += intake.Completed;
            report.Load.Add((baseline, intake));
            Console.WriteLine($"  {intake.PerSecond:0.0} req/s (p99 {LatencyStats.Ms(intake.Latency.P99)} ms) vs {baseline.PerSecond:0.0} (p99 {LatencyStats.Ms(baseline.Latency.P99)} ms)");
            if (intake.Errors + baseline.Errors > 0)
            {
                failures.Add($"load at {clients}: intake errors {Describe(intake.ErrorKinds)}, baseline errors {Describe(baseline.ErrorKinds)}");
            }
        }
    }
}

// ---- 8. The cost of one classified submission (issue 23): host CPU and storage requests, in a host of its own
// with the request counter attached, so the other parts measure the host as it ships.
if (Runs("cost"))
{
    Console.WriteLine($"Cost: {plan.CostSubmissions} submissions at {plan.CostPerSecond}/s, {plan.Repeats} repeats ...");
    report.Cost = await CostBench.MeasureAsync(settings, Path.Combine(azurite.DataDirectory, "cost-host"), payload,
        plan.CostSubmissions, plan.CostPerSecond, TimeSpan.FromSeconds(smoke ? 2 : 10), plan.Repeats);
    report.CostStages = await CostBench.MeasureStagesAsync(azurite, payload);
}

// ---- 3. Closeout scaling: rows seeded straight into the table, the closeout in a child process.
foreach (var rows in Runs("closeout") ? plan.CloseoutSizes : [])
{
    var callId = string.Create(CultureInfo.InvariantCulture, $"bench-close-{rows}");
    var seed = Stopwatch.StartNew();
    await SyntheticCall.SeedRowsAsync(connection, callId, "NAT", rows);
    Console.WriteLine($"Seeded {rows} classified rows in {seed.Elapsed.TotalSeconds:0.0} s; closing out ...");
    var runs = new List<CloseoutMeasurement>();
    for (var run = 0; run < (rows >= 100_000 && !smoke ? Math.Min(plan.Repeats, 2) : plan.Repeats); run++)
    {
        // Each repeat closes a call of its own over the same rows: a closed call is never written twice.
        await ResetReportsAsync(connection, callId);
        runs.Add(await CloseoutChild.MeasureAsync("report", connection, callId, "NAT", rows));
        Console.WriteLine($"  {runs[^1].Seconds:0.0} s, peak {runs[^1].PeakMegabytes:0} MB ({runs[^1].Outcome})");
    }

    report.Closeout.Add((rows, seed.Elapsed.TotalSeconds, runs));
}

foreach (var rows in Runs("zip") ? plan.ArchiveSizes : [])
{
    var callId = string.Create(CultureInfo.InvariantCulture, $"bench-zip-{rows}");
    var seed = Stopwatch.StartNew();
    await SyntheticCall.SeedRowsAsync(connection, callId, "ZIP", rows);
    await SyntheticCall.SeedDocumentsAsync(connection, callId, "ZIP", rows);
    Console.WriteLine($"Seeded {rows} rows and {2 * rows} small documents in {seed.Elapsed.TotalSeconds:0.0} s; archiving ...");
    var runs = new List<CloseoutMeasurement>();
    for (var run = 0; run < plan.Repeats; run++)
    {
        await ResetReportsAsync(connection, callId);
        runs.Add(await CloseoutChild.MeasureAsync("zip", connection, callId, "ZIP", rows));
        Console.WriteLine($"  {runs[^1].Seconds:0.0} s, peak {runs[^1].PeakMegabytes:0} MB ({runs[^1].Outcome})");
    }

    report.Archive.Add((rows, seed.Elapsed.TotalSeconds, runs));
}

// ---- 5. Staff queries (issue 13): a host of its own per size, the sweep off (it would load the list first).
foreach (var rows in Runs("staff") ? plan.StaffSizes : [])
{
    var staffSettings = new Dictionary<string, string?>(settings)
    {
        ["LocalHost:DataDirectory"] = Path.Combine(azurite.DataDirectory, "staff-host"),
        ["LocalHost:ReceivedSweepInterval"] = "01:00:00",
    };
    Console.WriteLine($"Staff queries, {rows} submissions ...");
    var measured = await StaffQueries.MeasureAsync(connection, staffSettings, payload, rows, plan.StaffRepeats);
    report.Staff.Add(measured);
    Console.WriteLine($"  seeded in {measured.SeedSeconds:0} s; first page {measured.FirstPageMedianMs:0.0} ms, search {measured.SearchMedianMs:0.0} ms, overview {measured.OverviewMedianMs:0.0} ms; cold {measured.ColdScanMs:0} / {measured.ColdCheckpointMs:0} ms; duplicates {measured.Duplicates}");
    if (measured.Duplicates > 0 || measured.VisibleAfterClassifiedMs is null)
    {
        failures.Add($"staff at {rows}: {measured.Duplicates} rows seen twice while paging; new submission visible: {measured.VisibleAfterClassifiedMs?.ToString("0", CultureInfo.InvariantCulture) ?? "never"}");
    }
}

// ---- 6. Intake's deep document checks at the 10 MB limit, and what they save the validate stage (issue 17).
if (Runs("documents"))
{
    Console.WriteLine("Document checks at 10 MB ...");
    var measured = await DocumentChecksBench.MeasureAsync(azurite, smoke ? 2 : 10);
    report.Documents = measured;
    Console.WriteLine($"  PDF {LatencyStats.Median(measured.PdfCheckMs):0} ms, DOCX {LatencyStats.Median(measured.DocxCheckMs):0} ms, intake {LatencyStats.Median(measured.IntakeMs):0} ms; validate {measured.ValidateRequestsNow} requests (was {measured.ValidateRequestsBefore})");
}

// ---- 7. The safe copies staff open, at the 10 MB limit (issue 21).
if (Runs("safecopy"))
{
    Console.WriteLine("Safe copies at 10 MB ...");
    var measured = SafeCopyBench.Measure(smoke ? 1 : 5, BenchPayload.LargeDocx(DocumentChecksBench.DocumentBytes));
    report.SafeCopies = measured;
    Console.WriteLine($"  PDF {measured.Pages} pages: {LatencyStats.Median(measured.PdfCopyMs):0} ms ({LatencyStats.Median(measured.PdfCopyMs) / measured.Pages:0.0} ms a page), DOCX {LatencyStats.Median(measured.DocxCopyMs):0} ms");
}

// ---- 9. The national view of a programme over every agency's call (issue 24): a host of its own over a folder of
// call files, none of the bench's other calls.
if (Runs("national"))
{
    var rows = plan.NationalAgencies * plan.NationalPerAgency;
    Console.WriteLine($"National view: {plan.NationalAgencies} agencies × {plan.NationalPerAgency:N0} submissions ...");
    var basics = settings.Where(s => !s.Key.StartsWith("Calls:", StringComparison.Ordinal) && !s.Key.StartsWith("Agencies:", StringComparison.Ordinal))
        .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
    var measured = await NationalBench.MeasureAsync(connection, azurite.RepositoryRootPath, azurite.DataDirectory, basics,
        plan.NationalAgencies, plan.NationalPerAgency, rows, smoke ? 3 : 5, smoke ? 2 : 3);
    report.National = measured;
    Console.WriteLine($"  view: first ever {measured.ViewFirstEverMs:0} ms, new instance {measured.ViewNewInstanceMs:0} ms, warm {measured.ViewWarmMs:0} ms; workbook {measured.WorkbookMedianMs:0} ms ({measured.WorkbookBytes / 1048576.0:0.0} MB), host peak {measured.HostPeakMb:0} MB; agency list alone {measured.AgencyListAloneMs:0.0} ms, all loaded {measured.AgencyListLoadedMs:0.0} ms");
    Console.WriteLine($"  duplicates: planted {measured.PlantedTaxCodes} tax codes, found {measured.TaxCodesFound}; planted {measured.PlantedSimilarNames} similar names, found {measured.SimilarNamesFound}; groups {Describe(measured.GroupsByKind)}, {measured.GroupsNotPlanted} not planted");
    if (measured.TaxCodesFound < measured.PlantedTaxCodes)
    {
        failures.Add($"national: {measured.PlantedTaxCodes - measured.TaxCodesFound} of {measured.PlantedTaxCodes} planted cross-agency tax codes not among the view's duplicates");
    }
}

// ---- 4. The deployment package (issue 12): what a cold Flex instance downloads and unpacks. The smoke
// run publishes only what ships, so a broken publish fails CI.
if (Runs("package"))
{
    var packages = new BlobContainerClient(connection, "bench-packages");
    await packages.CreateIfNotExistsAsync();
    foreach (var variant in smoke ? ["linux-x64"] : new[] { "portable", "linux-x64" })
    {
        Console.WriteLine($"Deployment package, {variant}: publishing ...");
        var measured = await DeploymentPackage.MeasureAsync(azurite.RepositoryRootPath, variant, packages, plan.Repeats);
        report.Packages.Add(measured);
        Console.WriteLine($"  {measured.Bytes / 1048576.0:0} MB in {measured.Files} files, zip {measured.ZipBytes / 1048576.0:0} MB, fetch + unpack {LatencyStats.Median(measured.FetchAndUnpackSeconds):0.00} s");
    }
}

report.TotalSeconds = total.Elapsed.TotalSeconds;
var markdown = report.Markdown(string.Join(' ', args));
Console.WriteLine();
Console.WriteLine(markdown);
{
    var path = Path.Combine(azurite.RepositoryRootPath, "bench", smoke ? "RESULTS.smoke.md" : "RESULTS.generated.md");
    await File.WriteAllTextAsync(path, markdown, new UTF8Encoding(false));
    Console.WriteLine($"Written to {path}");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine("FAILED: " + failure);
}

Console.WriteLine($"Bench finished in {total.Elapsed.TotalSeconds:0.0} s, {failures.Count} failures.");
return failures.Count == 0 ? 0 : 1;

static string Describe(IReadOnlyDictionary<string, int> kinds) =>
    kinds.Count == 0 ? "none" : string.Join(", ", kinds.Select(k => $"{k.Key} ×{k.Value}"));

// Waits until every accepted submission of the call has left the pipeline (or the cap passes).
static async Task<TimeSpan> DrainAsync(string connection, string callId, int accepted, TimeSpan cap)
{
    var table = new TableClient(connection, StorageNames.SubmissionsTable);
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < cap)
    {
        var done = 0;
        await foreach (var row in table.QueryAsync<SubmissionRecord>(SubmissionStore.RowsOf(callId), select: ["ClassifiedAtUtc"]))
        {
            done += row.ClassifiedAtUtc is null ? 0 : 1;
        }

        if (done >= accepted)
        {
            break;
        }

        await Task.Delay(1000);
    }

    return clock.Elapsed;
}

// Removes the call's closeout records and report files so the next repeat writes revision 1 again.
static async Task ResetReportsAsync(string connection, string callId)
{
    var runs = new TableClient(connection, StorageNames.CloseoutRunsTable);
    await runs.CreateIfNotExistsAsync();
    await foreach (var row in runs.QueryAsync<TableEntity>(r => r.PartitionKey == callId))
    {
        await runs.DeleteEntityAsync(row.PartitionKey, row.RowKey);
    }

    var reports = new BlobContainerClient(connection, StorageNames.ReportsContainer);
    await reports.CreateIfNotExistsAsync();
    await foreach (var blob in reports.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, callId + "/", CancellationToken.None))
    {
        await reports.DeleteBlobIfExistsAsync(blob.Name);
    }
}

namespace Proposals.Bench
{
    /// <summary>Sizes of one bench run.</summary>
    internal sealed record Plan(
        int[] Clients, TimeSpan LoadDuration, int EndToEndCount, double EndToEndPerSecond, int[] CloseoutSizes, int[] ArchiveSizes, int Repeats,
        int[] StaffSizes, int StaffRepeats, int CostSubmissions, double CostPerSecond, int NationalAgencies, int NationalPerAgency);
}
