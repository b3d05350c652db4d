using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Proposals.Functions;

public static class TelemetryRegistration
{
    /// <summary>The logger provider the Application Insights SDK adds, with a warnings-only default rule.</summary>
    public const string ApplicationInsightsLoggerProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// The worker sends its own logs, dependencies and exceptions straight to Application Insights
    /// (APPLICATIONINSIGHTS_CONNECTION_STRING), correlated with the host's request telemetry.
    /// </summary>
    public static IServiceCollection AddProposalTelemetry(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();

        // The SDK keeps only warnings from the worker unless told otherwise; the pipeline's information
        // logs (classified, closed, draining) are what operators read, so the levels come from
        // configuration (Logging__LogLevel__...) as everywhere else.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsLoggerProvider);
            if (warningsOnly is not null)
            {
                options.Rules.Remove(warningsOnly);
            }
        });
        return services;
    }
}
