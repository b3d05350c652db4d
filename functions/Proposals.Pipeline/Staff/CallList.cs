using System.Buffers.Binary;
using System.Text;
using Proposals.Domain.Text;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// One call's submissions as the staff list holds them in memory (<see cref="StaffList"/>): the rows by
/// id, and for each order staff have asked for, a sorted set kept up to date row by row, so a page is a
/// walk from a position, never a sort of the whole call.
/// </summary>
/// <remarks>Not thread-safe: <see cref="StaffList"/> locks it around every read and write.</remarks>
public sealed class CallList(string callId)
{
    private readonly Dictionary<string, ListedSubmission> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<OrderEntry>> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _deletedRevisions = new(StringComparer.Ordinal);

    public string CallId { get; } = callId;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool Loaded { get; set; }

    /// <summary>The newest change applied, by its writer's clock: the feed is read from here (less the overlap).</summary>
    public DateTimeOffset Position { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset RefreshedAtUtc { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When the feed was last read with the long look back (<see cref="StaffListOptions.ChangeOverlap"/>).</summary>
    public DateTimeOffset SweptAtUtc { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset LastUsedUtc { get; set; }

    public DateTimeOffset CheckpointedAtUtc { get; set; }

    public string? CheckpointETag { get; set; }

    public int ChangesSinceCheckpoint { get; set; }

    /// <summary>Grows with every applied change: what cached counts are keyed on.</summary>
    public long Version { get; private set; }

    public int Count => _rows.Count;

    public IEnumerable<ListedSubmission> Rows => _rows.Values;

    public IEnumerable<SubmissionRecord> Records() => _rows.Values.Select(r => r.Record);

    public ListedSubmission? Find(string submissionId) => _rows.GetValueOrDefault(submissionId);

    public void Apply(SubmissionChange change)
    {
        if (change.WrittenAtUtc > Position)
        {
            Position = change.WrittenAtUtc;
        }

        if (change.Deleted)
        {
            if (_rows.TryGetValue(change.SubmissionId, out var existing) && existing.Record.Revision >= change.Revision)
            {
                return;
            }

            _deletedRevisions[change.SubmissionId] = change.Revision;
            Remove(change.SubmissionId);
            Changed();
            return;
        }

        // Most entries a look back meets again are known already: decide from the revision before parsing the row.
        if (_rows.TryGetValue(change.SubmissionId, out var known) && known.Record.Revision >= change.Revision)
        {
            return;
        }

        if (Apply(SubmissionStore.ReadListedRow(change.Row!)))
        {
            ChangesSinceCheckpoint++;
        }
    }

    /// <summary>Takes <paramref name="record"/> unless a newer revision of it is already here; true when it changed the list.</summary>
    public bool Apply(SubmissionRecord record)
    {
        if ((_rows.TryGetValue(record.RowKey, out var existing) && existing.Record.Revision >= record.Revision)
            || (_deletedRevisions.TryGetValue(record.RowKey, out var deletedAt) && deletedAt >= record.Revision))
        {
            return false;
        }

        Remove(record.RowKey);
        var row = new ListedSubmission(record);
        _rows[record.RowKey] = row;
        foreach (var (sort, order) in _orders)
        {
            order.Add(new OrderEntry(StaffSorts.Key(sort, record), record.ReceiptNumber, row));
        }

        Changed();
        return true;
    }

    private void Remove(string submissionId)
    {
        if (!_rows.Remove(submissionId, out var row))
        {
            return;
        }

        foreach (var (sort, order) in _orders)
        {
            order.Remove(new OrderEntry(StaffSorts.Key(sort, row.Record), row.Record.ReceiptNumber, row));
        }
    }

    private void Changed()
    {
        Version++;
        _counts.Clear();
    }

    /// <summary>The rows in <paramref name="sort"/> order, after <paramref name="after"/> when given (a page token's position).</summary>
    public IEnumerable<OrderEntry> InOrder(string sort, bool descending, OrderEntry? after)
    {
        if (!_orders.TryGetValue(sort, out var order))
        {
            // Built the first time staff sort this way; kept up to date from then on.
            order = new SortedSet<OrderEntry>(_rows.Values.Select(r => new OrderEntry(StaffSorts.Key(sort, r.Record), r.Record.ReceiptNumber, r)), OrderEntry.Comparer);
            _orders[sort] = order;
        }

        if (order.Count == 0)
        {
            return [];
        }

        if (after is null)
        {
            return descending ? order.Reverse() : order;
        }

        var cursor = after.Value;
        if (descending)
        {
            return OrderEntry.Comparer.Compare(cursor, order.Min) <= 0 ? []
                : order.GetViewBetween(order.Min, cursor).Reverse().Where(e => OrderEntry.Comparer.Compare(e, cursor) < 0);
        }

        return OrderEntry.Comparer.Compare(cursor, order.Max) >= 0 ? []
            : order.GetViewBetween(cursor, order.Max).Where(e => OrderEntry.Comparer.Compare(e, cursor) > 0);
    }

    private readonly Dictionary<string, object> _counts = new(StringComparer.Ordinal);

    /// <summary>A value computed from every row, kept until the next change (counts, totals of a filter).</summary>
    public T Cached<T>(string key, Func<T> compute) where T : notnull
    {
        if (_counts.TryGetValue(key, out var value))
        {
            return (T)value;
        }

        var computed = compute();
        _counts[key] = computed;
        return computed;
    }
}

/// <summary>A row of the staff list, with what searching it needs computed once.</summary>
public sealed class ListedSubmission(SubmissionRecord record)
{
    public SubmissionRecord Record { get; } = record;

    /// <summary>Receipt, enterprise, tax code, task and province, diacritics folded: what a search matches.</summary>
    public string FoldedText { get; } = VietnameseText.Fold(string.Join('\n',
        record.ReceiptNumber, record.EnterpriseName, record.TaxCode, record.TaskName, record.Province));
}

/// <summary>A row's place in one order: its sort key as bytes, then its receipt number (unique), so every order is total.</summary>
public readonly record struct OrderEntry(byte[] Key, string ReceiptNumber, ListedSubmission? Row)
{
    public static IComparer<OrderEntry> Comparer { get; } = Comparer<OrderEntry>.Create((a, b) =>
    {
        var byKey = a.Key.AsSpan().SequenceCompareTo(b.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(a.ReceiptNumber, b.ReceiptNumber);
    });
}

/// <summary>The orders of the staff list, each as a byte key: names in Vietnamese alphabetical order, numbers and times by value.</summary>
public static class StaffSorts
{
    public const string Default = "receiptNumber";

    public static readonly IReadOnlyList<string> All =
        ["receiptNumber", "receivedAt", "enterpriseName", "taxCode", "taskName", "province", "priorityArea", "suggestedArea", "size", "region", "status"];

    public static byte[] Key(string sort, SubmissionRecord r) => sort switch
    {
        "receivedAt" => Number(r.ReceivedAtUtc.UtcTicks),
        "enterpriseName" => VietnameseText.SortKey(r.EnterpriseName),
        "taxCode" => Encoding.UTF8.GetBytes(r.TaxCode),
        "taskName" => VietnameseText.SortKey(r.TaskName),
        "province" => VietnameseText.SortKey(r.Province),
        "priorityArea" => Number(r.PriorityArea),
        "suggestedArea" => r.SuggestedPriorityArea is { } area ? Number(area) : Last,
        "size" => [SizeRank(r.EnterpriseSize)],
        "region" => r.RegionName is { Length: > 0 } region ? VietnameseText.SortKey(region) : Last,
        "status" => Encoding.UTF8.GetBytes(r.Status),
        _ => Encoding.UTF8.GetBytes(r.ReceiptNumber),
    };

    /// <summary>Sorts after every real key: rows without the value come last.</summary>
    private static readonly byte[] Last = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private static byte[] Number(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, unchecked((ulong)value ^ 0x8000_0000_0000_0000));
        return bytes;
    }

    private static byte SizeRank(string? size) => size switch
    {
        "micro" => 1,
        "small" => 2,
        "medium" => 3,
        "large" => 4,
        _ => 9,
    };
}
