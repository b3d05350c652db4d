using System.Globalization;
using System.Text;

namespace Proposals.Bench;

/// <summary>The figures of one run as the Markdown tables printed and written to <c>bench/RESULTS.generated.md</c>.</summary>
internal sealed class Report(bool smoke)
{
    public EndToEndResult? EndToEnd { get; set; }

    public List<(LoadResult Baseline, LoadResult Intake)> Load { get; } = [];

    public List<double> DrainSeconds { get; } = [];

    public List<(int Rows, double SeedSeconds, List<CloseoutMeasurement> Runs)> Closeout { get; } = [];

    public List<(int Rows, double SeedSeconds, List<CloseoutMeasurement> Runs)> Archive { get; } = [];

    public List<PackageMeasurement> Packages { get; } = [];

    public List<StaffMeasurement> Staff { get; } = [];

    public DocumentCheckMeasurement? Documents { get; set; }

    public SafeCopyMeasurement? SafeCopies { get; set; }

    public List<CostRun>? Cost { get; set; }

    public List<(string Stage, List<Proposals.Pipeline.Storage.StorageRequestTally> Requests)>? CostStages { get; set; }

    public NationalMeasurement? National { get; set; }

    public double TotalSeconds { get; set; }

    public string Markdown(string arguments)
    {
        var md = new StringBuilder();
        void Line(string text) => md.Append(text).Append('\n');
        var inv = CultureInfo.InvariantCulture;
        Line($"## Run of {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)} UTC{(smoke ? " (smoke)" : "")}");
        Line("");
        Line($"Command: `dotnet run -c Release --project bench/Proposals.Bench{(arguments.Length > 0 ? " -- " + arguments : "")}`; " +
             $"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}; whole run {TotalSeconds.ToString("0", inv)} s.");
        Line("");
        Line("### 1. Intake vs. baseline (closed loop, each level for a fixed time, repeated; medians over the repeats)");
        Line("");
        Line("| clients | what | req/s | each repeat req/s | p50 ms | p95 ms | p99 ms | max ms | ok | errors | intake / baseline |");
        Line("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var level in Load.GroupBy(pair => pair.Intake.Clients))
        {
            var pairs = level.ToList();
            foreach (var side in new[] { "baseline", "intake" })
            {
                var runs = pairs.Select(pair => side == "baseline" ? pair.Baseline : pair.Intake).ToList();
                double Median(Func<LoadResult, double> of) => LatencyStats.Median(runs.Select(of));
                var ratio = side == "intake" ? LatencyStats.Median(pairs.Select(p => p.Intake.PerSecond / p.Baseline.PerSecond)).ToString("0.00", inv) : "";
                Line(string.Create(inv, $"| {level.Key} | {side} | {Median(r => r.PerSecond):0.0} | {string.Join(", ", runs.Select(r => r.PerSecond.ToString("0.0", inv)))} | {LatencyStats.Ms(Median(r => r.Latency.P50))} | {LatencyStats.Ms(Median(r => r.Latency.P95))} | {LatencyStats.Ms(Median(r => r.Latency.P99))} | {LatencyStats.Ms(runs.Max(r => r.Latency.Max))} | {runs.Sum(r => r.Completed)} | {runs.Sum(r => r.Errors)} | {ratio} |"));
            }
        }

        Line("");
        Line("Ratio: the median of each repeat's intake req/s over the baseline's just before it. Max: the largest of the repeats.");
        Line($"Pipeline drain before each baseline (s): {string.Join(", ", DrainSeconds.Select(d => d.ToString("0.0", inv)))}");
        Line("");
        if (EndToEnd is { } e)
        {
            Line("### 2. End to end (submit at a steady rate; times recorded by the pipeline)");
            Line("");
            Line("| path | n | p50 ms | p95 ms | p99 ms | max ms |");
            Line("|---|---:|---:|---:|---:|---:|");
            Line($"| POST → classified | {e.Classified} | {LatencyStats.Ms(e.ToClassified.P50)} | {LatencyStats.Ms(e.ToClassified.P95)} | {LatencyStats.Ms(e.ToClassified.P99)} | {LatencyStats.Ms(e.ToClassified.Max)} |");
            Line($"| POST → receipt .eml | {e.Emailed} | {LatencyStats.Ms(e.ToEmail.P50)} | {LatencyStats.Ms(e.ToEmail.P95)} | {LatencyStats.Ms(e.ToEmail.P99)} | {LatencyStats.Ms(e.ToEmail.Max)} |");
            Line($"{Proposals.Bench.EndToEnd.Describe(e)}; POST errors: {e.Errors}.");
            Line("");
        }

        Line("### 3. Closeout (XLSX + DOCX + manifest, reconcile and snapshot included; child process)");
        Line("");
        Line("| submissions | seed s | runs | median s | each run s | peak RSS MB (max) | × time of previous size |");
        Line("|---:|---:|---:|---:|---|---:|---:|");
        double? previous = null;
        foreach (var (rows, seed, runs) in Closeout)
        {
            var median = LatencyStats.Median(runs.Select(r => r.Seconds));
            var factor = previous is { } p ? (median / p).ToString("0.0", inv) : "";
            Line(string.Create(inv, $"| {rows:N0} | {seed:0} | {runs.Count} | {median:0.00} | {string.Join(", ", runs.Select(r => r.Seconds.ToString("0.00", inv)))} | {runs.Max(r => r.PeakMegabytes):0} | {factor} |"));
            previous = median;
        }

        Line("");
        Line("### 3b. Attachments ZIP (small documents, 3 KB + 2 KB per submission; child process)");
        Line("");
        Line("| submissions | seed s (rows + 2 blobs each) | runs | median s | peak RSS MB (max) |");
        Line("|---:|---:|---:|---:|---:|");
        foreach (var (rows, seed, runs) in Archive)
        {
            Line(string.Create(inv, $"| {rows:N0} | {seed:0} | {runs.Count} | {LatencyStats.Median(runs.Select(r => r.Seconds)):0.00} | {runs.Max(r => r.PeakMegabytes):0} |"));
        }

        Line("");
        Line("### 5. Staff queries (HTTP through the local host; warm figures are medians of repeated requests)");
        Line("");
        Line("| submissions | seed s | first request, no checkpoint (scan) ms | first request of a new instance (checkpoint) ms | first page of 50, default order ms | slowest order ms | folded search ms | overview ms | new submission listed after classified ms | paged rows | seen twice | arrived while paging |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in Staff)
        {
            Line(string.Create(inv, $"| {m.Rows:N0} | {m.SeedSeconds:0} | {m.ColdScanMs:0} | {m.ColdCheckpointMs:0} | {m.FirstPageMedianMs:0.0} | {m.FirstPageWorstSortMs:0.0} ({m.WorstSort}) | {m.SearchMedianMs:0.0} | {m.OverviewMedianMs:0.0} | {(m.VisibleAfterClassifiedMs is { } v ? v.ToString("0", inv) : "never")} | {m.PagedRows:N0} | {m.Duplicates} | {m.ArrivedWhilePaging} |"));
        }

        Line("");
        Line("### 4. Deployment package (`dotnet publish -c Release` of the Functions app; zipped; fetched from Azurite and unpacked, as a cold Flex instance does)");
        Line("");
        Line("| variant | published MB | files | zip MB | publish s | fetch + unpack s (median) | each run s |");
        Line("|---|---:|---:|---:|---:|---:|---|");
        foreach (var p in Packages)
        {
            Line(string.Create(inv, $"| {p.Variant} | {p.Bytes / 1048576.0:0.0} | {p.Files} | {p.ZipBytes / 1048576.0:0.0} | {p.PublishSeconds:0} | {LatencyStats.Median(p.FetchAndUnpackSeconds):0.00} | {string.Join(", ", p.FetchAndUnpackSeconds.Select(s => s.ToString("0.00", inv)))} |"));
        }

        if (Documents is { } d)
        {
            Line("");
            Line("### 6. Deep document checks at intake, 10 MB each (in process over Azurite; medians)");
            Line("");
            Line("| what | median ms | each run ms |");
            Line("|---|---:|---|");
            Line(string.Create(inv, $"| PDF ({d.PdfBytes / 1048576.0:0.0} MB): parse + active-content scan | {LatencyStats.Median(d.PdfCheckMs):0.0} | {string.Join(", ", d.PdfCheckMs.Select(m => m.ToString("0", inv)))} |"));
            Line(string.Create(inv, $"| DOCX ({d.DocxBytes / 1048576.0:0.0} MB): parts, content types, relationships + open as Word | {LatencyStats.Median(d.DocxCheckMs):0.0} | {string.Join(", ", d.DocxCheckMs.Select(m => m.ToString("0", inv)))} |"));
            Line(string.Create(inv, $"| whole intake (checks, 2 uploads, row, submission.json) | {LatencyStats.Median(d.IntakeMs):0.0} | {string.Join(", ", d.IntakeMs.Select(m => m.ToString("0", inv)))} |"));
            Line("");
            Line("| validate stage, one submission | storage requests | bytes received |");
            Line("|---|---:|---:|");
            Line(string.Create(inv, $"| checked at intake (now) | {d.ValidateRequestsNow} | {d.ValidateDownloadedNow:N0} |"));
            Line(string.Create(inv, $"| not checked at intake (before issue 17, and other paths) | {d.ValidateRequestsBefore} | {d.ValidateDownloadedBefore:N0} |"));
        }

        if (SafeCopies is { } c)
        {
            Line("");
            Line(string.Create(inv, $"### 7. Safe copies at the 10 MB limit (in process; medians of the runs)"));
            Line("");
            Line("| what | median ms | ms a page | each run ms | allocated a run | copy size |");
            Line("|---|---:|---:|---|---:|---:|");
            Line(string.Create(inv, $"| PDF check of the scan ({c.PdfBytes / 1048576.0:0.0} MB, {c.Pages} pages of 150 dpi JPEG) | {LatencyStats.Median(c.PdfInspectMs):0.0} | {LatencyStats.Median(c.PdfInspectMs) / c.Pages:0.0} | {string.Join(", ", c.PdfInspectMs.Select(m => m.ToString("0", inv)))} | | |"));
            Line(string.Create(inv, $"| PDF safe copy (PDFsharp reconstruction) | {LatencyStats.Median(c.PdfCopyMs):0.0} | {LatencyStats.Median(c.PdfCopyMs) / c.Pages:0.0} | {string.Join(", ", c.PdfCopyMs.Select(m => m.ToString("0", inv)))} | {c.PdfCopyAllocatedBytes / 1048576.0:0} MB ({c.PdfCopyAllocatedBytes / 1048576.0 / c.Pages:0.0} MB a page) | {c.PdfCopyBytes / 1048576.0:0.0} MB |"));
            Line(string.Create(inv, $"| DOCX safe copy ({c.DocxBytes / 1048576.0:0.0} MB; text and tables) | {LatencyStats.Median(c.DocxCopyMs):0.0} | | {string.Join(", ", c.DocxCopyMs.Select(m => m.ToString("0", inv)))} | {c.DocxCopyAllocatedBytes / 1048576.0:0} MB | {c.DocxCopyBytes / 1024.0:0} KB |"));
            Line("");
            Line(string.Create(inv, $"Peak working set grew by {c.PdfCopyPeakWorkingSetGrowth / 1048576.0:0} MB during the PDF copies."));
        }

        if (National is { } n)
        {
            md.Append(NationalMarkdown(n));
        }

        if (Cost is { Count: > 0 } cost)
        {
            Line("");
            md.Append(CostBench.Markdown(cost));
            if (CostStages is { } stages)
            {
                md.Append(CostBench.StagesMarkdown(stages));
            }
        }

        return md.ToString();
    }

    /// <summary>Issue 24's national view: the table and what it is measured against.</summary>
    public static string NationalMarkdown(NationalMeasurement n)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text) => md.Append(text).Append('\n');
        var single = n.SingleWorkbook;
        var singleMedian = LatencyStats.Median(single.Select(r => r.Seconds));
        var singleSnapshot = LatencyStats.Median(single.Select(r => r.SnapshotSeconds ?? 0));
        var rows = n.Agencies * n.PerAgency;
        Line("");
        Line(string.Create(inv, $"### 9. National view (issue 24): {n.Agencies} agencies × {n.PerAgency:N0} submissions = {rows:N0}, one programme (HTTP through the local host, the Ministry's key)"));
        Line("");
        Line("| measure | figure | target |");
        Line("|---|---:|---|");
        Line(string.Create(inv, $"| seed {rows:N0} rows into {n.Agencies} calls | {n.SeedSeconds:0} s | |"));
        Line(string.Create(inv, $"| national view, first request ever (scans {n.Agencies} calls) | {n.ViewFirstEverMs:N0} ms | |"));
        Line(string.Create(inv, $"| national view, first request of a new instance ({n.Agencies} checkpoints) | {n.ViewNewInstanceMs:N0} ms | |"));
        Line(string.Create(inv, $"| national view, warm (median) | {n.ViewWarmMs:N0} ms ({n.ViewBytes / 1024.0:N0} KB) | |"));
        Line(string.Create(inv, $"| national workbook, first / median of the rest | {n.WorkbookFirstMs / 1000:0.0} s / {n.WorkbookMedianMs / 1000:0.0} s ({n.WorkbookBytes / 1048576.0:0.0} MB) | < 2 × the call workbook |"));
        Line(string.Create(inv, $"| call workbook of one call of {n.SingleRows:N0} rows (child process: snapshot + XLSX), median of {single.Count} | {singleMedian:0.0} s (snapshot {singleSnapshot:0.0} s), peak {single.Max(r => r.PeakMegabytes):0} MB, {(single[0].Bytes ?? 0) / 1048576.0:0.0} MB | |"));
        Line(string.Create(inv, $"| national workbook ÷ call workbook | {n.WorkbookMedianMs / 1000 / singleMedian:0.00} × | < 2 × |"));
        Line(string.Create(inv, $"| host peak resident set (VmHWM): after the view / after the workbooks | {n.HostPeakBeforeWorkbookMb:0} MB / {n.HostPeakMb:0} MB | < 512 MB |"));
        Line(string.Create(inv, $"| one agency's staff list, first page of 50, default order: only its call loaded (median) | {n.AgencyListAloneMs:0.0} ms (first request, a scan: {n.AgencyListFirstMs:0} ms) | |"));
        Line(string.Create(inv, $"| the same, all {n.Agencies} calls loaded (median) | {n.AgencyListLoadedMs:0.0} ms | unchanged |"));
        Line("");
        Line(string.Create(inv, $"Task names: {n.SampledPairs:N0} random pairs of rows of two agencies share a median {n.MedianWordShare:P0} of their words (at most {n.MaxWordShare:P0}); {n.SampledSimilar} of them similar under the duplicate rule. "
            + $"Planted: {n.PlantedTaxCodes} rows with another agency's row's tax code, found {n.TaxCodesFound}; {n.PlantedSimilarNames} with another agency's row's task name, one word changed, found {n.SimilarNamesFound}. "
            + $"The view's duplicate groups: {(n.GroupsByKind.Count == 0 ? "none" : string.Join(", ", n.GroupsByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value:N0}")))}; {n.GroupsNotPlanted:N0} of them hold no planted pair."));
        if (NationalBench.ServerErrors.Count > 0)
        {
            Line("");
            Line($"Answers of 5xx met and tried again ({NationalBench.ServerErrors.Count}): {string.Join("; ", NationalBench.ServerErrors)}.");
        }

        return md.ToString();
    }
}
