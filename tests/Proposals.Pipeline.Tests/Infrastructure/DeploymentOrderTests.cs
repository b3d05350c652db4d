using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Proposals.LocalHost;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>
/// The order the first <c>azd up</c> needs, read from the ARM JSON that <c>bicep build</c> makes of
/// <c>infra/main.bicep</c> (offline, every module nested): Azure runs resources whose dependencies are met in
/// parallel, so an order the template does not state is a race.
/// <list type="bullet">
/// <item>One Event Grid system topic per storage account: Defender for Storage's malware scanning subscribes to
/// the account's topic and creates one when there is none, so it must come after ours.</item>
/// <item>The Key Vault Secrets User role of the identity that resolves the Key Vault references exists before
/// any app setting refers to Key Vault (a failed resolution is kept for up to 24 hours).</item>
/// </list>
/// </summary>
public sealed class DeploymentOrderTests(ITestOutputHelper output)
{
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private static readonly Lazy<JsonElement> Main = new(() => Compile(Path.Combine(RepositoryRoot.Find(), "infra", "main.bicep")));

    /// <summary>The top-level resources (module deployments) by symbolic name.</summary>
    private static Dictionary<string, JsonElement> Deployments() =>
        Main.Value.GetProperty("resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);

    private static IEnumerable<string> DependsOn(JsonElement resource) =>
        resource.TryGetProperty("dependsOn", out var on) ? on.EnumerateArray().Select(d => d.GetString()!) : [];

    /// <summary>Every deployment <paramref name="name"/> waits for, directly or through another.</summary>
    private static HashSet<string> Before(string name)
    {
        var all = Deployments();
        var seen = new HashSet<string>();
        var next = new Stack<string>(DependsOn(all[name]));
        while (next.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var further in DependsOn(all[current]))
                {
                    next.Push(further);
                }
            }
        }

