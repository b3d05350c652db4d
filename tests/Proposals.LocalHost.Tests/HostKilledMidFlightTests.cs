using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The local host as a separate process, killed with SIGKILL twice in the middle of a burst and started
/// again: every submission that got a 202 is classified, in the closeout report once, with one receipt
/// email, and no blob is left without its row or row without its blobs.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class HostKilledMidFlightTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const int PerRound = 10;
    private readonly string _callId = TestCalls.NewId();
    private readonly string _dataDirectory = Path.Combine(azurite.DataDirectory, "killed-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Submissions_that_got_a_202_survive_two_kills_classified_reported_once_and_receipted_once()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(35);
        var port = FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        var accepted = new ConcurrentBag<string>();
        int requests = 0, serverErrors = 0, kills = 0;

        for (var round = 0; round < Rounds; round++)
        {
            using var host = StartHost(port, deadline);
            try
            {
                await WaitUntilReadyAsync(client);
                using var gate = new SemaphoreSlim(3);
                var answered = 0;
                var midBurst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var sends = Enumerable.Range(0, PerRound).Select(async _ =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        Interlocked.Increment(ref requests);
                        using var response = await client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart(SampleProposal.FieldsOfAnotherEnterprise()));
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
                        }
                        else if ((int)response.StatusCode >= 500)
                        {
                            Interlocked.Increment(ref serverErrors);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException or IOException)
                    {
                        // Killed under this request: no 202, so nothing was promised. (Killed while the client was still
                        // connecting, HttpClient can let the bare SocketException through unwrapped.)
                    }
                    finally
                    {
                        gate.Release();
                        if (Interlocked.Increment(ref answered) == PerRound / 3)
                        {
                            midBurst.TrySetResult();
                        }
                    }
                }).ToList();

                if (round < Rounds - 1)
                {
                    await midBurst.Task.WaitAsync(TimeSpan.FromSeconds(20)); // a third answered, the next three in flight
                    host.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flushing
                    kills++;
                }

                await Task.WhenAll(sends);
                if (round == Rounds - 1)
                {
                    await WaitForReportAsync(deadline);
                }
            }
            finally
            {
                if (!host.HasExited)
                {
                    host.Kill(entireProcessTree: true);
                }

                await host.WaitForExitAsync();
            }
        }

        // Verified straight from storage, after the host is gone.
        var records = new List<SubmissionRecord>();
        await foreach (var record in new TableClient(azurite.ConnectionString, StorageNames.SubmissionsTable).QueryAsync<SubmissionRecord>(SubmissionStore.RowsOf(_callId)))
        {
            records.Add(record);
        }

        var report = new MemoryStream();
        await new BlobClient(azurite.ConnectionString, StorageNames.ReportsContainer, ReportStore.WorkbookName(_callId, CloseoutStage.FirstRevision)).DownloadToAsync(report);
        report.Position = 0;
        var reported = WorkbookText.Sheet(report, CloseoutWorkbook.ListSheet).Skip(1).Select(row => row[1]).ToList();
        var emails = Directory.GetFiles(Path.Combine(_dataDirectory, "outbox"), "*.eml").Select(File.ReadAllText).ToList();
        var folders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var blob in new BlobContainerClient(azurite.ConnectionString, StorageNames.SubmissionsContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, _callId + "/", default))
        {
            var parts = blob.Name.Split('/');
            if (parts[2] != "safe") // the examination stage's safe copies (issue 21) are not what intake stored
            {
                (folders.TryGetValue(parts[1], out var names) ? names : folders[parts[1]] = []).Add(parts[2]);
            }
        }

        var lost = accepted.Count(receipt => !records.Any(r => r.ReceiptNumber == receipt && r.Status == "classified") || !reported.Contains(receipt));
        var doubled = accepted.Count(receipt => reported.Count(r => r == receipt) > 1
            || emails.Count(e => e.Contains("Số tiếp nhận: " + receipt)) != 1);
        output.WriteLine($"requests {requests}, 202s {accepted.Count}, kills {kills}, 5xx {serverErrors}, lost {lost}, doubled {doubled}, " +
            $"rows {records.Count}, reported {reported.Count}, receipt emails {emails.Count(e => e.Contains("Số tiếp nhận: "))}");

        kills.ShouldBe(2);
        accepted.ShouldNotBeEmpty();
        serverErrors.ShouldBe(0);
        lost.ShouldBe(0);
        doubled.ShouldBe(0);
        reported.ShouldBe(records.Select(r => r.ReceiptNumber), ignoreOrder: true); // every row in the report, once
        folders.Keys.ShouldBe(records.Select(r => r.SubmissionId), ignoreOrder: true); // no blob without its row
        folders.Values.ShouldAllBe(names => names.Count == 3); // no row without its blobs
    }

    private Process StartHost(int port, DateTimeOffset deadline)
    {
        var root = RepositoryRoot.Find();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!; // Debug or Release, as this test was built
        var start = new ProcessStartInfo("dotnet", Path.Combine(root, "functions", "Proposals.LocalHost", "bin", configuration, "net10.0", "Proposals.LocalHost.dll"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        start.Environment["LocalHost__DataDirectory"] = _dataDirectory;
        start.Environment["Staff__ApiKey"] = RunningLocalHost.StaffKey;
        start.Environment["Closeout__Schedule"] = "*/2 * * * * *";
        start.Environment["Pipeline__StuckAfter"] = "00:00:05";
        start.Environment["Pipeline__DrainTimeout"] = "00:01:00";
        start.Environment["Email__MaxPerRecipientPerHour"] = "0"; // every sample proposal has the same contact address
        foreach (var (key, value) in TestCalls.Settings(_callId, deadline))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync(HttpClient client) =>
        await RunningLocalHost.EventuallyAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync($"/api/calls/{_callId}");
                return response.IsSuccessStatusCode ? "ready" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(30), "the local host to start");

    private async Task WaitForReportAsync(DateTimeOffset deadline)
    {
        var reportRun = new TableClient(azurite.ConnectionString, StorageNames.CloseoutRunsTable);
        await RunningLocalHost.EventuallyAsync(async () =>
        {
            if (DateTimeOffset.UtcNow < deadline)
            {
                return null;
            }

            var run = await reportRun.GetEntityIfExistsAsync<CloseoutRun>(_callId, $"r{CloseoutStage.FirstRevision:D3}");
            return run.HasValue && run.Value!.CompletedAtUtc is not null ? "written" : null;
        }, TimeSpan.FromSeconds(90), "the closeout report after the deadline");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
