using Microsoft.AspNetCore.Builder;
using Proposals.LocalHost;

namespace Proposals.Testing;

/// <summary>
/// The real local host (API, static form, WebJobs triggers) on a free loopback port, over the test
/// Azurite, with a staff key and an outbox of its own.
/// </summary>
public sealed class RunningLocalHost : IAsyncDisposable
{
    public const string StaffKey = "test-staff-key-0123456789";
    private readonly WebApplication _app;

    private RunningLocalHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseUrl = app.Urls.First();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    /// <summary>The host's services, for tests that look at what it registered (its endpoints, say).</summary>
    public IServiceProvider Services => _app.Services;

    public string[] OutboxFiles() =>
        Directory.Exists(Path.Combine(DataDirectory, "outbox"))
            ? Directory.GetFiles(Path.Combine(DataDirectory, "outbox"), "*.eml")
            : [];

    public static async Task<RunningLocalHost> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?> settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var dataDirectory = Path.Combine(azurite.DataDirectory, "host-" + Guid.NewGuid().ToString("N")[..8]);
        var all = new Dictionary<string, string?>(settings)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Closeout:Schedule"] = "*/2 * * * * *",
            ["Retention:Schedule"] = "*/2 * * * * *",
        };
        all.TryAdd("Staff:ApiKey", StaffKey); // a test may turn the key off (Entra ID sign-in only)

        // Every test posts from 127.0.0.1: the limits are off unless a test sets them.
        foreach (var limit in new[] { "RateLimits:IntakePerMinute", "RateLimits:StaffPerMinute", "RateLimits:StatusPerMinute", "Email:MaxPerRecipientPerHour" })
        {
            all.TryAdd(limit, "0");
        }

        var app = LocalPipelineHost.Build([], azurite.RepositoryRootPath, dataDirectory, azurite.ConnectionString, all, services);
        await app.StartAsync();
        return new RunningLocalHost(app, dataDirectory);
    }

    /// <summary>Polls until <paramref name="condition"/> holds: the pipeline runs on its own triggers.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan within, string what) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited {within.TotalSeconds:0} s for {what}.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
