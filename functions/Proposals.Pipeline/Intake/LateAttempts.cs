using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Intake;

/// <summary>
/// Submissions refused because they came after the deadline. Nothing of them is stored but who tried
/// and when (no documents, no other fields), so the report can name them: staff are asked "did you
/// get our proposal?" and need the answer "it came at 00:03, after the deadline".
/// </summary>
public sealed partial class LateAttempts(PipelineStorage storage, ILogger<LateAttempts> logger)
{
    /// <summary>Longest text kept per field: a refused request gets no more room than that.</summary>
    public const int MaxFieldLength = 300;

    public async Task RecordAsync(string callId, IReadOnlyDictionary<string, string> fields, DateTimeOffset attemptedAtUtc, CancellationToken cancellationToken)
    {
        var enterprise = Bounded(fields.GetValueOrDefault(ProposalFields.EnterpriseName));
        var taxCode = fields.GetValueOrDefault(ProposalFields.TaxCode) is { } typed && TaxCode.TryParse(typed, out var parsed, out _)
            ? parsed!.Value
            : Bounded(fields.GetValueOrDefault(ProposalFields.TaxCode));
        if (enterprise.Length == 0 && taxCode.Length == 0)
        {
            return; // nobody to name
        }

        try
        {
            await storage.LateSubmissionsTable.AddEntityAsync(new LateAttempt
            {
                PartitionKey = callId,
                RowKey = Guid.CreateVersion7(attemptedAtUtc).ToString("N"),
                AttemptedAtUtc = attemptedAtUtc,
                EnterpriseName = enterprise,
                TaxCode = taxCode,
                TaskName = Bounded(fields.GetValueOrDefault(ProposalFields.TaskName)),
            }, cancellationToken);
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

        return attempts;
    }

    private static string Bounded(string? value)
    {
        var text = VietnameseText.Normalize(value);
        return text.Length > MaxFieldLength ? text[..MaxFieldLength] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a late submission attempt for call {CallId}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string callId);
}
