using System.Text.Json;
using Azure.Storage.Queues.Models;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// The <c>classify</c> queue and its <c>classify-poison</c> queue: the one place a submission is sent to be
/// classified, and where poisoned messages are found and moved back. The queue client writes base64, as the
/// triggers read (<see cref="StorageRegistration"/>).
/// </summary>
public sealed class ClassifyQueues(PipelineStorage storage)
{
    /// <summary>The most poison messages one look at the poison queue reads (the queue's page size).</summary>
    public const int PoisonPageSize = 32;

    public Task SendAsync(string callId, string submissionId, CancellationToken cancellationToken) =>
        storage.ClassifyQueue.SendMessageAsync(ClassifyMessage.Serialize(new(callId, submissionId)), cancellationToken);

    /// <summary>The submission ids of this call in <c>classify-poison</c>, with how many messages each (peeked, so nothing moves).</summary>
    public async Task<Dictionary<string, int>> PoisonedAsync(string callId, CancellationToken cancellationToken)
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

    /// <summary>Moves this submission's poison messages back to <c>classify</c>: send first, then delete, so a crash doubles rather than loses.</summary>
    public async Task<int> MovePoisonedBackAsync(string callId, string submissionId, CancellationToken cancellationToken)
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
                await SendAsync(callId, submissionId, cancellationToken);
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
}
