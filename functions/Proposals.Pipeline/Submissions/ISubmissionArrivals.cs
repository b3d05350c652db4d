namespace Proposals.Pipeline.Submissions;

/// <summary>
/// Told by intake the moment a submission is complete, i.e. its <c>submission.json</c> is written: the
/// instant Azure's Event Grid raises the blob-created event that starts the examination stage.
/// </summary>
/// <remarks>
/// In Azure nothing more is needed (<see cref="EventGridDeliversArrivals"/>). The local host has no Event
/// Grid, and its blob trigger finds new blobs only by scanning the container every 10 s, so there it
/// starts validation at once (<c>LocalBlobCreatedEvents</c>); the trigger and the sweep stay as the safety net.
/// </remarks>
public interface ISubmissionArrivals
{
    /// <summary>Must not block or throw: intake has already accepted the submission.</summary>
    void Arrived(string callId, string submissionId);
}

/// <summary>Azure: Event Grid delivers the blob-created event to the validate trigger by itself.</summary>
public sealed class EventGridDeliversArrivals : ISubmissionArrivals
{
    public void Arrived(string callId, string submissionId)
    {
    }
}
