using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Intake;

/// <summary>
/// What an attempt under an Idempotency-Key is: a new submission (the key claimed for it), the retry of one that
/// was stored (answered with its receipt again), one that is still being stored (409), the key reused for other
/// fields or documents (422), or one that died half-way, which this attempt finishes under the same identity.
/// </summary>
public sealed record IdempotentAttempt(string SubmissionId, bool Resumed, SubmissionRecord? Replay = null, IntakeOutcome? Refusal = null);

/// <summary>Intake's rule for retries: the Idempotency-Key claimed once (<see cref="ClaimOnce"/>), with the request's fingerprint.</summary>
public sealed class IdempotentAttempts(SubmissionStore submissions, IntakeKeys keys)
{
    public async Task<IdempotentAttempt> ClaimAsync(
        string callId, IncomingSubmission incoming, IReadOnlyDictionary<string, string> normalised, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var submissionId = Admission.NewSubmissionId(now);
        if (incoming.IdempotencyKey is not { } idempotencyKey)
        {
            return new(submissionId, Resumed: false);
        }

        var requestHash = await RequestHash.OfAsync(normalised, incoming, cancellationToken);
        var (claim, isNew) = await keys.ClaimAsync(callId, idempotencyKey,
            () => new IdempotencyClaim { SubmissionId = submissionId, ClaimedAtUtc = now, RequestHash = requestHash },
            cancellationToken);
        if (isNew)
        {
            return new(submissionId, Resumed: false);
        }

        if (claim.RequestHash is not null && claim.RequestHash != requestHash)
        {
            return new(claim.SubmissionId, false, Refusal: new IntakeOutcome.IdempotencyKeyReused());
        }

        var existing = await submissions.FindAsync(callId, claim.SubmissionId, cancellationToken);
        if (existing is not null && await submissions.HasFieldsAsync(callId, claim.SubmissionId, cancellationToken))
        {
            return new(claim.SubmissionId, false, Replay: existing);
        }

        // Not abandoned: another request is storing it right now. Abandoned: the first attempt died half-way, and this
        // one finishes it under the same identity. If it got as far as the row, the row's receipt number stands; if
        // not, nobody has seen a number.
        return ClaimOnce.IsAbandoned(claim.ClaimedAtUtc, now)
            ? new(claim.SubmissionId, Resumed: true)
            : new(claim.SubmissionId, false, Refusal: new IntakeOutcome.DuplicateInFlight());
    }
}
