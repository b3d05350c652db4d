using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>What the queue trigger does, for tests that run the stages by hand on a fake clock.</summary>
internal static class QueuedClassification
{
    /// <summary>Decodes, classifies and deletes the call's queued messages; other calls' messages are put back at once.</summary>
    public static async Task ClassifyQueuedAsync(this PipelineServices pipeline, string callId)
    {
        var queue = pipeline.Get<PipelineStorage>().ClassifyQueue;
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            var parsed = ClassifyMessage.Parse(message.Body.ToString());
            if (parsed.CallId == callId)
            {
                await pipeline.Get<ClassificationStage>().ClassifyAsync(parsed, default);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }
    }
}
