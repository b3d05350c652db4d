using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Proposals.LocalHost.Azurite;

/// <summary>
/// Azurite, the Azure Storage emulator, for one machine and for tests. Uses one that already listens on
/// the ports; otherwise installs it with npm into the git-ignored <c>.tools/</c> folder when missing,
/// starts it, and stops it (SIGTERM, then kill) when disposed.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    public const string Version = "3.37.0";

    /// <summary>Azurite's well-known development account key (public, the same everywhere).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process? _process;
    private readonly ILogger _logger;

    private AzuriteProcess(AzuritePorts ports, Process? process, ILogger logger)
    {
        Ports = ports;
        _process = process;
        _logger = logger;
    }

    public AzuritePorts Ports { get; }

    /// <summary>Whether this process started Azurite (and so stops it).</summary>
    public bool Owned => _process is not null;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{Ports.Blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{Ports.Queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{Ports.Table}/devstoreaccount1;";

    public static async Task<AzuriteProcess> EnsureRunningAsync(
        string repositoryRoot, string dataDirectory, AzuritePorts ports, ILogger logger, CancellationToken cancellationToken = default)
    {
        var listening = new[] { ports.Blob, ports.Queue, ports.Table }.Count(IsListening);
        if (listening == 3)
        {
            LogReusing(logger, ports.Blob);
            return new AzuriteProcess(ports, null, logger);
        }

        if (listening > 0)
        {
            throw new InvalidOperationException(
                $"Some of the ports {ports.Blob}, {ports.Queue}, {ports.Table} are in use by something that is not a complete Azurite; free them or stop it.");
        }

        var script = await InstallAsync(repositoryRoot, logger, cancellationToken);
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--silent", "--location", dataDirectory, "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                LogAzuriteError(logger, e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(ports, process, logger);
        var deadline = Stopwatch.StartNew();
        while (!new[] { ports.Blob, ports.Queue, ports.Table }.All(IsListening))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start listening on {ports.Blob}-{ports.Table} (exit: {(process.HasExited ? process.ExitCode : "still running")}).");
            }

            await Task.Delay(100, cancellationToken);
        }

        LogStarted(logger, ports.Blob, ports.Queue, ports.Table, dataDirectory);
        return azurite;
    }

    /// <summary>Three free loopback ports, for tests that must not meet a developer's running Azurite.</summary>
    public static AzuritePorts FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ =>
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return new AzuritePorts(ports[0], ports[1], ports[2]);
    }

    private static async Task<string> InstallAsync(string repositoryRoot, ILogger logger, CancellationToken cancellationToken)
    {
        var prefix = Path.Combine(repositoryRoot, ".tools", "azurite-" + Version);
        var script = Path.Combine(prefix, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }

        // Test assemblies run in parallel: one installs, the others wait for it.
        Directory.CreateDirectory(Path.Combine(repositoryRoot, ".tools"));
        await using var installLock = await LockAsync(Path.Combine(repositoryRoot, ".tools", "azurite-install.lock"), cancellationToken);
        if (File.Exists(script))
        {
            return script;
        }

        LogInstalling(logger, Version, prefix);
        Directory.CreateDirectory(prefix);
        var install = new ProcessStartInfo("npm")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", $"azurite@{Version}" })
        {
            install.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(install) ?? throw new InvalidOperationException("npm is needed to install Azurite (Node.js 20+).");
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        _ = await npm.StandardOutput.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !File.Exists(script))
        {
            throw new InvalidOperationException($"npm install azurite@{Version} failed ({npm.ExitCode}): {await errors}");
        }

        return script;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(System.Net.IPAddress.Loopback, port).Wait(TimeSpan.FromMilliseconds(300)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null || _process.HasExited)
        {
            _process?.Dispose();
            return;
        }

        // SIGTERM lets Azurite flush its data files; kill only if it does not go within five seconds.
        if (OperatingSystem.IsWindows() || Kill(_process.Id, 15) != 0)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        LogStopped(_logger);
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054 // one int-only call; source-generated marshalling would need unsafe code
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the Azurite already listening on 127.0.0.1:{BlobPort}")]
    private static partial void LogReusing(ILogger logger, int blobPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing Azurite {Version} into {Prefix} (once)")]
    private static partial void LogInstalling(ILogger logger, string version, string prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite on 127.0.0.1:{BlobPort}/{QueuePort}/{TablePort}, data in {Location}")]
    private static partial void LogStarted(ILogger logger, int blobPort, int queuePort, int tablePort, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped Azurite")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite: {Line}")]
    private static partial void LogAzuriteError(ILogger logger, string line);
}

public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);
}
