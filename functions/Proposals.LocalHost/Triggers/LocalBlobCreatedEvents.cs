using System.Threading.Channels;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;

namespace Proposals.LocalHost.Triggers;

/// <summary>
/// The local host's Event Grid: intake reports each <c>submission.json</c> it writes, and this validates
/// the submission at once, as the Event Grid subscription in <c>infra/blob-events.bicep</c> does in Azure.
/// </summary>
/// <remarks>
/// Without it a submission waited for the WebJobs blob trigger's container scan (every 10 s), which put
/// the end-to-end p95 at 6.8 s in the benchmark. Events live in memory only: if the process dies, or the
/// queue is full, or a validation fails, <see cref="ReceivedSubmissionsSweep"/> still picks
/// the submission up, and validation is idempotent, so a second run changes nothing.
/// </remarks>
public sealed partial class LocalBlobCreatedEvents(ExaminationStage validation, ILogger<LocalBlobCreatedEvents> logger)
    : BackgroundService, ISubmissionArrivals
{
    /// <summary>
    /// Parallel validations. One is mostly waiting on storage (about ten round trips: the row, submission.json,
    /// both documents, the safe copies, the update, the classify message). Until issue 23 the WebJobs blob trigger
    /// validated beside these 4 workers (up to 8 more); without it, 4 left half of a 20/s rush over a busy Azurite
    /// unvalidated 30 s after the last post. 8 keeps the host within the concurrency it had; 16 was tried and, on a
    /// machine short of CPU, slowed intake until a POST timed out (bench/RESULTS.md, issue 23).
    /// </summary>
    private const int Workers = 8;

    private readonly Channel<(string CallId, string SubmissionId)> _arrivals = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Arrived(string callId, string submissionId)
    {
        if (!_arrivals.Writer.TryWrite((callId, submissionId)))
        {
            LogDropped(logger, submissionId);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => ValidateArrivalsAsync(stoppingToken)));

    private async Task ValidateArrivalsAsync(CancellationToken stoppingToken)
    {
        await foreach (var (callId, submissionId) in _arrivals.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await validation.ExamineAsync(callId, submissionId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, submissionId, e.GetType().Name, e.GetBaseException().Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many submissions waiting; {SubmissionId} is left to the sweep")]
    private static partial void LogDropped(ILogger logger, string submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validating {SubmissionId} on arrival failed ({ExceptionType}: {Reason}); the sweep will retry it")]
    private static partial void LogFailed(ILogger logger, string submissionId, string exceptionType, string reason);
}
