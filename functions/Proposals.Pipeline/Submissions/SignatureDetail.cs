using Proposals.Domain.Signatures;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// One digital signature of the signed scan as the validate stage found it, kept with the submission
/// (<see cref="SubmissionRecord.SignaturesJson"/>): its state for this submission's tax code, who signed, which CA
/// issued the certificate, the tax codes the certificate names, when it was signed (and whether that time is
/// itself signed), whether the certificate was valid then, and notes on the chain and what was not checked.
/// </summary>
public sealed record SignatureDetail(
    string State,
    string? SignerName,
    string? Issuer,
    IReadOnlyList<string> TaxCodes,
    DateTimeOffset? SignedAtUtc,
    bool SigningTimeSigned,
    bool? ValidAtSigningTime,
    string? SubFilter,
    IReadOnlyList<SignatureNote> Notes);
