using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Validate;

namespace Proposals.Functions.Triggers;

/// <summary>Fires once per submission, when intake writes its <c>submission.json</c> last.</summary>
public sealed class ValidateSubmission(ValidationStage stage)
{
    [Function(nameof(ValidateSubmission))]
    public Task Run(
        [BlobTrigger(StorageNames.SubmissionFieldsTriggerPath, Connection = StorageRegistration.ConnectionSetting)] BlobClient blob,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        stage.ValidateAsync(callId, submissionId, cancellationToken);
}
