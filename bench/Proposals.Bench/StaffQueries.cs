using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Bench;

/// <summary>The staff queries of one call size, measured through the local host's HTTP API.</summary>
internal sealed record StaffMeasurement(
    int Rows,
    double SeedSeconds,
    double ColdScanMs,
    double ColdCheckpointMs,
    double FirstPageMedianMs,
    double FirstPageWorstSortMs,
    string WorstSort,
    double SearchMedianMs,
    double OverviewMedianMs,
    double? VisibleAfterClassifiedMs,
    int PagedRows,
    int Duplicates,
    int ArrivedWhilePaging);

/// <summary>
/// Issue 13's targets: a page, a folded search and the overview of a call at 1,000, 10,000 and 100,000
/// submissions, warm (medians of repeated requests), the first request of an instance (a scan of the
/// table the first time ever, the checkpoint after that), how soon a newly classified submission shows,
/// and that paging while submissions arrive yields every row once.
/// </summary>
internal static class StaffQueries
{
    public static string CallId(int rows) => string.Create(CultureInfo.InvariantCulture, $"bench-staff-{rows}");

    public static async Task<StaffMeasurement> MeasureAsync(
        string connection, IDictionary<string, string?> hostSettings, BenchPayload payload, int rows, int repeats)
    {
        var callId = CallId(rows);
        var seed = Stopwatch.StartNew();
        await SyntheticCall.SeedRowsAsync(connection, callId, "STF" + rows, rows);
        seed.Stop();

        double coldScan, coldCheckpoint;
        await using (var first = await StartHostAsync(hostSettings))
        {
            using var patient = new HttpClient { BaseAddress = first.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            coldScan = await TimeAsync(patient, Page(callId, "receiptNumber")); // the first listing ever: a scan
            await WaitForCheckpointAsync(connection, callId);
        }

        await using var host = await StartHostAsync(hostSettings);
        using (var patient = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) })
        {
            coldCheckpoint = await TimeAsync(patient, Page(callId, "receiptNumber"));
        }

        var perSort = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sort in StaffSorts.All)
        {
            perSort[sort] = await MedianAsync(host.Client, Page(callId, sort), repeats);
        }

        var search = await MedianAsync(host.Client, $"/api/staff/calls/{callId}/submissions?pageSize=50&q=hai%20phong&sort=enterpriseName", repeats);
        var overview = await MedianAsync(host.Client, $"/api/staff/calls/{callId}/overview", repeats);
        var visible = await VisibleAfterClassifiedAsync(host.Client, connection, callId, payload);
        var (paged, duplicates, arrived) = await PageWhileArrivingAsync(host.Client, callId, payload);
        var worst = perSort.MaxBy(p => p.Value);
        return new StaffMeasurement(
            rows, seed.Elapsed.TotalSeconds, coldScan, coldCheckpoint, perSort["receiptNumber"], worst.Value, worst.Key,
            search, overview, visible, paged, duplicates, arrived);
    }

    private static string Page(string callId, string sort) => $"/api/staff/calls/{callId}/submissions?pageSize=50&sort={sort}";

    private static async Task<LocalHostProcess> StartHostAsync(IDictionary<string, string?> settings)
    {
        var host = LocalHostProcess.Start(settings);
        await host.WaitUntilReadyAsync("/api/calls/demo");
        return host;
    }

    private static async Task<HttpResponseMessage> StaffGetAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<double> TimeAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await StaffGetAsync(client, path);
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> MedianAsync(HttpClient client, string path, int repeats)
    {
        await TimeAsync(client, path); // the first builds the order the path asks for; from then on it is kept
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            times.Add(await TimeAsync(client, path));
        }

        return LatencyStats.Median(times);
    }

    /// <summary>Waits (up to a minute) until the call's staff list has a checkpoint.</summary>
    internal static async Task WaitForCheckpointAsync(string connection, string callId)
    {
        var blob = new Azure.Storage.Blobs.BlobClient(connection, StorageNames.StaffListsContainer, StaffListCheckpoints.Name(callId));
        for (var i = 0; i < 600 && !(await blob.ExistsAsync()).Value; i++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Posts a submission and polls the newest-first list until it is there: the time from its ClassifiedAtUtc.</summary>
    private static async Task<double?> VisibleAfterClassifiedAsync(HttpClient client, string connection, string callId, BenchPayload payload)
    {
        using var posted = await client.PostAsync($"/api/calls/{callId}/submissions", payload.Multipart(BenchPayload.Fields(1)));
        var receipt = await posted.Content.ReadFromJsonAsync<JsonElement>();
        var submissionId = receipt.GetProperty("submissionId").GetString()!;
        var receiptNumber = receipt.GetProperty("receiptNumber").GetString()!;
        var table = new TableClient(connection, StorageNames.SubmissionsTable);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await StaffGetAsync(client, $"/api/staff/calls/{callId}/submissions?pageSize=5&status=classified&q={Uri.EscapeDataString(receiptNumber)}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("submissionId").GetString() == submissionId))
            {
                var seenAt = DateTimeOffset.UtcNow;
                var row = (await table.GetEntityAsync<SubmissionRecord>(callId, submissionId)).Value;
                return (seenAt - row.ClassifiedAtUtc!.Value).TotalMilliseconds;
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>Pages through the whole list, 200 at a time, while 20 submissions arrive; counts rows seen twice.</summary>
    private static async Task<(int Seen, int Duplicates, int Arrived)> PageWhileArrivingAsync(HttpClient client, string callId, BenchPayload payload)
    {
        using var stop = new CancellationTokenSource();
        var arrived = 0;
        var arrivals = Task.Run(async () =>
        {
            for (var n = 0; n < 20 && !stop.IsCancellationRequested; n++)
            {
                using var posted = await client.PostAsync($"/api/calls/{callId}/submissions", payload.Multipart(BenchPayload.Fields(100 + n)));
                arrived += posted.IsSuccessStatusCode ? 1 : 0;
                await Task.Delay(100);
            }
        });

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        string? token = null;
        do
        {
            var path = $"/api/staff/calls/{callId}/submissions?pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var response = await StaffGetAsync(client, path);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                duplicates += seen.Add(item.GetProperty("submissionId").GetString()!) ? 0 : 1;
            }

            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        await stop.CancelAsync();
        await arrivals;
        return (seen.Count, duplicates, arrived);
    }
}
