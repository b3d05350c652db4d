using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Proposals.Pipeline.Storage;

public static class StorageRegistration
{
    /// <summary>The configuration key both the triggers and the pipeline's own clients read.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Registers the Blob, Queue and Table service clients from <c>AzureWebJobsStorage</c>: a connection
    /// string locally (Azurite), or <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__queueServiceUri</c> /
    /// <c>__tableServiceUri</c> with the managed identity in Azure, the same settings the triggers use.
    /// </summary>
    public static IServiceCollection AddPipelineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConnectionSetting);
        var counter = configuration.GetValue<bool>(StorageRequestCounter.Setting) ? new StorageRequestCounter() : null;
        services.AddAzureClients(clients =>
        {
            clients.ConfigureDefaults(FailFast);
            if (counter is not null)
            {
                clients.ConfigureDefaults(counter.Attach); // the bench's cost part; never set in Azure
                services.AddSingleton(counter);
            }

            if (!string.IsNullOrWhiteSpace(section.Value))
            {
                clients.AddBlobServiceClient(section.Value);
                clients.AddQueueServiceClient(section.Value).ConfigureOptions(UseBase64);
                clients.AddTableServiceClient(section.Value);
            }
            else
            {
                clients.AddBlobServiceClient(RequiredUri(section, "blobServiceUri"));
                clients.AddQueueServiceClient(RequiredUri(section, "queueServiceUri")).ConfigureOptions(UseBase64);
                clients.AddTableServiceClient(RequiredUri(section, "tableServiceUri"));
                clients.UseCredential(section["clientId"] is { Length: > 0 } clientId
                    ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                    : new DefaultAzureCredential());
            }
        });
        services.AddSingleton<PipelineStorage>();
        return services;
    }

    /// <summary>
    /// Creates missing containers, queues and tables before the host takes traffic: for the local host
    /// over a fresh Azurite. Not in Azure, where the Bicep declares them all: there a first start may come
    /// before the app's role assignments have propagated, and Flex gives an instance 30 s to start.
    /// </summary>
    public static IServiceCollection AddStorageCreatedAtStartup(this IServiceCollection services) =>
        services.AddHostedService<StorageCreation>();

    /// <summary>
    /// The SDK's defaults (3 retries up to a minute apart, 100 s network timeout) would hold an intake
    /// request for minutes while storage is down; a few fast retries let it answer 503 within seconds.
    /// The triggers keep their own retry (redelivery), so nothing is lost by failing fast here.
    /// </summary>
    private static void FailFast(Azure.Core.ClientOptions options)
    {
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }

    // The triggers read base64; the v12 QueueClient writes plain text unless told (azure-sdk-for-net #21449).
    private static void UseBase64(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;

    private static Uri RequiredUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionSetting} to a connection string, or {ConnectionSetting}__{key}.");

    /// <summary>Creates missing containers, queues and tables before the host takes traffic.</summary>
    private sealed class StorageCreation(PipelineStorage storage) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
