using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Retention;

namespace Proposals.Functions.Triggers;

/// <summary>
/// Every hour, in UTC: each call whose retention has passed, and whose report staff have confirmed archived, is purged
/// (<see cref="RetentionPurge"/>). Runs on any instance; a lease on the call's retention row keeps it to one at a time,
/// and a run cut short is finished by the next.
/// </summary>
public sealed class PurgeExpiredCalls(RetentionPurge purge)
{
    public const string Hourly = "0 17 * * * *";

    [Function(nameof(PurgeExpiredCalls))]
    [FixedDelayRetry(2, "00:00:30")]
    public Task Run([TimerTrigger(Hourly)] TimerInfo timer, CancellationToken cancellationToken) =>
        purge.RunAsync(cancellationToken);
}
