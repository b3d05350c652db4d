using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Proposals.LocalHost;

namespace Proposals.Testing;

/// <summary>
/// The built local host (<c>Proposals.LocalHost.dll</c>) as a process of its own on a free port, for tests
/// that must see whether the process itself survives; its console output is kept for the test to read.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();

    private LocalHostProcess(Process process, int port)
    {
        Process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public Process Process { get; }

    public HttpClient Client { get; }

    public IReadOnlyCollection<string> Output => _output;

    /// <param name="environment">Configuration as environment variables (<c>Section__Key</c>), storage included.</param>
    public static LocalHostProcess Start(IDictionary<string, string?> environment)
    {
        var root = RepositoryRoot.Find();
        var port = FreePort();
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!; // Debug or Release, as the test was built
        var start = new ProcessStartInfo("dotnet", Path.Combine(root, "functions", "Proposals.LocalHost", "bin", configuration, "net10.0", "Proposals.LocalHost.dll"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        var host = new LocalHostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the API answers <paramref name="readyPath"/> with a success.</summary>
    public Task WaitUntilReadyAsync(string readyPath) =>
        RunningLocalHost.EventuallyAsync(async () =>
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited ({Process.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(40))}");
            }

            try
            {
                using var response = await Client.GetAsync(readyPath);
                return response.IsSuccessStatusCode ? "ready" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(60), "the local host to start");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
