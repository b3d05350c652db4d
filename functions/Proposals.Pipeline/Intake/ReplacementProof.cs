using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Intake;

/// <summary>Intake's rule for a revised version: the proof it needs before anything is stored.</summary>
public sealed class ReplacementProof(SubmissionStore submissions, IntakeKeys keys)
{
    /// <summary>
    /// A submission may replace an earlier one only with proof that the same enterprise sent both (tax codes are
    /// public, task names are announced): that one's tracking token, or a digitally signed scan. Same call, same tax
    /// code, not already replaced. With the token the replacement holds at once. Without it, the scan must carry a
    /// digital signature (looked for here, verified by the examination stage): the replacement is stored as a claim,
    /// which holds only if the signature is verified with the matching tax code (<see cref="SubmissionRecord.ReplacesBySignature"/>).
    /// Anything else is refused before anything is stored. The proof is checked on every path, a retry under an
    /// Idempotency-Key included (issue 20: a resumed claim used to skip it); a retry of a replacement that was stored
    /// already passes because the submission it finds replaced is its own.
    /// </summary>
    public async Task<(Replacement? Replaces, IntakeOutcome? Refusal)> CheckAsync(
        CallDefinition call, IncomingSubmission incoming, ValidationOutcome validation, bool scanIsSigned, CancellationToken cancellationToken)
    {
        var id = incoming.Fields.GetValueOrDefault(ProposalFields.ReplacesSubmissionId)?.Trim();
        var token = incoming.Fields.GetValueOrDefault(ProposalFields.ReplacesTrackingToken)?.Trim();
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(token))
        {
            return (null, null);
        }

        if (string.IsNullOrEmpty(id))
        {
            return (null, new IntakeOutcome.Invalid([new(ProposalFields.ReplacesSubmissionId,
                "Để nộp bản sửa cần mã hồ sơ cũ.",
                "A revised version needs the earlier submission's id.")]));
        }

        var bySignature = string.IsNullOrEmpty(token);
        if (bySignature && !scanIsSigned)
        {
            return (null, new IntakeOutcome.Invalid([new(ProposalFields.ReplacesTrackingToken,
                "Để nộp bản sửa cần mã tra cứu của hồ sơ cũ, hoặc bản quét được ký số bằng chứng thư số của doanh nghiệp.",
                "A revised version needs the earlier submission's tracking token, or a scan digitally signed with the enterprise's certificate.")]));
        }

        var earlier = await submissions.FindAsync(call.Id, id, cancellationToken);
        var ownClaim = incoming.IdempotencyKey is { } key ? (await keys.FindClaimAsync(call.Id, key, cancellationToken))?.SubmissionId : null;
        if (earlier is null)
        {
            return (null, new IntakeOutcome.ReplacedNotFound());
        }

        if (!bySignature && !TrackingTokens.Matches(token!, earlier.TrackingTokenHash))
        {
            return (null, new IntakeOutcome.ReplaceForbidden());
        }

        if (earlier.TaxCode != validation.Fields[ProposalFields.TaxCode])
        {
            return (null, new IntakeOutcome.Invalid([new(ProposalFields.TaxCode,
                $"Bản sửa phải có cùng mã số thuế với hồ sơ {earlier.ReceiptNumber} ({earlier.TaxCode}).",
                $"A revised version must keep the tax code of submission {earlier.ReceiptNumber} ({earlier.TaxCode}).")]));
        }

        if (earlier.SupersededBy is { } later && later != ownClaim)
        {
            var replacement = await submissions.FindAsync(call.Id, later, cancellationToken);
            return (null, new IntakeOutcome.AlreadyReplaced(earlier.ReceiptNumber, replacement?.ReceiptNumber ?? later));
        }

        return (Replacement.Of(earlier, bySignature), null);
    }
}

/// <summary>
/// What a replacement records: the submission replaced and the first of its chain (the proposal) when proven by
/// token; only the claim when it waits for the signature to be verified.
/// </summary>
public sealed record Replacement(string Replaces, string Lineage, bool BySignature)
{
    public static Replacement Of(SubmissionRecord earlier, bool bySignature) => new(earlier.SubmissionId, earlier.LineageId, bySignature);
}
