using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Examine;

namespace Proposals.Functions.Triggers;

/// <summary>
/// Fires once per submission, when intake writes its <c>submission.json</c> last. In Azure the trigger is
/// fed by Event Grid (BlobCreated, filtered on that blob: infra/blob-events.bicep) instead of polling
/// the container: seconds instead of minutes, and no blob missed. The local host keeps polling with its
/// own WebJobs trigger.
/// </summary>
public sealed class ExamineSubmission(ExaminationStage stage)
{
    [Function(nameof(ExamineSubmission))]
    public Task Run(
        [BlobTrigger(StorageNames.SubmissionFieldsTriggerPath, Source = BlobTriggerSource.EventGrid, Connection = StorageRegistration.ConnectionSetting)] BlobClient blob,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        stage.ExamineAsync(callId, submissionId, cancellationToken);
}
