using Microsoft.ApplicationInsights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Functions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The Functions app's Application Insights wiring starts: the worker package and the SDK must be of
/// compatible lines (with SDK 3.x, ConfigureFunctionsApplicationInsights throws TypeLoadException).
/// </summary>
public sealed class FunctionsTelemetryTests
{
    [Fact]
    public void Telemetry_wiring_builds_and_keeps_information_logs()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
        builder.Services.AddProposalTelemetry();

        using var host = builder.Build();

        host.Services.GetRequiredService<TelemetryClient>().ShouldNotBeNull();
        host.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules
            .ShouldNotContain(rule => rule.ProviderName == TelemetryRegistration.ApplicationInsightsLoggerProvider);
    }
}
