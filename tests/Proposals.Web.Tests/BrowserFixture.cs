using Microsoft.Playwright;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// Azurite, the local host with an open call of its own, and headless Chromium. Chromium is Debian's
/// (<c>apt-get install chromium</c>, as <c>.ci/run</c> does); Playwright downloads no browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
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
        Host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(CallId, DateTimeOffset.UtcNow.AddDays(30)));
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

    /// <summary>A fresh page in a fresh context: its own localStorage, so drafts do not leak between tests.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
        });
        return await context.NewPageAsync();
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
