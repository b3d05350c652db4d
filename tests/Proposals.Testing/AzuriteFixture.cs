using Microsoft.Extensions.Logging.Abstractions;
using Proposals.LocalHost;
using Proposals.LocalHost.Azurite;
using Xunit;

namespace Proposals.Testing;

/// <summary>
/// A real Azurite for a test assembly, started the way the local host starts it, on free ports and a
/// throw-away folder so it never meets a developer's running instance or data.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "proposals-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public string RepositoryRootPath { get; } = RepositoryRoot.Find();

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.EnsureRunningAsync(
            RepositoryRootPath, Path.Combine(DataDirectory, "azurite"), AzuriteProcess.FreePorts(), NullLogger.Instance);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is not worth failing a test run for.
        }
    }
}
