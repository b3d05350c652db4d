using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Proposals.Functions.Http;

namespace Proposals.Functions;

public static class FunctionsRegistration
{
    /// <summary>
    /// The HTTP functions and what they use. The Functions worker activates the function classes itself;
    /// the local host resolves them from DI, so they are registered here for both.
    /// </summary>
    public static IServiceCollection AddProposalHttp(this IServiceCollection services)
    {
        // Enums as camelCase strings (the form definition's field types); Vietnamese written as is.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options =>
        {
            options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.JsonSerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EasyAuthSignal>();
        services.AddSingleton<StaffAccess>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestRateLimiter>();
        services.AddSingleton<StaffRequestOrigin>();
        services.AddSingleton<StaffGate>();
        services.AddHostedService<EasyAuthStartupCheck>();
        services.AddSingleton<SubmissionFormReader>();
        services.AddSingleton<InboundEmailReader>();
        services.AddOptions<WebFilesOptions>().BindConfiguration(WebFilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        foreach (var functionClass in HttpFunctionRoutes.Discover(string.Empty).Select(r => r.Method.DeclaringType!).Distinct())
        {
            services.AddTransient(functionClass); // every HTTP function, found by its attributes: none is forgotten
        }
        return services;
    }
}
