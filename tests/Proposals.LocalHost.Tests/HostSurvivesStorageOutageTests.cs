using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proposals.LocalHost.Azurite;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Azurite stopped for about 15 seconds under the local host running as its own process, then started
/// again on the same ports and data: the same process is still up (the WebJobs SDK's default handler used
/// to abort it when a listener's poll failed), intake answered 503 with Retry-After meanwhile, and both the
/// submission accepted just before the outage and one posted after it end classified. An Azurite of its
/// own, so stopping it hurts no other test.
/// </summary>
public sealed class HostSurvivesStorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// Long enough that a whole blob-listener poll falls inside it: the listener waits 10 s between polls
    /// and its client retries a refused connection for up to ~6 s, so a shorter outage can end while a poll
    /// is still retrying, the poll succeeds, and no listener ever fails (seen once in CI at 15 s).
    /// </summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(24);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "proposals-outage-host-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _callId = TestCalls.NewId();
    private readonly AzuritePorts _ports = AzuriteProcess.FreePorts();
    private AzuriteProcess? _azurite;

    public async Task InitializeAsync() => _azurite = await StartAzuriteAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is not worth failing a test run for.
        }
    }

    [Fact]
    public async Task The_host_process_survives_storage_going_away_and_classifies_what_was_accepted_before_and_after()
    {
        var settings = new Dictionary<string, string?>(TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)))
        {
            ["AzureWebJobsStorage"] = _azurite!.ConnectionString,
            ["LocalHost:DataDirectory"] = Path.Combine(_dataDirectory, "host"),
            ["Staff:ApiKey"] = RunningLocalHost.StaffKey,
            ["RateLimits:IntakePerMinute"] = "0",
        };
        await using var host = LocalHostProcess.Start(settings);
        await host.WaitUntilReadyAsync($"/api/calls/{_callId}");
        var pid = host.Process.Id;

        var before = await SubmitAsync(host.Client);
        before.Status.ShouldBe(HttpStatusCode.Accepted);

        // The outage: Azurite gone, intake keeps answering, the process must not die.
        await _azurite.DisposeAsync();
        _azurite = null;
        var outage = Stopwatch.StartNew();
        var refusals = new List<(HttpStatusCode Status, string? Type, string? RetryAfter, long Milliseconds)>();
        while (outage.Elapsed < Outage)
        {
            var timer = Stopwatch.StartNew();
            var attempt = await SubmitAsync(host.Client);
            refusals.Add((attempt.Status, attempt.ProblemType, attempt.RetryAfter, timer.ElapsedMilliseconds));
            host.Process.HasExited.ShouldBeFalse($"the local host exited {outage.Elapsed.TotalSeconds:0.0} s into the outage:{Environment.NewLine}{Tail(host)}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var stoppedFor = outage.Elapsed;
        _azurite = await StartAzuriteAsync();
        var downFor = outage.Elapsed; // Azurite takes a few seconds to listen again, more on a busy machine
        var recovery = Stopwatch.StartNew();
        var after = await RunningLocalHost.EventuallyAsync(async () =>
        {
            var attempt = await SubmitAsync(host.Client);
            return attempt.Status == HttpStatusCode.Accepted ? attempt : null;
        }, TimeSpan.FromSeconds(20), "intake to accept again");
        var acceptedAfter = recovery.Elapsed;

        var classified = new List<string>();
        foreach (var submission in new[] { before, after })
        {
            await RunningLocalHost.EventuallyAsync(async () =>
            {
                using var answer = await host.Client.GetStatusAsync(submission.SubmissionId!, submission.Token);
                var status = await answer.Content.ReadFromJsonAsync<JsonElement>();
                return status.GetProperty("status").GetString() == "classified" ? "classified" : null;
            }, TimeSpan.FromSeconds(40), $"submission {submission.ReceiptNumber} to be classified");
            classified.Add($"{submission.ReceiptNumber} at {recovery.Elapsed.TotalSeconds:0.0} s");
        }

        var failures = host.Output.Count(line => line.Contains("A trigger listener failed", StringComparison.Ordinal));
        // Submissions are classified at once by the arrival workers, so the queue listeners may restart after them.
        int Restarts() => host.Output.Count(line => line.Contains("Trigger engine started again", StringComparison.Ordinal));
        for (var waited = Stopwatch.StartNew(); Restarts() == 0 && waited.Elapsed < TimeSpan.FromSeconds(90);)
        {
            await Task.Delay(500);
        }

        var restarts = Restarts();
        output.WriteLine($"Azurite stopped {stoppedFor.TotalSeconds:0.0} s, listening again after {downFor.TotalSeconds:0.0} s; intake during the outage: " +
            string.Join(", ", refusals.Select(r => $"{(int)r.Status} {r.Type} Retry-After {r.RetryAfter} in {r.Milliseconds} ms")));
        output.WriteLine($"listener failures reported {failures}, trigger engine restarts {restarts}; host pid {pid} alive: {!host.Process.HasExited}");
        output.WriteLine($"after storage returned: accepted a new submission in {acceptedAfter.TotalSeconds:0.0} s; classified {string.Join(", ", classified)}");
        foreach (var line in host.Output.Where(line => line.Contains("trigger", StringComparison.OrdinalIgnoreCase)).Take(12))
        {
            output.WriteLine("  host: " + line.Trim());
        }

        host.Process.HasExited.ShouldBeFalse(Tail(host));
        host.Process.Id.ShouldBe(pid);
        refusals.ShouldNotBeEmpty();
        refusals.ShouldAllBe(r => r.Status == HttpStatusCode.ServiceUnavailable && r.Type!.EndsWith("/problems/storage-unavailable", StringComparison.Ordinal) && !string.IsNullOrEmpty(r.RetryAfter));
        refusals.Max(r => r.Milliseconds).ShouldBeLessThan(8_000);
        failures.ShouldBeGreaterThan(0, "the outage should have made a listener fail, or this test proves nothing");
        restarts.ShouldBeGreaterThan(0);
    }

    private async Task<Attempt> SubmitAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{_callId}/submissions") { Content = SampleProposal.Multipart() };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new Attempt(response.StatusCode, Text("submissionId"), Text("trackingToken"), Text("receiptNumber"), Text("type"),
            response.Headers.RetryAfter?.ToString());
    }

    private static string Tail(LocalHostProcess host) => string.Join(Environment.NewLine, host.Output.TakeLast(30));

    /// <summary>On the same ports and data folder each time, as a restarted emulator would be.</summary>
    private Task<AzuriteProcess> StartAzuriteAsync() =>
        AzuriteProcess.EnsureRunningAsync(RepositoryRoot.Find(), Path.Combine(_dataDirectory, "azurite"), _ports, NullLogger.Instance);

    private sealed record Attempt(HttpStatusCode Status, string? SubmissionId, string? Token, string? ReceiptNumber, string? ProblemType, string? RetryAfter);
}
