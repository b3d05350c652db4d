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
        services.AddSingleton<StaffAccess>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestRateLimiter>();
        services.AddSingleton<StaffGate>();
        services.AddSingleton<SubmissionFormReader>();
        services.AddOptions<WebFilesOptions>().BindConfiguration(WebFilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<ServeWebFile>();
        services.AddTransient<GetStaffIdentity>();
        services.AddTransient<SubmitProposal>();
        services.AddTransient<GetCall>();
        services.AddTransient<DownloadFormTemplate>();
        services.AddTransient<GetSubmissionStatus>();
        services.AddTransient<ListSubmissions>();
        services.AddTransient<ListStuckSubmissions>();
        services.AddTransient<ReplaySubmission>();
        services.AddTransient<GetReport>();
        services.AddTransient<RequestReportRevision>();
        services.AddTransient<ListStaffCalls>();
        services.AddTransient<GetCallOverview>();
        services.AddTransient<GetSubmissionDetails>();
        services.AddTransient<GetSubmissionDocument>();
        return services;
    }
}
