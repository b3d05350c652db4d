using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;

namespace Proposals.Functions.Triggers;

/// <summary>One base64 message per validated or rejected submission; after 5 failed tries it goes to <c>classify-poison</c>.</summary>
public sealed class ClassifySubmission(ClassificationStage stage)
{
    [Function(nameof(ClassifySubmission))]
    public Task Run(
        [QueueTrigger(StorageNames.ClassifyQueue, Connection = StorageRegistration.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        stage.ClassifyAsync(ClassifyMessage.Parse(message), cancellationToken);
}
