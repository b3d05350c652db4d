using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Retention;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Validate;

namespace Proposals.LocalHost.Triggers;

/// <summary>
/// The blob, queue and timer triggers of the Functions app, run here by the WebJobs SDK's trigger engine
/// (blob receipts, poison queue, timer singleton, all in Azurite). Each calls the same stage as its
/// Azure twin in <c>Proposals.Functions/Triggers</c>.
/// </summary>
public sealed class LocalTriggers(ValidationStage validation, ClassificationStage classification, CloseoutStage closeout, RetentionPurge purge)
{
    /// <summary>App setting with the closeout's cron (UTC); tests shorten it.</summary>
    public const string CloseoutScheduleSetting = "Closeout:Schedule";

    /// <summary>App setting with the retention purge's cron (UTC); tests shorten it.</summary>
    public const string PurgeScheduleSetting = "Retention:Schedule";

    [FunctionName("ValidateSubmission")]
    public Task ValidateSubmission(
        [BlobTrigger(StorageNames.SubmissionFieldsTriggerPath, Connection = StorageRegistration.ConnectionSetting)] BlobClient blob,
        string callId,
        string submissionId,
        CancellationToken cancellationToken) =>
        validation.ValidateAsync(callId, submissionId, cancellationToken);

    [FunctionName("ClassifySubmission")]
    public Task ClassifySubmission(
        [QueueTrigger(StorageNames.ClassifyQueue, Connection = StorageRegistration.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        classification.ClassifyAsync(ClassifyMessage.Parse(message), cancellationToken);

    [FunctionName("CloseoutCalls")]
    public Task CloseoutCalls(
        [TimerTrigger("%" + CloseoutScheduleSetting + "%", RunOnStartup = true)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        closeout.RunAsync(cancellationToken);

    [FunctionName("PurgeExpiredCalls")]
    public Task PurgeExpiredCalls(
        [TimerTrigger("%" + PurgeScheduleSetting + "%")] TimerInfo timer,
        CancellationToken cancellationToken) =>
        purge.RunAsync(cancellationToken);
}

/// <summary>Tells the WebJobs SDK where the triggers are, so it does not scan every loaded assembly.</summary>
public sealed class LocalTriggerTypes : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(LocalTriggers)];
}
