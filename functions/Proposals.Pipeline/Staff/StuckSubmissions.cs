using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Validate;

namespace Proposals.Pipeline.Staff;

/// <summary>
/// What staff need when a submission does not come out of the pipeline: the ones still in it after
/// <see cref="PipelineOptions.StuckAfter"/>, the ones whose classify message is in <c>classify-poison</c>
/// (with the reason the row keeps), and a replay that puts them back on their way once the cause is fixed.
/// </summary>
public sealed partial class StuckSubmissions(
    SubmissionRepository submissions,
    PipelineStorage storage,
    ValidationStage validation,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<StuckSubmissions> logger)
{
    /// <summary>The most poison messages one listing or replay looks at (the queue's page size).</summary>
    private const int PoisonPageSize = 32;

    public async Task<StuckReport> ListAsync(string callId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var records = await submissions.ListAsync(callId, cancellationToken);
        var poisoned = await PoisonMessagesAsync(callId, cancellationToken);
        var views = records
            .Where(r => !r.HasLeftPipeline && (poisoned.ContainsKey(r.SubmissionId) || now - r.ReceivedAtUtc >= options.Value.StuckAfter))
            .Select(r => new StuckSubmissionView(
                r.SubmissionId, r.ReceiptNumber, r.Status, SubmissionStatus.Vietnamese(r.Status), r.ReceivedAtUtc,
                (long)(now - r.ReceivedAtUtc).TotalSeconds, poisoned.ContainsKey(r.SubmissionId), r.LastError, r.LastErrorAtUtc, r.ClassifyFailures))
            .ToList();
        return new StuckReport(callId, now, (long)options.Value.StuckAfter.TotalSeconds, views);
    }

    /// <summary>
    /// Sends the submission on again: its poison message back to <c>classify</c>; without one, a
    /// <c>received</c> row through validation, a decided one to <c>classify</c>. False for an unknown
    /// submission. Repeating it is harmless: both stages are idempotent and a finished one is left alone.
    /// </summary>
    public async Task<bool> ReplayAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = callId, ["SubmissionId"] = submissionId });
        var record = await submissions.FindAsync(callId, submissionId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        var moved = await MovePoisonBackAsync(callId, submissionId, cancellationToken);
        if (record.HasLeftPipeline)
        {
            LogReplayed(logger, submissionId, "already finished", moved);
            return true;
        }

        await submissions.UpdateAsync(callId, submissionId, current =>
        {
            current.ClassifyFailures = 0; // a fresh set of tries; LastError stays until it succeeds
            return true;
        }, cancellationToken);

        if (moved > 0)
        {
            LogReplayed(logger, submissionId, "poison message back on classify", moved);
        }
        else if (record.Status == SubmissionStatus.Received)
        {
            await validation.ValidateAsync(callId, submissionId, cancellationToken);
            LogReplayed(logger, submissionId, "validated again", moved);
        }
        else
        {
            await storage.ClassifyQueue.SendMessageAsync(ClassifyMessage.Serialize(new(callId, submissionId)), cancellationToken);
            LogReplayed(logger, submissionId, "sent to classify again", moved);
        }

        return true;
    }

    /// <summary>The submission ids of this call in <c>classify-poison</c> (peeked, so nothing moves).</summary>
    private async Task<Dictionary<string, int>> PoisonMessagesAsync(string callId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!await storage.ClassifyPoisonQueue.ExistsAsync(cancellationToken))
        {
            return found;
        }

        PeekedMessage[] messages = await storage.ClassifyPoisonQueue.PeekMessagesAsync(PoisonPageSize, cancellationToken);
        foreach (var message in messages)
        {
            if (TryParse(message.MessageText) is { } parsed && parsed.CallId == callId)
            {
                found[parsed.SubmissionId] = found.GetValueOrDefault(parsed.SubmissionId) + 1;
            }
        }

        return found;
    }

    /// <summary>Moves this submission's poison messages to <c>classify</c>: send first, then delete, so a crash doubles rather than loses.</summary>
    private async Task<int> MovePoisonBackAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        if (!await storage.ClassifyPoisonQueue.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var moved = 0;
        QueueMessage[] messages = await storage.ClassifyPoisonQueue.ReceiveMessagesAsync(PoisonPageSize, TimeSpan.FromSeconds(5), cancellationToken);
        foreach (var message in messages)
        {
            if (TryParse(message.MessageText) is { } parsed && parsed.CallId == callId && parsed.SubmissionId == submissionId)
            {
                await storage.ClassifyQueue.SendMessageAsync(ClassifyMessage.Serialize(parsed), cancellationToken);
                await storage.ClassifyPoisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
            else
            {
                // Someone else's: make it visible again at once.
                await storage.ClassifyPoisonQueue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }

        return moved;
    }

    private static ClassifyMessage? TryParse(string text)
    {
        try
        {
            return ClassifyMessage.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
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
