using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Proposals.LocalHost;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>
/// What the Function app module gives Azure, read from the ARM JSON the Bicep CLI compiles it to (offline):
/// CORS open to the form's origin only, and the rate limits counting by the front end's address.
/// </summary>
public sealed partial class FunctionAppTemplateTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonElement> Template = new(Compile);

    private static JsonElement Resource(string type) =>
        Template.Value.GetProperty("resources").EnumerateObject().Select(r => r.Value)
            .Single(r => r.GetProperty("type").GetString() == type && (type != "Microsoft.Web/sites/config" || r.GetProperty("name").GetString()!.EndsWith("'appsettings')]", StringComparison.Ordinal)));

    [Fact]
    public void Cors_allows_exactly_the_form_origin_without_credentials()
    {
        var cors = Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("cors");
        var origins = cors.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()!).ToList();
        var formOrigin = Template.Value.GetProperty("variables").GetProperty("formOrigin").GetString()!;
        output.WriteLine($"allowedOrigins {JsonSerializer.Serialize(origins)}, supportCredentials {cors.GetProperty("supportCredentials")}; formOrigin = {formOrigin}");

        origins.ShouldBe(["[variables('formOrigin')]"]);
        origins.ShouldNotContain(o => o.Contains('*', StringComparison.Ordinal));
        cors.GetProperty("supportCredentials").GetBoolean().ShouldBeFalse();
        // The origin is the formUrl parameter (less a trailing slash) and nothing else.
        ParameterReference().Matches(formOrigin).Select(m => m.Groups[1].Value).Distinct().ShouldBe(["formUrl"]);
        formOrigin.ShouldNotContain("*");
    }

    [Fact]
    public void App_settings_trust_the_front_ends_forwarded_for()
    {
        var settings = Resource("Microsoft.Web/sites/config").GetProperty("properties").GetString()!;
        var trust = TrustForwardedForSetting().Match(settings);
        output.WriteLine($"RateLimits__TrustForwardedFor = {(trust.Success ? trust.Groups[1].Value : "(absent)")}");

        trust.Success.ShouldBeTrue("the Function app settings should set RateLimits__TrustForwardedFor");
        trust.Groups[1].Value.ShouldBe("true");
    }

    private static JsonElement Compile()
    {
        var bicep = typeof(FunctionAppTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", Path.Combine(RepositoryRoot.Find(), "infra", "modules", "function-app.bicep"), "--stdout" })
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

    [GeneratedRegex(@"parameters\('(\w+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"'RateLimits__TrustForwardedFor',\s*'(\w+)'")]
    private static partial Regex TrustForwardedForSetting();
}
