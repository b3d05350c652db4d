using System.Security.Cryptography;
using Microsoft.Extensions.Configuration.Memory;
using Proposals.Functions;
using Proposals.Functions.Http;
using Proposals.LocalHost.Diagnostics;
using Proposals.LocalHost.Http;
using Proposals.LocalHost.Reconcile;
using Proposals.LocalHost.Triggers;
using Proposals.Pipeline;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Storage;

namespace Proposals.LocalHost;

/// <summary>
/// The one-machine host: the API and the pages (the Functions app's very HTTP functions), the WebJobs
/// triggers, and the local stand-ins for what Azure provides (Event Grid, its delivery guarantee).
/// </summary>
public static partial class LocalPipelineHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>A built host, as <c>Program.cs</c> builds it; tests pass their own settings and services.</summary>
    /// <param name="args">Command-line arguments (standard .NET configuration).</param>
    /// <param name="repositoryRoot">The checkout: <c>web/</c> and <c>host.json</c> are read from it.</param>
    /// <param name="dataDirectory">Where the outbox and the local secrets live (git-ignored <c>.data/</c>).</param>
    /// <param name="storageConnectionString">Azurite's connection string, unless configuration names another.</param>
    /// <param name="settings">Configuration that wins over everything else (tests use it).</param>
    /// <param name="services">Last word on services; tests swap the clock here.</param>
    public static WebApplication Build(
        string[] args, string repositoryRoot, string dataDirectory, string storageConnectionString,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = repositoryRoot });
        builder.AddLocalHost(repositoryRoot, dataDirectory, storageConnectionString, settings);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapLocalHost(repositoryRoot);
        return app;
    }

    /// <summary>Configuration defaults, the pipeline, the HTTP functions, the triggers and the local stand-ins.</summary>
    public static WebApplicationBuilder AddLocalHost(
        this WebApplicationBuilder builder, string repositoryRoot, string dataDirectory, string storageConnectionString,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        builder.Configuration.AddLocalDefaults(repositoryRoot, dataDirectory, storageConnectionString, settings);
        builder.WebHost.UseUrls(builder.Configuration["urls"]!);

        builder.Services.AddMvcCore(); // executes the functions' IActionResult answers
        builder.Services.AddSingleton<LocalBlobCreatedEvents>(); // before the pipeline's own, which it replaces
        builder.Services.AddSingleton<ISubmissionArrivals>(sp => sp.GetRequiredService<LocalBlobCreatedEvents>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalBlobCreatedEvents>()); // Event Grid, locally
        builder.Services.AddProposalPipeline(builder.Configuration);
        builder.Services.AddStorageCreatedAtStartup(); // in Azure the Bicep declares them
        builder.Services.AddProposalHttp();
        builder.Services.AddSingleton<TriggerEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TriggerEngine>()); // blob, queue and timer triggers; survives storage outages
        builder.Services.AddHostedService<ReconcileAtStartup>();
        builder.Services.AddSingleton<ReceivedSubmissionsSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceivedSubmissionsSweep>()); // Event Grid's guarantee, locally
        if (builder.Configuration.GetValue<bool>(StorageRequestCounter.Setting))
        {
            builder.Services.AddHostedService(sp => new StorageRequestCountsFile(sp.GetRequiredService<StorageRequestCounter>(), dataDirectory)); // the bench's cost part
        }
        return builder;
    }

    /// <summary>The security headers on every answer, then every HTTP function of the Functions app on its own route.</summary>
    public static WebApplication MapLocalHost(this WebApplication app, string repositoryRoot)
    {
        app.Use((context, next) =>
        {
            SecurityHeaders.Apply(context); // as SecurityHeadersMiddleware does in the Functions app
            return next(context);
        });
        app.MapFunctionEndpoints(Path.Combine(repositoryRoot, "host.json")); // the pages too: ServeWebFile
        return app;
    }

    /// <summary>The local host's defaults, below anything in appsettings, the environment or the command line.</summary>
    private static void AddLocalDefaults(
        this ConfigurationManager configuration, string repositoryRoot, string dataDirectory, string storageConnectionString,
        IReadOnlyDictionary<string, string?>? settings)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [StorageRegistration.ConnectionSetting] = storageConnectionString,
                ["Email:OutboxDirectory"] = Path.Combine(dataDirectory, "outbox"),
                ["Staff:ApiKey"] = LocalSecret(dataDirectory, "staff-key.txt", 16),
                ["TrackingTokens:Key"] = LocalSecret(dataDirectory, "tracking-token-key.txt", 32),
                ["Inbound:Secret"] = LocalSecret(dataDirectory, "inbound-secret.txt", 24),
                [LocalTriggers.CloseoutScheduleSetting] = "0 * * * * *",
                [LocalTriggers.PurgeScheduleSetting] = "0 17 * * * *",
                ["Pipeline:PublicBaseUrl"] = DefaultUrl,
                ["WebFiles:Root"] = Path.Combine(repositoryRoot, "web"),
                ["urls"] = DefaultUrl,
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Azure.Core"] = "Error",
                ["Logging:LogLevel:Host"] = "Warning",
                ["Logging:LogLevel:Function"] = "Warning",
                ["Logging:LogLevel:Microsoft.Azure.WebJobs"] = "Warning",
            },
        });
        // The shipped calls/ beside the binaries, or a folder of the operator's (CallFiles:Directory).
        configuration.AddCallFiles(settings?.GetValueOrDefault(CallFilesConfiguration.DirectorySetting) ?? configuration[CallFilesConfiguration.DirectorySetting]);
        if (settings is not null)
        {
            configuration.AddInMemoryCollection(settings);
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = AgencyKeys(configuration, dataDirectory) });
    }

    /// <summary>
    /// A staff key per agency the configuration names (<c>.data/staff-keys/{agencyId}.txt</c>) and the Ministry's
    /// (<c>.data/staff-keys/ministry.txt</c>): each sees only its own calls, the Ministry only the national view.
    /// The single <c>staff-key.txt</c> stays the key of every agency. Keys set elsewhere win.
    /// </summary>
    private static Dictionary<string, string?> AgencyKeys(ConfigurationManager configuration, string dataDirectory)
    {
        var keys = Path.Combine(dataDirectory, StaffKeysFolder);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Staff:MinistryKey"] = LocalSecret(keys, StaffOptions.Ministry + ".txt", 16),
        };
        foreach (var agency in configuration.GetSection(CallCatalogOptions.AgenciesSection).GetChildren())
        {
            // Only ids start-up accepts (it refuses the rest): a configuration key never becomes an arbitrary path.
            if (AgencyIdPattern().IsMatch(agency.Key) && agency.Key != StaffOptions.Ministry)
            {
                data[$"Staff:AgencyKeys:{agency.Key}"] = LocalSecret(keys, agency.Key + ".txt", 16);
            }
        }

        return data;
    }

    /// <summary>The folder of <c>.data/</c> holding each agency's staff key and the Ministry's.</summary>
    public const string StaffKeysFolder = "staff-keys";

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex AgencyIdPattern();

    /// <summary>
    /// A local secret (the staff key, the tracking-token key), generated once and kept in <c>.data/</c> so
    /// it survives restarts; configuration set elsewhere wins over it.
    /// </summary>
    private static string LocalSecret(string dataDirectory, string fileName, int bytes)
    {
        var path = Path.Combine(dataDirectory, fileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { } existing && existing.Length >= bytes * 2)
        {
            return existing;
        }

        Directory.CreateDirectory(dataDirectory);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
        File.WriteAllText(path, secret);
        return secret;
    }
}
