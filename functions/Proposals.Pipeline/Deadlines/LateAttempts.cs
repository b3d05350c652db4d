using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Deadlines;

/// <summary>
/// Submissions refused because they came after the deadline. Nothing of them is stored but who tried
/// and when (no documents, no other fields), so the report can name them: staff are asked "did you
/// get our proposal?" and need the answer "it came at 00:03, after the deadline". Only an attempt with a
/// valid tax code is recorded, at most <see cref="MaxPerTaxCode"/> per tax code and call (RowKey
/// <c>{taxCode}~{n}</c>, insert-if-absent), so nobody can flood the report's late sheet with free text.
/// </summary>
public sealed partial class LateAttempts(PipelineStorage storage, ILogger<LateAttempts> logger)
{
    /// <summary>Longest text kept per field: a refused request gets no more room than that.</summary>
    public const int MaxFieldLength = 300;

    public const int MaxPerTaxCode = 3;

    public async Task RecordAsync(string callId, IReadOnlyDictionary<string, string> fields, DateTimeOffset attemptedAtUtc, CancellationToken cancellationToken)
    {
        if (fields.GetValueOrDefault(ProposalFields.TaxCode) is not { } typed || !TaxCode.TryParse(typed, out var taxCode, out _))
        {
            return; // nobody to name for certain: free text alone is not recorded
        }

        try
        {
            for (var n = 1; n <= MaxPerTaxCode; n++)
            {
                try
                {
                    await storage.LateSubmissionsTable.AddEntityAsync(new LateAttempt
                    {
                        PartitionKey = callId,
                        RowKey = $"{taxCode!.Value}~{n}",
                        AttemptedAtUtc = attemptedAtUtc,
                        EnterpriseName = Bounded(fields.GetValueOrDefault(ProposalFields.EnterpriseName)),
                        TaxCode = taxCode.Value,
                        TaskName = Bounded(fields.GetValueOrDefault(ProposalFields.TaskName)),
                    }, cancellationToken);
                    return;
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // This tax code's n-th attempt is on record already: try the next number.
                }
            }
        }
        catch (RequestFailedException e)
        {
            // The refusal itself must still reach the submitter: a lost note is the lesser harm.
            LogNotRecorded(logger, e, callId);
        }
    }

    public async Task<List<LateAttempt>> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var attempts = new List<LateAttempt>();
        await foreach (var attempt in storage.LateSubmissionsTable.QueryAsync<LateAttempt>(a => a.PartitionKey == callId, cancellationToken: cancellationToken))
        {
            attempts.Add(attempt);
        }

        return attempts.OrderBy(a => a.AttemptedAtUtc).ToList();
    }

    private static string Bounded(string? value)
    {
        var text = VietnameseText.Normalize(value);
        return text.Length > MaxFieldLength ? text[..MaxFieldLength] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a late submission attempt for call {CallId}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string callId);

    /// <summary>The call's late attempts (tax codes and times), deleted when its retention has passed.</summary>
    public Task<int> DeleteCallAsync(string callId, CancellationToken cancellationToken) =>
        TableDeletes.DeleteWhereAsync(storage.LateSubmissionsTable, TableClient.CreateQueryFilter($"PartitionKey eq {callId}"), cancellationToken);

    public Task<int> CountCallAsync(string callId, CancellationToken cancellationToken) =>
        TableDeletes.CountWhereAsync(storage.LateSubmissionsTable, TableClient.CreateQueryFilter($"PartitionKey eq {callId}"), cancellationToken);
}
