using Proposals.Domain.Submissions;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Reconcile;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.LocalHost.Triggers;

/// <summary>
/// The local stand-in for Event Grid's delivery guarantee. In Azure the examination stage fires on Event
/// Grid's blob-created event, delivered with retries. Locally intake's arrival notice
/// (<see cref="LocalBlobCreatedEvents"/>) lives in memory only, and submissions written another way (an
/// emailed or paper one accepted by staff, one left by a host that died) raise none. The WebJobs SDK's
/// blob trigger used to stand behind it, but its container scan is best effort (two of five submissions
/// posted within one second never fired) and it validated every submission a second time (issue 23). So
/// every few seconds this sweep sends on (<see cref="SubmissionRedrive"/>) any submission still
/// <c>received</c> a little while after its <c>submission.json</c> was written; validation is idempotent,
/// so a late notice changes nothing. It finds them in the staff list the host keeps in memory, not by
/// scanning the table.
/// </summary>
public sealed partial class ReceivedSubmissionsSweep(
    CallCatalog calls,
    StaffList list,
    SubmissionStore submissions,
    SubmissionRedrive redrive,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<ReceivedSubmissionsSweep> logger) : BackgroundService
{
    /// <summary>Younger ones are left to the arrival notice (and may still be mid-intake).</summary>
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

    /// <summary>Validates what the arrival notice has not; returns how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Grace;
        var validated = 0;
        foreach (var call in calls.All)
        {
            var waiting = await list.QueryAsync(call.Id, rows => rows.Records()
                .Where(r => r.Status == SubmissionStatus.Received && r.ReceivedAtUtc < cutoff).Select(r => r.SubmissionId).ToList(), cancellationToken);
            foreach (var submissionId in waiting)
            {
                // Without submission.json intake never finished: the reconciler removes those, not us.
                if (await submissions.HasFieldsAsync(call.Id, submissionId, cancellationToken)
                    && await submissions.FindAsync(call.Id, submissionId, cancellationToken) is { } record
                    && await redrive.SendOnAsync(record, cancellationToken) == RedriveAction.Validated)
                {
                    LogPickedUp(logger, submissionId);
                    validated++;
                }
            }
        }

        return validated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validated {SubmissionId}, which no arrival notice had started")]
    private static partial void LogPickedUp(ILogger logger, string submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping received submissions failed ({ExceptionType}: {Reason}); trying again shortly")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string reason);
}
