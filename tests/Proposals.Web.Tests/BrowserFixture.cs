using Microsoft.Playwright;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// Azurite, the local host with an open call of its own, and headless Chromium. Chromium is Debian's
/// (<c>apt-get install chromium</c>, as <c>.ci/run</c> does); Playwright downloads no browser.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly AzuriteFixture _azurite = new();
    private IPlaywright? _playwright;

    public string CallId { get; } = TestCalls.NewId();

    public RunningLocalHost Host { get; private set; } = null!;

    /// <summary>The test Azurite, for tests that arrange storage the way a fault would leave it.</summary>
    public string StorageConnectionString => _azurite.ConnectionString;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots kept as test artefacts: <c>artifacts/screenshots/</c> at the repository root.</summary>
    public string ScreenshotDirectory { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = TestCalls.Settings(CallId, DateTimeOffset.UtcNow.AddDays(30));
        foreach (var (key, value) in HostSettings())
        {
            settings[key] = value;
        }

        Host = await RunningLocalHost.StartAsync(_azurite, settings, ConfigureHostServices);
        ScreenshotDirectory = Path.Combine(_azurite.RepositoryRootPath, "artifacts", "screenshots");
        Directory.CreateDirectory(ScreenshotDirectory);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath}: apt-get install -y chromium");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>Settings a fixture of its own adds to the local host's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> HostSettings() => new Dictionary<string, string?>();

    /// <summary>Services a fixture of its own adds to the local host's (a stand-in in front of the app, say).</summary>
    protected virtual void ConfigureHostServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>
    /// A fresh page in a fresh context: its own localStorage, so drafts do not leak between tests. Every
    /// Content-Security-Policy violation the page meets is recorded (<see cref="CspViolationsAsync"/>): the
    /// pages must work under the policy both hosts send.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
        });
        // Runs before the page's own scripts in every document, and the policy does not apply to it.
        await context.AddInitScriptAsync(@"
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) =>
              window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");
        var page = await context.NewPageAsync();
        var messages = new List<string>();
        _consoleErrors.Add(page, messages);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (messages)
                {
                    messages.Add(message.Text);
                }
            }
        };
        return page;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> _consoleErrors = [];

    /// <summary>The policy violations of the page's current document, and the console's CSP errors over its whole life.</summary>
    public async Task<IReadOnlyList<string>> CspViolationsAsync(IPage page)
    {
        var reported = await page.EvaluateAsync<string[]>("window.__cspViolations || []");
        string[] logged = [];
        if (_consoleErrors.TryGetValue(page, out var messages))
        {
            lock (messages)
            {
                logged = [.. messages];
            }
        }

        return [.. reported, .. logged];
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}
