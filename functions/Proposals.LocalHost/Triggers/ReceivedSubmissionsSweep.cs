using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Validate;

namespace Proposals.LocalHost.Triggers;

/// <summary>
/// The local stand-in for Event Grid's delivery guarantee. In Azure the validate stage fires on Event
/// Grid's blob-created event, delivered with retries. Locally the WebJobs SDK finds new blobs by
/// scanning the container every 10 s, which its documentation calls best effort, and a burst can slip
/// past it (seen here: two of five submissions posted within one second never fired). So every few
/// seconds this sweep validates any submission still <c>received</c> a little while after its
/// <c>submission.json</c> was written; validation is idempotent, so a late trigger changes nothing.
/// </summary>
public sealed partial class ReceivedSubmissionsSweep(
    CallCatalog calls,
    SubmissionRepository submissions,
    ValidationStage validation,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<ReceivedSubmissionsSweep> logger) : BackgroundService
{
    /// <summary>Younger ones are left to the blob trigger (and may still be mid-intake).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private TimeSpan Interval => configuration.GetValue("LocalHost:ReceivedSweepInterval", TimeSpan.FromSeconds(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name, e.GetBaseException().Message); // storage away: the next tick tries again
            }
        }
    }

    /// <summary>Validates what the blob trigger has not; returns how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Grace;
        var validated = 0;
        foreach (var call in calls.All)
        {
            await foreach (var submissionId in submissions.ReceivedBeforeAsync(call.Id, cutoff, cancellationToken))
            {
                // Without submission.json intake never finished: the reconciler removes those, not us.
                if (await submissions.Blob(call.Id, submissionId, StorageNames.SubmissionFieldsBlob).ExistsAsync(cancellationToken))
                {
                    await validation.ValidateAsync(call.Id, submissionId, cancellationToken);
                    LogPickedUp(logger, submissionId);
                    validated++;
                }
            }
        }

        return validated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated {SubmissionId}, which the blob trigger had not picked up")]
    private static partial void LogPickedUp(ILogger logger, string submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping received submissions failed ({ExceptionType}: {Reason}); trying again shortly")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string reason);
}
