using Microsoft.Extensions.Logging;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Retention;

/// <summary>What a purge of one call came to.</summary>
public abstract record PurgeOutcome
{
    /// <summary>Purged now, by this run: the tombstone.</summary>
    public sealed record Purged(CallRetentionState Tombstone) : PurgeOutcome;

    /// <summary>Purged before: nothing to do.</summary>
    public sealed record AlreadyPurged(CallRetentionState Tombstone) : PurgeOutcome;

    public sealed record NoRetention : PurgeOutcome;

    public sealed record NotDue(DateTimeOffset PurgeAt) : PurgeOutcome;

    /// <summary>Due, but staff have not confirmed the report is archived: nothing is deleted.</summary>
    public sealed record AwaitingConfirmation(DateTimeOffset PurgeAt) : PurgeOutcome;

    /// <summary>Another instance holds the purge (or took it over mid-way): it finishes the job.</summary>
    public sealed record HeldElsewhere : PurgeOutcome;
}

/// <summary>What a purge would delete, listed before anything is: the dry run staff and operators look at.</summary>
public sealed record PurgePreview(
    string CallId,
    DateTimeOffset? PurgeAt,
    bool Due,
    string? ArchivedConfirmedBy,
    DateTimeOffset? ArchivedConfirmedAtUtc,
    DateTimeOffset? PurgedAtUtc,
    PurgeCounts Counts,
    IReadOnlyList<string> ReceiptNumbers,
    IReadOnlyList<string> ReportFiles,
    IReadOnlyList<string> Kept);

public sealed record PurgeCounts(int Submissions, int Documents, int Emails, int IntakeKeys, int LateAttempts, int ReportFiles)
{
    public static PurgeCounts Of(CallRetentionState state) =>
        new(state.Submissions, state.Documents, state.Emails, state.IntakeKeys, state.LateAttempts, state.ReportFiles);
}

