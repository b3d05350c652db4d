using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Reconcile;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// What staff need when a submission does not come out of the pipeline: the ones still in it after
/// <see cref="PipelineOptions.StuckAfter"/>, the ones whose classify message is in <c>classify-poison</c>
/// (with the reason the row keeps), and a replay that puts them back on their way once the cause is fixed.
/// </summary>
public sealed partial class StuckSubmissions(
    StaffList list,
    SubmissionStore submissions,
    ClassifyQueues classify,
    SubmissionRedrive redrive,
    AuditTrail audit,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<StuckSubmissions> logger)
{
    public async Task<StuckReport> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var poisoned = await classify.PoisonedAsync(callId, cancellationToken);
        var now = time.GetUtcNow();
        var views = await list.QueryAsync(callId, rows => rows.Records()
            .Where(r => !r.HasLeftPipeline && !r.IsWaitingForStaff && (poisoned.ContainsKey(r.SubmissionId) || now - r.ReceivedAtUtc >= options.Value.StuckAfter))
            .OrderBy(r => r.ReceiptNumber, StringComparer.Ordinal)
            .Select(r => new StuckSubmissionView(
                r.SubmissionId, r.ReceiptNumber, r.Status, SubmissionStatus.Vietnamese(r.Status), r.ReceivedAtUtc,
                (long)(now - r.ReceivedAtUtc).TotalSeconds, poisoned.ContainsKey(r.SubmissionId), r.LastError, r.LastErrorAtUtc, r.ClassifyFailures))
            .ToList(), cancellationToken);
        return new StuckReport(callId, now, (long)options.Value.StuckAfter.TotalSeconds, views);
    }

    /// <summary>
    /// Sends the submission on again: its poison message back to <c>classify</c>; without one, as
    /// <see cref="SubmissionRedrive"/> does. False for an unknown submission. Repeating it is harmless: both
    /// stages are idempotent and a finished one is left alone. On the audit trail, with who asked.
    /// </summary>
    public async Task<bool> ReplayAsync(string callId, string submissionId, string actor, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = callId, ["SubmissionId"] = submissionId });
        var record = await submissions.FindAsync(callId, submissionId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        await audit.RecordAsync(callId, AuditActions.Replay, actor, submissionId, record.ReceiptNumber, null, null, cancellationToken);

        var moved = await classify.MovePoisonedBackAsync(callId, submissionId, cancellationToken);
        if (record.HasLeftPipeline)
        {
            LogReplayed(logger, submissionId, "already finished", moved);
            return true;
        }

        record = await submissions.UpdateAsync(record, current =>
        {
            current.ClassifyFailures = 0; // a fresh set of tries; LastError stays until it succeeds
            return true;
        }, cancellationToken);

        var action = moved > 0 ? "poison message back on classify" : (await redrive.SendOnAsync(record, cancellationToken)).ToString();
        LogReplayed(logger, submissionId, action, moved);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff replayed {SubmissionId}: {Action} ({Moved} poison messages moved)")]
    private static partial void LogReplayed(ILogger logger, string submissionId, string action, int moved);
}

public sealed record StuckReport(string CallId, DateTimeOffset CheckedAtUtc, long StuckAfterSeconds, IReadOnlyList<StuckSubmissionView> Submissions);

public sealed record StuckSubmissionView(
    string SubmissionId,
    string ReceiptNumber,
    string Status,
    string StatusVi,
    DateTimeOffset ReceivedAtUtc,
    long AgeSeconds,
    bool Poisoned,
    string? LastError,
    DateTimeOffset? LastErrorAtUtc,
    int ClassifyFailures);
