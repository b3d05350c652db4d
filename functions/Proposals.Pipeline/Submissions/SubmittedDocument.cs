namespace Proposals.Pipeline.Submissions;

/// <summary>
/// <c>submission.json</c>: the normalised fields as posted and the documents' blob names. Intake writes
/// it last, so its arrival means the submission is complete in storage. It also carries the tracking
/// token (the table row keeps only its hash) so the receipt email can link to the status page.
/// </summary>
public sealed record SubmittedFields(
    string SubmissionId,
    string CallId,
    string ReceiptNumber,
    DateTimeOffset ReceivedAtUtc,
    string FormVersion,
    string TrackingToken,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<StoredDocument> Documents);

/// <summary>A document stored under a generated name; the sanitised original name is metadata only.</summary>
public sealed record StoredDocument(string Field, string BlobName, string OriginalName, long Bytes, string Sha256);
