using Microsoft.Azure.WebJobs;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Retention;
using Proposals.Pipeline.Storage;

namespace Proposals.LocalHost.Triggers;

/// <summary>
/// The queue and timer triggers of the Functions app, run here by the WebJobs SDK's trigger engine (poison
/// queue, timer singleton, all in Azurite). Each calls the same stage as its Azure twin in
/// <c>Proposals.Functions/Triggers</c>. The examination stage's twin of Azure's Event Grid blob trigger is
/// <see cref="LocalBlobCreatedEvents"/> (intake's arrival notice) with <see cref="ReceivedSubmissionsSweep"/>
/// behind it, not the SDK's blob trigger: its container scan ran validation a second time for every
/// submission (each after the notice had done it), with its own queue message, lease and receipt, about 14
/// storage requests a submission that Azure, where Event Grid fires once, does not send (issue 23,
/// bench/RESULTS.md part 8).
/// </summary>
public sealed class LocalTriggers(ClassificationStage classification, CloseoutStage closeout, RetentionPurge purge)
{
    /// <summary>App setting with the closeout's cron (UTC); tests shorten it.</summary>
    public const string CloseoutScheduleSetting = "Closeout:Schedule";

    /// <summary>App setting with the retention purge's cron (UTC); tests shorten it.</summary>
    public const string PurgeScheduleSetting = "Retention:Schedule";

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
