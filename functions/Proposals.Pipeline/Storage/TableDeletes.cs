using Azure;
using Azure.Data.Tables;

namespace Proposals.Pipeline.Storage;

/// <summary>
/// Deleting rows by a filter, 100 to a transaction (one partition per transaction, as the service requires): what an
/// owner of a table uses when a call's retention has passed. Idempotent: a row already gone is no error, so a purge
/// cut short and run again, on this instance or another, finishes the job.
/// </summary>
public static class TableDeletes
{
    /// <summary>Deletes every row matching <paramref name="filter"/>; the count deleted (or found gone meanwhile).</summary>
    public static async Task<int> DeleteWhereAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var batch = new List<TableTransactionAction>();
        string? partition = null;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (batch.Count == 100 || (partition is not null && partition != row.PartitionKey))
            {
                deleted += await SubmitAsync(table, batch, cancellationToken);
            }

            partition = row.PartitionKey;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All));
        }

        return deleted + await SubmitAsync(table, batch, cancellationToken);
    }

    /// <summary>How many rows match <paramref name="filter"/> (keys only are read).</summary>
    public static async Task<int> CountWhereAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    private static async Task<int> SubmitAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var count = batch.Count;
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // One was deleted meanwhile (another instance, a resumed run): the transaction failed whole, so one by one.
            foreach (var action in batch)
            {
                await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
            }
        }

        batch.Clear();
        return count;
    }
}

/// <summary>
/// The blob index tag written on every uploaded document so that a Blob lifecycle rule (infra/modules/storage.bicep)
/// deletes it even if the purge never runs: a backstop, a year after the call's purge date at the earliest. The value
/// is a bucket of whole years (<c>y1</c> … <c>y15</c>) because lifecycle rules match tags by equality only.
/// </summary>
public static class RetentionBackstop
{
    public const string TagName = "retention-backstop";

    /// <summary>The most years a rule exists for (storage-names.json, <c>retentionBackstopYears</c>); a longer retention gets no tag.</summary>
    public const int MaxYears = 15;

    public static IEnumerable<string> Values => Enumerable.Range(1, MaxYears).Select(Value);

    public static string Value(int years) => "y" + years.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tags for a document uploaded at <paramref name="now"/> of a call purged at <paramref name="purgeAt"/>; none when there is no retention or it is too long.</summary>
    public static Dictionary<string, string>? TagsFor(DateTimeOffset? purgeAt, DateTimeOffset now)
    {
        if (purgeAt is not { } at)
        {
            return null;
        }

        // Whole years from upload to the purge date, plus one year of grace: the rule deletes after years × 365 days.
        var years = (int)Math.Ceiling(Math.Max(0, (at - now).TotalDays) / 365) + 1;
        return years > MaxYears ? null : new Dictionary<string, string> { [TagName] = Value(years) };
    }
}
