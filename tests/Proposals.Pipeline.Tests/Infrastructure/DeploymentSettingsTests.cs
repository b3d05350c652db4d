using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Proposals.Functions;
using Proposals.Functions.Http;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>The settings the Bicep gives the Function app: which calls it serves, where staff links point.</summary>
public sealed class DeploymentSettingsTests
{
    private static ServiceProvider Pipeline(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddCallFiles()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Prepend(new("AzureWebJobsStorage", "UseDevelopmentStorage=true")))
            .Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddProposalPipeline(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Serves_every_call_file_when_no_call_is_named()
    {
        using var services = Pipeline();

        services.GetRequiredService<CallCatalog>().All.Select(c => c.Id).ShouldBe(["demo", "haiphong-2024"], ignoreOrder: true);
    }

    [Fact]
    public void Serves_only_the_calls_the_deployment_names()
    {
        using var services = Pipeline(("Pipeline:ServedCalls:0", "haiphong-2024"));

        services.GetRequiredService<CallCatalog>().All.Select(c => c.Id).ShouldBe(["haiphong-2024"]);
        services.GetRequiredService<CallCatalog>().Find("demo").ShouldBeNull();
    }

    [Fact]
    public void Refuses_to_start_when_a_served_call_has_no_call_file()
    {
        using var services = Pipeline(("Pipeline:ServedCalls:0", "hai-phong-2042"));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<CallCatalogOptions>>().Value)
            .Message.ShouldContain("hai-phong-2042");
    }

    [Fact]
    public void The_app_setting_the_Bicep_sets_makes_the_rate_limits_trust_the_front_ends_forwarded_for()
    {
        // App settings reach the worker as environment variables, "__" separating sections; a prefix of
        // this test's own keeps it from meeting any other test's variables.
        var prefix = "T" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "RateLimits__TrustForwardedFor", "true");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
        Environment.SetEnvironmentVariable(prefix + "RateLimits__TrustForwardedFor", null);
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddProposalHttp().BuildServiceProvider();

        services.GetRequiredService<IOptions<RateLimitOptions>>().Value.TrustForwardedFor.ShouldBeTrue();
    }

    [Fact]
    public void Staff_report_link_points_at_the_API_when_the_form_is_a_separate_static_site()
    {
        var options = new PipelineOptions { PublicBaseUrl = "https://stforms.z23.web.core.windows.net/", ApiBaseUrl = "https://func-forms.azurewebsites.net/" };

        CloseoutStage.StaffReportUrl(options, "haiphong-2024").ShouldBe("https://func-forms.azurewebsites.net/api/staff/calls/haiphong-2024/report");
    }

    [Fact]
    public void Staff_report_link_is_under_the_public_site_when_no_API_address_is_set()
    {
        var options = new PipelineOptions { PublicBaseUrl = "http://127.0.0.1:7071" };

        CloseoutStage.StaffReportUrl(options, "demo").ShouldBe("http://127.0.0.1:7071/api/staff/calls/demo/report");
    }
}
