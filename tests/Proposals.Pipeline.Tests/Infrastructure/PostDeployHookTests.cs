using System.Diagnostics;
using Proposals.LocalHost;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>
/// infra/hooks/postdeploy.sh, the real script, run against recorded answers of the Azure CLI and of the
/// deployed site (tests/cases/postdeploy/: stand-ins for <c>az</c> and <c>curl</c> first on the PATH, one
/// answer per call). The answers follow the shapes the CLI prints for these calls (the Key Vault reference
/// statuses are App Service's ResolveStatus values); they were written for these cases, not captured.
/// </summary>
public sealed class PostDeployHookTests(ITestOutputHelper output)
{
    private sealed record Run(int ExitCode, string Output, IReadOnlyList<string> Calls);

    private Run RunHook(string scenario)
    {
        var root = RepositoryRoot.Find();
        var cases = Path.Combine(root, "tests", "cases", "postdeploy");
        var state = Directory.CreateTempSubdirectory("postdeploy-").FullName;
        var start = new ProcessStartInfo("sh")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, "infra", "hooks", "postdeploy.sh"));
        start.Environment.Clear();
        foreach (var (name, value) in new Dictionary<string, string>
                 {
                     ["PATH"] = Path.Combine(cases, "bin") + ":/usr/bin:/bin",
                     ["HOME"] = state,
                     ["FAKE_LOG"] = Path.Combine(state, "calls.log"),
                     ["FAKE_STATE"] = state,
                     ["FAKE_ANSWERS"] = Path.Combine(cases, scenario),
                     ["POSTDEPLOY_PAUSE_SCALE"] = "0",
                     ["AZURE_RESOURCE_GROUP"] = "rg-proposals-prod",
                     ["FUNCTION_APP_NAME"] = "func-abc123",
                     ["APP_URL"] = "https://func-abc123.azurewebsites.net",
                     ["STORAGE_ACCOUNT_NAME"] = "stabc123",
                     ["EVENT_GRID_TOPIC_NAME"] = "evgt-abc123",
                     ["EVENT_GRID_DEAD_LETTER_CONTAINER"] = "eventgrid-deadletter",
                     ["KEY_VAULT_NAME"] = "kv-abc123",
                     ["STAFF_AUTH_CLIENT_ID"] = "11111111-2222-3333-4444-555555555555",
                 })
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd() + errors.Result;
        process.WaitForExit();
        var log = Path.Combine(state, "calls.log");
        var calls = File.Exists(log) ? File.ReadAllLines(log) : [];
        output.WriteLine(text);
        output.WriteLine(string.Join('\n', calls));
        Directory.Delete(state, recursive: true);
        return new Run(process.ExitCode, text, calls);
    }

    private static int IndexOf(IReadOnlyList<string> calls, string what) =>
        calls.Select((c, i) => (c, i)).First(x => x.c.Contains(what, StringComparison.Ordinal)).i;

    [Fact]
    public void First_run_waits_for_the_role_the_host_and_Event_Grid_then_checks_the_site()
    {
        var run = RunHook("first-run");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Calls.Count(c => c.Contains("configreferences/appsettings/refresh", StringComparison.Ordinal)).ShouldBe(3, "a refresh before each check");
        run.Output.ShouldContain("AccessToKeyVaultDenied");
        run.Calls.Count(c => c.Contains("functionapp keys list", StringComparison.Ordinal)).ShouldBe(3);
        run.Calls.Count(c => c.Contains("deployment group create", StringComparison.Ordinal)).ShouldBe(2, "Event Grid's handshake met a cold host once");
        IndexOf(run.Calls, "configreferences/appsettings?").ShouldBeLessThan(IndexOf(run.Calls, "functionapp keys list"), "secrets first: the host cannot start without them");
        IndexOf(run.Calls, "functionapp keys list").ShouldBeLessThan(IndexOf(run.Calls, "deployment group create"));

        var crossSite = run.Calls.Single(c => c.Contains("/exclusion", StringComparison.Ordinal));
        crossSite.ShouldContain("-X POST");
        crossSite.ShouldContain("Sec-Fetch-Site: cross-site");
        crossSite.ShouldContain("Content-Type: text/plain");
        run.Output.ShouldContain("postdeploy: done.");
    }

    [Fact]
    public void Second_run_goes_straight_through()
    {
        var run = RunHook("second-run");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldNotContain("attempt");
        run.Calls.Count(c => c.Contains("deployment group create", StringComparison.Ordinal)).ShouldBe(1, "the subscription is deployed again, idempotently");
    }

    [Fact]
    public void A_missing_secret_stops_at_once_and_says_which_and_how_to_set_it()
    {
        var run = RunHook("missing-secret");

        run.ExitCode.ShouldBe(1);
        run.Output.ShouldContain("TrackingTokens__Key\tSecretNotFound");
        run.Output.ShouldContain("az keyvault secret set --vault-name kv-abc123");
        run.Calls.Count(c => c.Contains("configreferences/appsettings?", StringComparison.Ordinal)).ShouldBe(1, "waiting does not bring a secret nobody set");
        run.Calls.ShouldNotContain(c => c.Contains("functionapp keys list", StringComparison.Ordinal));
        run.Calls.ShouldNotContain(c => c.Contains("deployment group create", StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_that_takes_a_cross_site_POST_fails_the_check()
    {
        var cases = Path.Combine(RepositoryRoot.Find(), "tests", "cases", "postdeploy");
        var scenario = "second-run-csrf-open-" + Guid.NewGuid().ToString("N")[..6];
        var copy = Path.Combine(cases, scenario);
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(cases, "second-run")))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(copy, "cross-site-post.1"), "0\n404"); // the request reached a route: not refused as forged
            var run = RunHook(scenario);
            run.ExitCode.ShouldBe(1);
            run.Output.ShouldContain("a cross-site POST to a staff action got 404 (403 expected)");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
