using Proposals.Domain.Signatures;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// One digital signature of the signed scan as the examination stage found it, kept with the submission
/// (<see cref="SubmissionRecord.SignaturesJson"/>): its state for this submission's tax code, who signed, which CA
/// issued the certificate, the tax codes the certificate names, when it was signed (and whether that time is
/// itself signed), whether the certificate was valid then, and notes on the chain and what was not checked; and in
/// ETSI EN 319 102-1 terms, its indication and sub-indication, whether a later update changed the document after
/// it, how many bytes its signed revision has (what staff download as "the signed version"), and the time of a
/// verified timestamp over it.
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
    IReadOnlyList<SignatureNote> Notes)
{
    public SignatureIndication? Indication { get; init; }

    public string? SubIndication { get; init; }

    public bool ChangedAfterSigning { get; init; }

    public long SignedRevisionBytes { get; init; }

    public DateTimeOffset? TimestampUtc { get; init; }
}
