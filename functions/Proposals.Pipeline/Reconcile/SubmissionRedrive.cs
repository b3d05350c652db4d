using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;

namespace Proposals.Pipeline.Reconcile;

/// <summary>What <see cref="SubmissionRedrive"/> did with a submission.</summary>
public enum RedriveAction
{
    /// <summary>It had left the pipeline: nothing to do.</summary>
    None,

    /// <summary>It was still <c>received</c>: validated (again).</summary>
    Validated,

    /// <summary>It was decided (validated or rejected) but not classified: back on the classify queue.</summary>
    SentToClassify,
}

/// <summary>
/// The one rule for sending on a submission that stopped on its way: <c>received</c> → validate it,
/// decided → the classify queue, finished → nothing. The reconciler, the staff's replay and the local
/// host's sweep all use it. Repeating it is harmless: both stages are idempotent.
/// </summary>
public sealed class SubmissionRedrive(ExaminationStage validation, ClassifyQueues classify)
{
    public async Task<RedriveAction> SendOnAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        if (record.HasLeftPipeline)
        {
            return RedriveAction.None;
        }

        if (record.Status == SubmissionStatus.Received)
        {
            await validation.ExamineAsync(record.CallId, record.SubmissionId, cancellationToken);
            return RedriveAction.Validated;
        }

        await classify.SendAsync(record.CallId, record.SubmissionId, cancellationToken);
        return RedriveAction.SentToClassify;
    }
}
