using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Proposals.LocalHost;

namespace Proposals.Web.Tests;

/// <summary>
/// axe-core (the npm package), injected into a page by Playwright and run there: the accessibility rules
/// of WCAG 2.x A and AA. Installed once with npm into the git-ignored <c>.tools/</c>, like Azurite. It is
/// evaluated through the DevTools protocol, so the pages' Content-Security-Policy (no inline script) still
/// holds for everything else.
/// </summary>
public static class AxeCore
{
    public const string Version = "4.10.3";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static string? _source;

    /// <summary>The violations on the page as it is now: "rule (impact): target, target".</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(await SourceAsync());
        var violations = await page.EvaluateAsync<JsonElement>(@"async () => {
            const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
            return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }");
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static async Task<string> SourceAsync()
    {
        if (_source is not null)
        {
            return _source;
        }

        await InstallLock.WaitAsync();
        try
        {
            var prefix = Path.Combine(RepositoryRoot.Find(), ".tools", "axe-core-" + Version);
            var script = Path.Combine(prefix, "node_modules", "axe-core", "axe.min.js");
            if (!File.Exists(script))
            {
                var install = new ProcessStartInfo("npm") { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var argument in new[] { "install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", $"axe-core@{Version}" })
                {
                    install.ArgumentList.Add(argument);
                }

                using var npm = Process.Start(install) ?? throw new InvalidOperationException("npm is needed to install axe-core.");
                var errors = npm.StandardError.ReadToEndAsync();
                _ = await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0 || !File.Exists(script))
                {
                    throw new InvalidOperationException($"npm install axe-core@{Version} failed ({npm.ExitCode}): {await errors}");
                }
            }

            return _source = await File.ReadAllTextAsync(script);
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
