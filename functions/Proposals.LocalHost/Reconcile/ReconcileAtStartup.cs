using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Reconcile;

namespace Proposals.LocalHost.Reconcile;

/// <summary>
/// After a crash (or a kill) the host starts by putting blobs and rows back in step for every call; a
/// failure here is logged and never stops the host, the closeout reconciles again.
/// </summary>
public sealed partial class ReconcileAtStartup(CallCatalog calls, Reconciler reconciler, ILogger<ReconcileAtStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var call in calls.All)
        {
            try
            {
                await reconciler.ReconcileAsync(call.Id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, call.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling call {CallId} at start-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string callId);
}
