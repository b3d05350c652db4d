using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Closeout;

namespace Proposals.Functions.Triggers;

/// <summary>
/// Every minute, in UTC (time zones are not honoured on Linux Consumption): each call past its deadline
/// gets its report once the pipeline has drained. A late or doubled run is harmless.
/// </summary>
public sealed class CloseoutCalls(CloseoutStage stage)
{
    public const string EveryMinute = "0 * * * * *";

    [Function(nameof(CloseoutCalls))]
    // A failed run is retried twice within the minute (storage throttling, a SendGrid blip) rather
    // than waiting for the next tick; the stage is idempotent, so a retry after a partial run is safe.
    [FixedDelayRetry(2, "00:00:10")]
    public Task Run([TimerTrigger(EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) =>
        stage.RunAsync(cancellationToken);
}