/// <summary>
/// Carries out each call's retention (the call file's <c>retention</c>): once the purge date has passed and staff have
/// confirmed the report is archived, deletes the call's documents, submission rows, receipt keys, email records (sent,
/// and received: the inbound emails that became its submissions), late attempts, tax-code index and report files, and keeps a tombstone (the counts, the date, who confirmed). Run by a
/// timer on every instance: a lease on the call's <see cref="CallRetentionState"/> row (ETag-conditional) lets one
/// instance work at a time, every step is a delete-if-present, and submission rows go last for each submission, so a
/// run cut short anywhere is finished by the next one, here or elsewhere. A purged call finds nothing more to do.
/// </summary>
/// <remarks>
/// Kept on purpose: the audit trail (who did what, with ids, never the submitter's data), the report run rows
/// (<c>CloseoutRuns</c>: counts and dates, and what stops the closeout from writing the report again), and the
/// change entries that only say "deleted" (ids), which the staff list's own pruning removes.
/// </remarks>
public sealed partial class RetentionPurge(
    CallCatalog calls,
    RetentionLedger ledger,
    SubmissionStore submissions,
    EmailLedger emails,
    InboundEmails inbound,
    IntakeKeys keys,
    LateAttempts late,
    SubmissionVersions versions,
    ReportStore reports,
    ReportRevisions revisions,
    StaffListCheckpoints checkpoints,
    AuditTrail audit,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    public const string SystemActor = "system (retention)";

    /// <summary>How long an instance holds a call's purge before another may take it over; renewed as it goes.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const int RenewEvery = 25;
    private const int PreviewListMax = 500;

    private static readonly string Instance = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The timer's work: every served call whose purge is due and confirmed, and the email allowances of past hours.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await emails.PruneRecipientAllowancesAsync(time.GetUtcNow().AddHours(-1), cancellationToken);
        foreach (var call in calls.All)
        {
            var outcome = await PurgeAsync(call, cancellationToken);
            switch (outcome)
            {
                case PurgeOutcome.Purged purged:
                    LogPurged(logger, call.Id, purged.Tombstone.Submissions, purged.Tombstone.Documents);
                    break;
                case PurgeOutcome.AwaitingConfirmation waiting:
                    LogAwaitingConfirmation(logger, call.Id, waiting.PurgeAt);
                    break;
            }
        }
    }

    public async Task<PurgeOutcome> PurgeAsync(CallDefinition call, CancellationToken cancellationToken)
    {
        if (call.PurgeAt is not { } purgeAt)
        {
            return new PurgeOutcome.NoRetention();
        }

        var now = time.GetUtcNow();
        var state = await ledger.FindAsync(call.Id, cancellationToken);
        if (state?.PurgedAtUtc is not null)
        {
            return new PurgeOutcome.AlreadyPurged(state);
        }

        if (now < purgeAt)
        {
            return new PurgeOutcome.NotDue(purgeAt);
        }

        if (state is not { IsArchiveConfirmed: true })
        {
            return new PurgeOutcome.AwaitingConfirmation(purgeAt);
        }

        if (state.LeaseOwner is not null && state.LeaseOwner != Instance && state.LeaseUntilUtc > now)
        {
            return new PurgeOutcome.HeldElsewhere();
        }

        // Take the lease; the first taker also counts what there is, once, for the tombstone.
        var firstRun = state.PurgeStartedAtUtc is null;
        if (firstRun)
        {
            var counts = await CountAsync(call.Id, cancellationToken);
            (state.Submissions, state.Documents, state.Emails, state.IntakeKeys, state.LateAttempts, state.ReportFiles) =
                (counts.Submissions, counts.Documents, counts.Emails, counts.IntakeKeys, counts.LateAttempts, counts.ReportFiles);
            state.PurgeStartedAtUtc = now;
        }

        state.LeaseOwner = Instance;
        state.LeaseUntilUtc = now + Lease;
        if (!await ledger.TrySaveAsync(state, cancellationToken))
        {
            return new PurgeOutcome.HeldElsewhere();
        }

        if (firstRun)
        {
            await audit.RecordAsync(call.Id, AuditActions.Purge, SystemActor, null, null, "retention",
                $"{state.Submissions} submissions, {state.Documents} documents, {state.ReportFiles} report files; archive confirmed by {state.ArchivedConfirmedBy}",
                cancellationToken);
        }

        // Each submission: its emails, its documents, then its row, so a rerun finds what is left by its row.
        var done = 0;
        await foreach (var record in submissions.ScanAsync(call.Id, ["PartitionKey", "RowKey", "Revision"], cancellationToken))
        {
            await emails.DeleteScopeAsync(record.SubmissionId, cancellationToken);
            await submissions.DeleteFolderAsync(call.Id, record.SubmissionId, cancellationToken);
            await submissions.DeleteAsync(record, cancellationToken);
            if (++done % RenewEvery == 0 && !await RenewAsync(state, cancellationToken))
            {
                return new PurgeOutcome.HeldElsewhere();
            }
        }

        await emails.DeleteScopeAsync(call.Id, cancellationToken);
        await inbound.DeleteCallAsync(call.Id, cancellationToken);
        await keys.DeleteCallAsync(call.Id, cancellationToken);
        await late.DeleteCallAsync(call.Id, cancellationToken);
        await versions.DeleteCallAsync(call.Id, cancellationToken);
        await reports.DeleteCallAsync(call.Id, cancellationToken);
        await foreach (var leftover in submissions.BlobsAsync(call.Id, cancellationToken))
        {
            await submissions.DeleteBlobAsync(leftover.Name, cancellationToken); // a folder without a row (an intake cut short)
        }

        // The change entries carry listed columns (names, tax codes); those written by the purge only say "deleted".
        await submissions.PruneChangesAsync(call.Id, state.PurgeStartedAtUtc!.Value, int.MaxValue, cancellationToken);
        await checkpoints.DeleteAsync(call.Id, cancellationToken);

        state.PurgedAtUtc = time.GetUtcNow();
        state.LeaseOwner = null;
        state.LeaseUntilUtc = null;
        return await ledger.TrySaveAsync(state, cancellationToken)
            ? new PurgeOutcome.Purged(state)
            : new PurgeOutcome.HeldElsewhere();
    }

    /// <summary>The dry run: what a purge of the call would delete now, and whether it is due and confirmed. Deletes nothing.</summary>
    public async Task<PurgePreview> PreviewAsync(CallDefinition call, CancellationToken cancellationToken)
    {
        var state = await ledger.FindAsync(call.Id, cancellationToken);
        var receipts = new List<string>();
        await foreach (var record in submissions.ScanAsync(call.Id, ["RowKey", "ReceiptNumber"], cancellationToken))
        {
            receipts.Add(record.ReceiptNumber);
        }

        var counts = await CountAsync(call.Id, cancellationToken);
        var reportFiles = await reports.ListCallAsync(call.Id, cancellationToken);
        return new PurgePreview(
            call.Id, call.PurgeAt, call.PurgeAt <= time.GetUtcNow(),
            state?.ArchivedConfirmedBy, state?.ArchivedConfirmedAtUtc, state?.PurgedAtUtc,
            state?.PurgedAtUtc is not null ? PurgeCounts.Of(state) : counts,
            [.. receipts.Order(StringComparer.Ordinal).Take(PreviewListMax)],
            [.. reportFiles.Take(PreviewListMax)],
            ["audit trail (AuditTrail)", "report runs (CloseoutRuns: counts, dates)", "this call's retention record and tombstone (CallRetention)"]);
    }

    /// <summary>
    /// Staff confirm that the report has been archived (a records office, the document management system): the purge
    /// waits for it. Refused before the deadline and before a report exists. Recorded on the audit trail first.
    /// </summary>
    public async Task<ArchiveConfirmation> ConfirmArchivedAsync(CallDefinition call, string actor, string? note, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > Exclusions.NoteMaxLength })
        {
            return new ArchiveConfirmation.NoteTooLong();
        }

        if (call.AcceptsSubmissionsAt(time.GetUtcNow()) || time.GetUtcNow() < call.DeadlineInstant)
        {
            return new ArchiveConfirmation.CallStillOpen();
        }

        if (!(await revisions.ListAsync(call.Id, cancellationToken)).Any(r => r.CompletedAtUtc is not null))
        {
            return new ArchiveConfirmation.NoReport();
        }

        if (await ledger.FindAsync(call.Id, cancellationToken) is { PurgedAtUtc: not null } purged)
        {
            return new ArchiveConfirmation.Done(purged, null);
        }

        var entry = await audit.RecordAsync(call.Id, AuditActions.ConfirmArchived, actor, null, null, null, note, cancellationToken);
        var now = time.GetUtcNow();
        var state = await ledger.UpdateAsync(call.Id, current =>
        {
            current.ArchivedConfirmedBy = actor;
            current.ArchivedConfirmedAtUtc = now;
            current.ArchivedNote = note;
            return true;
        }, retryOnConflict: true, cancellationToken);
        return new ArchiveConfirmation.Done(state!, entry);
    }

    public Task<CallRetentionState?> StateAsync(string callId, CancellationToken cancellationToken) => ledger.FindAsync(callId, cancellationToken);

    private async Task<bool> RenewAsync(CallRetentionState state, CancellationToken cancellationToken)
    {
        state.LeaseUntilUtc = time.GetUtcNow() + Lease;
        return await ledger.TrySaveAsync(state, cancellationToken);
    }

    private async Task<PurgeCounts> CountAsync(string callId, CancellationToken cancellationToken)
    {
        int rows = 0, documents = 0, emailCount = 0;
        await foreach (var record in submissions.ScanAsync(callId, ["RowKey"], cancellationToken))
        {
            rows++;
            emailCount += await emails.CountScopeAsync(record.SubmissionId, cancellationToken);
        }

        await foreach (var _ in submissions.BlobsAsync(callId, cancellationToken))
        {
            documents++;
        }

        emailCount += await emails.CountScopeAsync(callId, cancellationToken);
        return new PurgeCounts(rows, documents, emailCount,
            await keys.CountCallAsync(callId, cancellationToken), await late.CountCallAsync(callId, cancellationToken),
            (await reports.ListCallAsync(callId, cancellationToken)).Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} purged after its retention: {Submissions} submissions, {Documents} blobs")]
    private static partial void LogPurged(ILogger logger, string callId, int submissions, int documents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} is due for purging since {PurgeAt}, waiting for staff to confirm the report is archived")]
    private static partial void LogAwaitingConfirmation(ILogger logger, string callId, DateTimeOffset purgeAt);
}

/// <summary>What staff get when they confirm a call's report is archived.</summary>
public abstract record ArchiveConfirmation
{
    public sealed record Done(CallRetentionState State, AuditEntry? Audit) : ArchiveConfirmation;

    public sealed record CallStillOpen : ArchiveConfirmation;

    public sealed record NoReport : ArchiveConfirmation;

    public sealed record NoteTooLong : ArchiveConfirmation;
}
