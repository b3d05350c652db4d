namespace Proposals.Pipeline.Submissions;

/// <summary>
/// <c>submission.json</c>: the normalised fields as posted and the documents' blob names. Intake writes
/// it last, so its arrival means the submission is complete in storage. It holds no tracking token:
/// the receipt email derives it (<see cref="TrackingTokens"/>).
/// </summary>
public sealed record SubmittedFields(
    string SubmissionId,
    string CallId,
    string ReceiptNumber,
    DateTimeOffset ReceivedAtUtc,
    string FormVersion,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<StoredDocument> Documents)
{
    /// <summary>
    /// Intake ran the documents' deep checks on the bytes it received (it does since issue 17), so the
    /// examination stage need not download and parse them again. False in older files and other paths.
    /// </summary>
    public bool DocumentsCheckedAtIntake { get; init; }

    /// <summary>
    /// Whether intake found a digital signature in the scan (its cheap look, no cryptography). False lets the
    /// examination stage skip downloading a scan it would find nothing to verify in; null in older files and other paths.
    /// </summary>
    public bool? SignedScanIsSigned { get; init; }
}

/// <summary>A document stored under a generated name; the sanitised original name is metadata only.</summary>
public sealed record StoredDocument(string Field, string BlobName, string OriginalName, long Bytes, string Sha256);
