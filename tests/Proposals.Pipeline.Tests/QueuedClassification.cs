using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>What the queue trigger does, for tests that run the stages by hand on a fake clock.</summary>
internal static class QueuedClassification
{
    /// <summary>
    /// Decodes, classifies and deletes the call's queued messages. Other calls' messages (tests that validate without
    /// classifying leave some in the shared queue) are hidden for a few seconds so the next round reaches past them:
    /// one receive of 32 could miss this call's messages behind 32 others.
    /// </summary>
    public static async Task ClassifyQueuedAsync(this PipelineServices pipeline, string callId)
    {
        var queue = pipeline.Get<PipelineStorage>().ClassifyQueue;
        for (var round = 0; round < 20; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            var ours = 0;
            foreach (var message in messages)
            {
                var parsed = ClassifyMessage.Parse(message.Body.ToString());
                if (parsed.CallId == callId)
                {
                    await pipeline.Get<ClassificationStage>().ClassifyAsync(parsed, default);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    ours++;
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(3));
                }
            }

            if (messages.Length < 32 && ours == 0)
            {
                return; // the whole visible queue was seen and none of it was this call's
            }
        }
    }
}