        return seen;
    }

    /// <summary>Resources inside a module deployment (its nested template), whichever form the compiler chose.</summary>
    private static IEnumerable<JsonElement> InnerResources(JsonElement deployment)
    {
        var resources = deployment.GetProperty("properties").GetProperty("template").GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(r => r.Value) : resources.EnumerateArray();
    }

    private static string TypeOf(JsonElement resource) => resource.GetProperty("type").GetString()!;

    /// <summary>The role definition id, written out or through a variable of the module holding the role's GUID.</summary>
    private static bool GrantsKeyVaultSecretsUser(JsonElement deployment, JsonElement roleAssignment)
    {
        var id = roleAssignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
        var variables = deployment.GetProperty("properties").GetProperty("template").TryGetProperty("variables", out var v) ? v.GetRawText() : "";
        return id.Contains(KeyVaultSecretsUser, StringComparison.Ordinal)
            || (id.Contains("variables('keyVaultSecretsUser')", StringComparison.Ordinal) && variables.Contains(KeyVaultSecretsUser, StringComparison.Ordinal));
    }

    [Fact]
    public void There_is_one_system_topic_and_Defender_comes_after_it()
    {
        var all = Deployments();
        var topics = all.Where(d => TypeOf(d.Value) == "Microsoft.Resources/deployments")
            .SelectMany(d => InnerResources(d.Value).Where(r => TypeOf(r) == "Microsoft.EventGrid/systemTopics").Select(_ => d.Key))
            .ToList();
        output.WriteLine("system topics in: " + string.Join(", ", topics));
        topics.ShouldBe(["eventGridTopic"], "one system topic per source; Defender uses it, it does not get a second");

        InnerResources(all["malware"]).Select(TypeOf).ShouldContain("Microsoft.Security/defenderForStorageSettings");
        Before("malware").ShouldContain("eventGridTopic", "Defender's scanning finds the topic there instead of racing it");
        Before("eventGridTopic").ShouldNotContain("malware");
    }

    [Fact]
    public void The_Key_Vault_role_exists_before_any_setting_refers_to_Key_Vault()
    {
        var all = Deployments();
        var referencing = all.Where(d => TypeOf(d.Value) == "Microsoft.Resources/deployments"
                && d.Value.GetProperty("properties").GetProperty("template").GetRawText().Contains("@Microsoft.KeyVault(", StringComparison.Ordinal))
            .Select(d => d.Key).ToList();
        output.WriteLine("settings with Key Vault references in: " + string.Join(", ", referencing));
        referencing.ShouldBe(["functionApp"]);

        var granting = all.Where(d => TypeOf(d.Value) == "Microsoft.Resources/deployments"
                && InnerResources(d.Value).Any(r => TypeOf(r) == "Microsoft.Authorization/roleAssignments"
                    && GrantsKeyVaultSecretsUser(d.Value, r)))
            .Select(d => d.Key).ToList();
        output.WriteLine("Key Vault Secrets User granted in: " + string.Join(", ", granting));
        granting.ShouldBe(["identity"], "granted once, to the identity the references resolve with");
        Before("functionApp").ShouldContain("identity", "the role before the settings that need it");

        // The app resolves its references with that identity, not with one that only exists once the app does.
        var site = InnerResources(all["functionApp"]).Single(r => TypeOf(r) == "Microsoft.Web/sites");
        site.GetProperty("identity").GetProperty("type").GetString().ShouldBe("SystemAssigned, UserAssigned");
        site.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString().ShouldBe("[parameters('keyVaultReferenceIdentityId')]");
        all["functionApp"].GetProperty("properties").GetProperty("parameters").GetProperty("keyVaultReferenceIdentityId")
            .GetProperty("value").GetString()!.ShouldContain("'identity'");
        var identity = InnerResources(all["identity"]).ToList();
        identity.Select(TypeOf).ShouldContain("Microsoft.ManagedIdentity/userAssignedIdentities");
        identity.Single(r => TypeOf(r) == "Microsoft.Authorization/roleAssignments").GetProperty("properties").GetProperty("principalId").GetString()!
            .ShouldContain("reference('identity'", customMessage: "granted to the user-assigned identity of the same deployment");
    }

    [Fact]
    public void The_scanning_cap_follows_the_expected_rush()
    {
        var cap = Main.Value.GetProperty("variables").GetProperty("malwareScanningCapGBPerMonth").GetString()!;
        output.WriteLine(cap);
        foreach (var parameter in new[] { "expectedSubmissionsPerMonth", "maxSubmissionMB", "malwareScanningCapMarginPercent" })
        {
            cap.ShouldContain($"parameters('{parameter}')");
        }

        // The defaults: 5,000 submissions × 20 MB × 200 % = 195.3 GB, rounded up; the old fixed 50 GB ran out at 2,500.
        var defaults = Main.Value.GetProperty("parameters");
        var expected = defaults.GetProperty("expectedSubmissionsPerMonth").GetProperty("defaultValue").GetInt32();
        var size = defaults.GetProperty("maxSubmissionMB").GetProperty("defaultValue").GetInt32();
        var margin = defaults.GetProperty("malwareScanningCapMarginPercent").GetProperty("defaultValue").GetInt32();
        var capGB = ((expected * size * margin / 100) + 1023) / 1024;
        capGB.ShouldBe(196);
        capGB.ShouldBeGreaterThan(expected * size / 1024);
        Deployments()["malware"].GetProperty("properties").GetProperty("parameters").GetProperty("capGBPerMonth").GetProperty("value").GetString()
            .ShouldBe("[variables('malwareScanningCapGBPerMonth')]");
    }

    [Fact]
    public void Every_linter_rule_is_at_error_level()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "infra", "bicepconfig.json")));
        var rules = config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules").EnumerateObject().ToList();
        rules.Count.ShouldBeGreaterThanOrEqualTo(50);
        rules.ShouldAllBe(r => r.Value.GetProperty("level").GetString() == "error");
    }

    private static JsonElement Compile(string path)
    {
        var bicep = typeof(DeploymentOrderTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "build", path, "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run the Bicep CLI at {bicep}.");
        var errors = process.StandardError.ReadToEndAsync();
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({process.ExitCode}): {errors.Result}");
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
