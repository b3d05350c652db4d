using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.PersonalData;
using Proposals.Pipeline.Reconcile;
using Proposals.Pipeline.Retention;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using SendGrid;

namespace Proposals.Pipeline;

public static class PipelineRegistration
{
    /// <summary>Everything both hosts share: options, storage clients, the stages, email.</summary>
    public static IServiceCollection AddProposalPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddTimeProvider();
        services.AddOptions<KeyVaultReferencesResolved>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyVaultReferencesResolved>, KeyVaultReferenceValidation>();
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CallCatalogOptions>()
            .Configure<IConfiguration>((options, config) => options.Bind(config))
            .Configure<IOptions<PipelineOptions>>((options, pipeline) => options.ServedCalls = [.. pipeline.Value.ServedCalls])
            .PostConfigure(options => options.Complete())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallCatalogOptions>, CallCatalogValidation>();
        services.AddSingleton<FormCatalog>();
        services.AddSingleton<CallCatalog>();

        services.AddPipelineStorage(configuration);
        services.AddOptions<TrackingTokenOptions>().BindConfiguration(TrackingTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TrackingTokens>();
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<IntakeKeys>();
        services.AddSingleton<Admission>();
        services.AddSingleton<ReplacementProof>();
        services.AddSingleton<IdempotentAttempts>();
        services.AddSingleton<IntakeStage>();
        services.TryAddSingleton<ISubmissionArrivals, EventGridDeliversArrivals>(); // the local host brings its own
        services.AddOptions<MalwareOptions>().BindConfiguration(MalwareOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MalwareVerdicts>();
        services.AddOptions<SignatureOptions>().BindConfiguration(SignatureOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignatureOptions>, SignatureOptionsValidation>();
        services.AddSingleton<SignatureTrust>();
        services.AddSingleton<ExaminationStage>();
        services.AddSingleton<SubmissionVersions>();
        services.AddSingleton<LateAttempts>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportRevisions>();
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<ClassifyQueues>();
        services.AddSingleton<ClassificationStage>();
        services.AddSingleton<SubmissionRedrive>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<CloseoutStage>();
        services.AddSingleton<SubmissionQueries>();
        services.AddSingleton<StuckSubmissions>();
        services.AddOptions<StaffListOptions>().BindConfiguration(StaffListOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffListCheckpoints>();
        services.AddSingleton<StaffList>();
        services.AddSingleton<SubmissionSearch>();
        services.AddSingleton<SubmissionDetails>();
        services.AddSingleton<CallOverviews>();
        services.AddSingleton<NationalView>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Exclusions>();
        services.AddSingleton<MalwareReleases>();
        services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboundEmails>();
        services.AddSingleton<InboundStage>();
        services.AddSingleton<InboundReview>();
        services.AddSingleton<RetentionLedger>();
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<PersonalDataExport>();
        services.AddSingleton<SubjectRequests>();

        services.AddEmail();
        return services;
    }

    private static void AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailLedger>();
        services.AddHttpClient(nameof(SendGridClient));
        services.AddSingleton<ISendGridClient>(sp =>
        {
            var email = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridClient));
            var host = string.IsNullOrWhiteSpace(email.SendGridHost) ? null : email.SendGridHost;
            return new SendGridClient(http, email.SendGridApiKey, host);
        });
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid
            ? ActivatorUtilities.CreateInstance<SendGridEmailSender>(sp)
            : ActivatorUtilities.CreateInstance<OutboxEmailSender>(sp));
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
