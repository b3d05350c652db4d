namespace Proposals.Pipeline.Submissions;

/// <summary>
/// <c>inbound.json</c>: what an emailed submission arrived as, for staff to complete it: the message (sender,
/// subject, text), every attachment with where it is stored and what the checks found, and the answers read
/// from the Word form (by its content controls) when it follows the call's template.
/// </summary>
public sealed record InboundMessage(
    string From,
    string FromName,
    IReadOnlyList<string> To,
    string Subject,
    string Text,
    DateTimeOffset ReceivedAtUtc,
    double? SpamScore,
    string? Spf,
    IReadOnlyList<InboundAttachment> Attachments,
    IReadOnlyDictionary<string, string> FieldsFromWord,
    bool WordFollowsTemplate);

/// <param name="Document">The field it stands for (<c>signedScan</c> or <c>editableForm</c>), or null for any other attachment.</param>
/// <param name="Problems">What the checks found in it (a hostile or broken file is kept, not read), Vietnamese.</param>
public sealed record InboundAttachment(string Name, string ContentType, long Bytes, string BlobName, string? Document, IReadOnlyList<string> Problems, string Sha256);
