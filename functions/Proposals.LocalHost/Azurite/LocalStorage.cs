using Proposals.Pipeline.Storage;

namespace Proposals.LocalHost.Azurite;

/// <summary>
/// The storage the local host runs on: the configured one (<c>AzureWebJobsStorage</c>, e.g. a real account),
/// or Azurite, started here unless one already listens, with its data in <c>.data/azurite</c>. Disposing it
/// stops an Azurite this process started.
/// </summary>
public sealed class LocalStorage : IAsyncDisposable
{
    private LocalStorage(string connectionString, string dataDirectory, AzuriteProcess? azurite)
    {
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        Azurite = azurite;
    }

    public string ConnectionString { get; }

    /// <summary>Where the local host keeps its data: <c>LocalHost:DataDirectory</c>, by default <c>.data/</c>.</summary>
    public string DataDirectory { get; }

    public AzuriteProcess? Azurite { get; }

    public static async Task<LocalStorage> StartAsync(string repositoryRoot, string[] args)
    {
        var startup = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var dataDirectory = Path.GetFullPath(startup["LocalHost:DataDirectory"] ?? Path.Combine(repositoryRoot, ".data"));
        if (startup[StorageRegistration.ConnectionSetting] is { Length: > 0 } configured)
        {
            return new LocalStorage(configured, dataDirectory, null);
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var azurite = await AzuriteProcess.EnsureRunningAsync(
            repositoryRoot, Path.Combine(dataDirectory, "azurite"), AzuritePorts.Default, loggerFactory.CreateLogger("LocalHost"));
        return new LocalStorage(azurite.ConnectionString, dataDirectory, azurite);
    }

    public async ValueTask DisposeAsync()
    {
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
