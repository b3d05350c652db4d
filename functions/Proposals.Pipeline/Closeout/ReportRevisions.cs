using Azure;
using Azure.Data.Tables;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Closeout;

/// <summary>What staff get when they ask for a new report revision.</summary>
public abstract record RevisionRequest
{
    public sealed record Requested(int Revision) : RevisionRequest;

    /// <summary>A revision is already waiting to be produced: asking twice makes one, not two.</summary>
    public sealed record AlreadyPending(int Revision) : RevisionRequest;

    public sealed record CallStillOpen(CallDefinition Call) : RevisionRequest;
}

/// <summary>
/// The report revisions of each call (table <c>CloseoutRuns</c>, RowKey <c>r001</c>, <c>r002</c>...).
/// Revision 1 is due by itself once the deadline passes; later ones only when staff ask, each in a
/// folder of its own, the earlier ones kept.
/// </summary>
public sealed class ReportRevisions(PipelineStorage storage, TimeProvider time)
{
    public static string Key(int revision) => $"r{revision:D3}";

    public async Task<List<CloseoutRun>> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var runs = new List<CloseoutRun>();
        await foreach (var run in storage.CloseoutRunsTable.QueryAsync<CloseoutRun>(r => r.PartitionKey == callId, cancellationToken: cancellationToken))
        {
            runs.Add(run);
        }

        return runs.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The revision to produce now, or null when every one is written: revision 1 until it has a row,
    /// then the first one asked for and not yet written. Meaningful only after the deadline.
    /// </summary>
    public static int? Pending(IReadOnlyList<CloseoutRun> runs) =>
        runs.All(r => r.Revision != CloseoutStage.FirstRevision)
            ? CloseoutStage.FirstRevision
            : runs.FirstOrDefault(r => r.CompletedAtUtc is null)?.Revision;

    public async Task<RevisionRequest> RequestAsync(CallDefinition call, string requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < call.DeadlineInstant)
        {
            return new RevisionRequest.CallStillOpen(call);
        }

        while (true)
        {
            var runs = await ListAsync(call.Id, cancellationToken);
            if (Pending(runs) is { } pending)
            {
                return new RevisionRequest.AlreadyPending(pending);
            }

            var next = runs.Max(r => r.Revision) + 1;
            try
            {
                await storage.CloseoutRunsTable.AddEntityAsync(new CloseoutRun
                {
                    PartitionKey = call.Id,
                    RowKey = Key(next),
                    RequestedAtUtc = now,
                    RequestedBy = requestedBy,
                }, cancellationToken);
                return new RevisionRequest.Requested(next);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another request took this number at the same moment: look again.
            }
        }
    }

    /// <summary>Records a revision as written (upsert: revision 1 has no request row before).</summary>
    public Task CompleteAsync(CloseoutRun run, CancellationToken cancellationToken) =>
        storage.CloseoutRunsTable.UpsertEntityAsync(run, TableUpdateMode.Merge, cancellationToken);
}
