using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Proposals.LocalHost;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>
/// What the Bicep gives Azure, read from the ARM JSON the Bicep CLI compiles it to (offline): one origin for
/// pages and API (no CORS), staff sign-in through App Service Authentication without a token store,
/// secrets as Key Vault references, telemetry with Entra ID only.
/// </summary>
public sealed class FunctionAppTemplateTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonElement> Template = new(() => Compile("function-app.bicep"));

    private static JsonElement Resource(string type, string? name = null) =>
        Template.Value.GetProperty("resources").EnumerateObject()
            .Single(r => r.Value.GetProperty("type").GetString() == type && (name is null || r.Name == name)).Value;

    private static string AppSettings => Resource("Microsoft.Web/sites/config", "appSettings").GetProperty("properties").GetString()!;

    [Fact]
    public void No_other_origin_may_call_the_API_from_a_browser()
    {
        var cors = Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("cors");
        output.WriteLine($"cors: {cors}");

        cors.GetProperty("allowedOrigins").GetArrayLength().ShouldBe(0);
        cors.GetProperty("supportCredentials").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Staff_sign_in_lets_the_public_through_and_needs_no_token_store()
    {
        var auth = Resource("Microsoft.Web/sites/config", "auth").GetProperty("properties");
        output.WriteLine($"globalValidation: {auth.GetProperty("globalValidation")}, login: {auth.GetProperty("login")}");

        auth.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean().ShouldBeFalse();
        auth.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString().ShouldBe("AllowAnonymous");
        auth.GetProperty("login").GetProperty("tokenStore").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        Template.Value.GetProperty("outputs").GetProperty("signInRedirectUri").GetProperty("value").GetString()!
            .ShouldContain("/.auth/login/aad/callback");
    }

    [Fact]
    public void Secrets_are_Key_Vault_references_and_telemetry_uses_the_managed_identity()
    {
        var settings = AppSettings;
        output.WriteLine(settings);

        settings.ShouldContain("'Email__SendGridApiKey', format('@Microsoft.KeyVault(SecretUri={0})', parameters('sendGridSecretUri'))");
        settings.ShouldContain("'TrackingTokens__Key', format('@Microsoft.KeyVault(SecretUri={0})', parameters('trackingTokenSecretUri'))");
        settings.ShouldContain("'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', 'Authorization=AAD'");
        settings.ShouldNotContain("RateLimits__TrustForwardedFor"); // the address the host saw counts; no header is trusted
        settings.ShouldNotContain("ApiBaseUrl");
    }

    [Fact]
    public void Digital_signatures_chain_to_the_roots_published_with_the_app()
    {
        AppSettings.ShouldContain("'Signatures__TrustedRootsFolder', 'trusted-roots'");
        var project = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions", "Proposals.Functions", "Proposals.Functions.csproj"));
        project.ShouldContain("<Content Include=\"trusted-roots\\**\\*\" CopyToOutputDirectory=\"PreserveNewest\" CopyToPublishDirectory=\"PreserveNewest\" />");
    }

    [Fact]
    public void Application_Insights_takes_no_instrumentation_key_and_the_app_may_publish_to_it()
    {
        var monitoring = Resources(Compile("monitoring.bicep"))
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Insights/components");
        var access = Compile("access.bicep");

        monitoring.GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean().ShouldBeTrue();
        access.GetProperty("variables").GetProperty("roles").GetProperty("monitoringMetricsPublisher").GetString()
            .ShouldBe("3913510d-42f4-4e42-8a64-420c390055eb");
        Resources(access)
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Select(r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!)
            .ShouldContain(id => id.Contains("monitoringMetricsPublisher", StringComparison.Ordinal));
    }

    /// <summary>A template's resources, as an array or (symbolic names, language version 2.0) an object.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(r => r.Value) : resources.EnumerateArray();
    }

    private static JsonElement Compile(string module)
    {
        var bicep = typeof(FunctionAppTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", Path.Combine(RepositoryRoot.Find(), "infra", "modules", module), "--stdout" })
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
