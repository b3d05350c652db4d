using Proposals.Domain.Calls;
using Proposals.Domain.Validation;

namespace Proposals.Pipeline.Intake;

/// <summary>A submission as the HTTP function read it: text fields and the two documents.</summary>
public sealed record IncomingSubmission(
    string CallId,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, IncomingDocument> Documents,
    string? IdempotencyKey)
{
    /// <summary>
    /// Set when staff enter a proposal that came on paper: the day the paper arrived, which the deadline is
    /// judged by (entry may come later), and the Word file is optional (the paper has none).
    /// </summary>
    public DateOnly? PaperReceivedOn { get; init; }
}

/// <summary>An uploaded document; the stream is opened when intake stores it.</summary>
public sealed record IncomingDocument(string Field, string? FileName, long Length, Func<Stream> OpenReadStream);

/// <summary>What the submitter gets back: the receipt number to quote and the token to track it.</summary>
public sealed record SubmissionReceipt(
    string SubmissionId, string CallId, string ReceiptNumber, string TrackingToken, string Status, DateTimeOffset ReceivedAtUtc);

public abstract record IntakeOutcome
{
    public sealed record Accepted(SubmissionReceipt Receipt, bool Replayed) : IntakeOutcome;

    public sealed record UnknownCall(string CallId) : IntakeOutcome;

    public sealed record CallClosed(CallDefinition Call) : IntakeOutcome;

    public sealed record CallNotYetOpen(CallDefinition Call) : IntakeOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : IntakeOutcome;

    /// <summary>A document of the wrong type (by its bytes, not its name).</summary>
    public sealed record UnsupportedDocument(IReadOnlyList<FieldError> Errors) : IntakeOutcome;

    public sealed record DocumentTooLarge(IReadOnlyList<FieldError> Errors) : IntakeOutcome;

    /// <summary>The same Idempotency-Key is being processed by another request right now.</summary>
    public sealed record DuplicateInFlight : IntakeOutcome;

    /// <summary>The Idempotency-Key was already used for a submission with different fields or documents.</summary>
    public sealed record IdempotencyKeyReused : IntakeOutcome;

    /// <summary>A revised version names a submission this call does not have.</summary>
    public sealed record ReplacedNotFound : IntakeOutcome;

    /// <summary>A revised version's token is not the replaced submission's.</summary>
    public sealed record ReplaceForbidden : IntakeOutcome;

    /// <summary>The submission was replaced already; the newer one is the one to revise.</summary>
    public sealed record AlreadyReplaced(string ReceiptNumber, string ReplacedByReceiptNumber) : IntakeOutcome;
}
