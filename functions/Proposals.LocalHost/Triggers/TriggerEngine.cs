using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Azure;
using Proposals.Pipeline;
using Proposals.Pipeline.Storage;

namespace Proposals.LocalHost.Triggers;

/// <summary>
/// Runs the WebJobs SDK's trigger engine (blob, queue and timer listeners) as a host of its own inside
/// the local host, and builds a fresh one when a listener dies, so a storage outage never ends the process.
/// </summary>
/// <remarks>
/// Why: the listeners poll on the SDK's <c>TaskSeriesTimer</c>. An exception their polling does not
/// catch (Azurite gone: <c>ScanContainersStrategy.PollNewBlobsAsync</c> gets an <c>AggregateException</c>
/// "Retry failed after 3 tries ... Connection refused", a transport error with no HTTP status) ends the
/// timer's loop and goes to <see cref="IWebJobsExceptionHandler.OnUnhandledExceptionAsync"/>. The
/// default handler rethrows it on a new thread, which aborts the process (exit 134) about two seconds into
/// the outage; the Functions host's own handler stops its job host and lets the platform start another
/// (azure-functions-host <c>WebScriptHostExceptionHandler</c>). A <c>JobHost</c> cannot be started twice
/// and the dead timer cannot be restarted, so here the handler reports the failure and this service does
/// what the platform does in Azure: stops the engine and starts a new one, with a growing pause while
/// storage stays away. HTTP intake keeps running meanwhile (it answers 503 while storage is down); the
/// stages come from the application's services, so both engines share them.
/// </remarks>
public sealed partial class TriggerEngine(IServiceProvider services, IConfiguration configuration, ILoggerFactory loggerFactory) : BackgroundService
{
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRestartDelay = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly IServiceProvider _services = services;
    private readonly IConfiguration _configuration = configuration;
    private readonly ILoggerFactory _loggerFactory = loggerFactory;
    private readonly ILogger _logger = loggerFactory.CreateLogger<TriggerEngine>();
    private Engine? _first;
    private int _restarts;

    /// <summary>The first engine starts with the application, as the triggers always did; a misconfigured one fails the start.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _first = Engine.Build(this);
        await _first.Host.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engine = _first;
        var delay = FirstRestartDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (engine is null)
                {
                    engine = Engine.Build(this);
                    await engine.Host.StartAsync(stoppingToken);
                    LogRestarted(_logger, ++_restarts);
                }

                var running = System.Diagnostics.Stopwatch.StartNew();
                var failure = await engine.Failed.WaitAsync(stoppingToken);
                LogListenerFailed(_logger, failure.GetType().Name, failure.GetBaseException().Message, failure);
                if (running.Elapsed > HealthyAfter)
                {
                    delay = FirstRestartDelay; // a new outage, not the same one going on
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The application is stopping: stop the engine below and leave.
            }
#pragma warning disable CA1031 // storage may still be down: any start failure means "try again later"
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogStartFailed(_logger, e.GetType().Name, e.GetBaseException().Message);
            }

            if (engine is not null)
            {
                await StopQuietlyAsync(engine);
                engine = null;
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default); // cancelled: the loop ends
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRestartDelay.Ticks));
            }
        }
    }

    private async Task StopQuietlyAsync(Engine engine)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await engine.Host.StopAsync(timeout.Token);
        }
#pragma warning disable CA1031 // a dead listener or absent storage may make stopping fail; the engine is discarded either way
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStopFailed(_logger, e.GetType().Name, e.GetBaseException().Message);
        }

        engine.Host.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A trigger listener failed ({ExceptionType}: {Reason}); restarting the trigger engine, the process stays up")]
    private static partial void LogListenerFailed(ILogger logger, string exceptionType, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trigger engine did not start ({ExceptionType}: {Reason}); trying again shortly")]
    private static partial void LogStartFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping the failed trigger engine: {ExceptionType}: {Reason}")]
    private static partial void LogStopFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger engine started again (restart {Restarts})")]
    private static partial void LogRestarted(ILogger logger, int restarts);

    /// <summary>One WebJobs host with the three triggers, and the first failure its listeners report.</summary>
    private sealed class Engine : IWebJobsExceptionHandlerFactory, IWebJobsExceptionHandler, IJobActivator
    {
        private readonly TaskCompletionSource<Exception> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly IServiceProvider _services;

        private Engine(IServiceProvider services) => _services = services;

        public IHost Host { get; private set; } = null!;

        public Task<Exception> Failed => _failed.Task;

        public static Engine Build(TriggerEngine owner)
        {
            var engine = new Engine(owner._services);
            engine.Host = new HostBuilder()
                .ConfigureAppConfiguration(c => c.AddConfiguration(owner._configuration))
                .ConfigureWebJobs(webJobs =>
                {
                    webJobs.AddAzureStorageCoreServices();
                    webJobs.AddAzureStorageBlobs();
                    webJobs.AddAzureStorageQueues(queues =>
                    {
                        queues.MaxDequeueCount = PipelineOptions.ClassifyMaxDequeueCount; // then classify-poison, as host.json says for Azure
                        queues.BatchSize = 16;
                        queues.MaxPollingInterval = TimeSpan.FromSeconds(2);
                    });
                    webJobs.AddTimers();
                })
                .ConfigureServices(s =>
                {
                    // After the SDK's registrations, so these win: the application's logging (filters included),
                    // only our trigger class, the stages from the application's services, and this handler.
                    s.AddSingleton(owner._loggerFactory);
                    s.AddSingleton<ITypeLocator, LocalTriggerTypes>();
                    s.AddSingleton<IJobActivator>(engine);
                    s.AddSingleton<IWebJobsExceptionHandlerFactory>(engine);
                    if (owner._services.GetService<StorageRequestCounter>() is { } counter)
                    {
                        s.AddAzureClients(clients => clients.ConfigureDefaults(counter.Attach)); // the triggers' own polling and receipts, counted too
                    }
                })
                .Build();
            return engine;
        }

        public IWebJobsExceptionHandler Create(IHost jobHost) => this;

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            _failed.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }

        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            _failed.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }

        public T CreateInstance<T>() => ActivatorUtilities.GetServiceOrCreateInstance<T>(_services);
    }
}
