using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>Configuration section <c>StaffList</c>.</summary>
public sealed class StaffListOptions
{
    public const string Section = "StaffList";

    /// <summary>At most one look at the change feed per call this often; a classified submission shows within it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How far back each look at the change feed reaches before the newest change it has seen: covers
    /// writers whose clocks run a little behind. Changes seen twice are applied once (by revision).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RefreshOverlap { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Every <see cref="SweepEvery"/> a look reaches this far back instead: for a write whose transaction
    /// took long to commit (storage retries), so its entry appeared after newer ones were read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ChangeOverlap { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A checkpoint is written after this many changes, or <see cref="CheckpointEvery"/> after the last one.</summary>
    [Range(1, int.MaxValue)]
    public int CheckpointAfterChanges { get; set; } = 2000;

    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A call nobody has listed for this long is dropped from this instance's memory.</summary>
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// The staff console's view of every call's submissions, kept in memory by each instance that serves
/// staff, so a page, a search or the overview costs the same at 100,000 submissions as at 1,000:
/// no request reads the call's partition.
/// </summary>
/// <remarks>
/// <para>Loading: the call's last checkpoint (<see cref="StaffListCheckpoints"/>: every row's listed
/// columns, gzipped, written now and then by whichever instance has changes to record), or, the first time
/// ever, one scan of the partition with the listed columns. Then it follows the feed of changes that
/// <see cref="SubmissionStore"/> writes in the same transaction as each row, at most once per
/// <see cref="StaffListOptions.RefreshInterval"/>: a range read of a few entries. A change is applied only
/// when its revision is newer than the row's, so an entry seen twice, or out of order, changes nothing.</para>
/// <para>With many instances each holds its own copy; only those that serve staff requests load one, and
/// they agree because they read the same feed. Page tokens name a position in the order (the sort key of
/// the last row), not an offset, so any instance can serve the next page and rows that arrive meanwhile
/// neither repeat nor push others off a page.</para>
/// </remarks>
public sealed partial class StaffList(
    SubmissionStore submissions,
    StaffListCheckpoints checkpoints,
    TimeProvider time,
    IOptions<StaffListOptions> options,
    ILogger<StaffList> logger)
{
    private const int MaxPrunedPerCheckpoint = 2000;

    private readonly ConcurrentDictionary<string, CallList> _calls = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="query"/> on the call's list as it is now (caught up with the feed).</summary>
    public async Task<T> QueryAsync<T>(string callId, Func<CallList, T> query, CancellationToken cancellationToken)
    {
        var list = _calls.GetOrAdd(callId, id => new CallList(id));
        await RefreshAsync(list, cancellationToken);
        EvictIdle(callId);
        lock (list)
        {
            return query(list);
        }
    }

    /// <summary>
    /// Takes a row this instance has just written (a staff decision), so the same staff member's next page
    /// shows it at once; other instances read it from the change feed within a refresh interval.
    /// </summary>
    public void Observe(SubmissionRecord record)
    {
        if (_calls.TryGetValue(record.CallId, out var list) && list.Loaded)
        {
            lock (list)
            {
                list.Apply(record);
            }
        }
    }

    private async Task RefreshAsync(CallList list, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        list.LastUsedUtc = now;
        if (list.Loaded && now - list.RefreshedAtUtc < settings.RefreshInterval)
        {
            return;
        }

        await list.Gate.WaitAsync(cancellationToken);
        try
        {
            if (list.Loaded && time.GetUtcNow() - list.RefreshedAtUtc < settings.RefreshInterval)
            {
                return; // another request refreshed it while this one waited
            }

            if (!list.Loaded)
            {
                await LoadAsync(list, cancellationToken);
            }

            // A short look back on every refresh; a long one now and then, for late commits.
            var checkedAt = time.GetUtcNow();
            var sweep = checkedAt - list.SweptAtUtc >= settings.SweepEvery;
            var since = list.Position - (sweep ? settings.ChangeOverlap : settings.RefreshOverlap);
            var changes = new List<SubmissionChange>();
            await foreach (var change in submissions.ChangesSinceAsync(list.CallId, since, cancellationToken))
            {
                changes.Add(change);
            }

            if (sweep)
            {
                list.SweptAtUtc = checkedAt;
            }

            lock (list)
            {
                foreach (var change in changes)
                {
                    list.Apply(change);
                }
            }

            list.RefreshedAtUtc = time.GetUtcNow();
            if (list.ChangesSinceCheckpoint >= settings.CheckpointAfterChanges
                || (list.ChangesSinceCheckpoint > 0 && list.RefreshedAtUtc - list.CheckpointedAtUtc >= settings.CheckpointEvery))
            {
                list.ChangesSinceCheckpoint = 0;
                list.CheckpointedAtUtc = list.RefreshedAtUtc;
                _ = CheckpointAsync(list); // in the background: the request does not wait for it
            }
        }
        finally
        {
            list.Gate.Release();
        }
    }

    private async Task LoadAsync(CallList list, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var checkpoint = await checkpoints.ReadAsync(list.CallId, cancellationToken);
        lock (list)
        {
            if (checkpoint is not null)
            {
                foreach (var record in checkpoint.Rows)
                {
                    list.Apply(record);
                }

                list.Position = checkpoint.Position;
                list.CheckpointETag = checkpoint.ETag;
            }
        }

        if (checkpoint is null)
        {
            // The first time this call is listed anywhere: one scan, then a checkpoint so no instance scans again.
            var rows = new List<SubmissionRecord>();
            await foreach (var record in submissions.ScanAsync(list.CallId, SubmissionColumns.List, cancellationToken))
            {
                rows.Add(record);
            }

            lock (list)
            {
                foreach (var record in rows)
                {
                    record.PartitionKey = list.CallId;
                    list.Apply(record);
                }

                // Changes written while the scan ran are read again from the feed; writers' clocks may lag ours.
                list.Position = started - options.Value.ChangeOverlap;
                list.ChangesSinceCheckpoint = options.Value.CheckpointAfterChanges;
            }
        }

        list.CheckpointedAtUtc = time.GetUtcNow();
        list.Loaded = true;
        var milliseconds = (list.CheckpointedAtUtc - started).TotalMilliseconds;
        LogLoaded(logger, list.CallId, list.Count, checkpoint is null ? "a scan of the table" : "its checkpoint", milliseconds);
    }

    private async Task CheckpointAsync(CallList list)
    {
        try
        {
            List<SubmissionRecord> rows;
            DateTimeOffset position;
            lock (list)
            {
                rows = list.Records().ToList();
                position = list.Position;
            }

            var etag = await checkpoints.WriteAsync(list.CallId, position, rows, list.CheckpointETag, CancellationToken.None);
            if (etag is null)
            {
                return; // another instance wrote one meanwhile: it holds the same changes
            }

            list.CheckpointETag = etag;
            // Entries the checkpoint holds are not needed by anyone any more; an hour's margin for slow readers.
            // A bounded number each time, so a backlog is pruned over several checkpoints, not in one burst.
            var pruned = await submissions.PruneChangesAsync(list.CallId, position - TimeSpan.FromHours(1), MaxPrunedPerCheckpoint, CancellationToken.None);
            LogCheckpointed(logger, list.CallId, rows.Count, pruned);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or InvalidDataException)
        {
            LogCheckpointFailed(logger, e, list.CallId); // the next refresh tries again; the feed still holds everything
            list.ChangesSinceCheckpoint = Math.Max(list.ChangesSinceCheckpoint, options.Value.CheckpointAfterChanges);
        }
    }

    private void EvictIdle(string current)
    {
        var cutoff = time.GetUtcNow() - options.Value.IdleEviction;
        foreach (var (callId, list) in _calls)
        {
            if (callId != current && list.LastUsedUtc < cutoff)
            {
                _calls.TryRemove(callId, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff list of {CallId}: {Count} submissions loaded from {Source} in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, string callId, int count, string source, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff list of {CallId}: checkpoint of {Count} submissions written, {Pruned} change entries pruned")]
    private static partial void LogCheckpointed(ILogger logger, string callId, int count, int pruned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff list of {CallId}: the checkpoint could not be written")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string callId);
}
