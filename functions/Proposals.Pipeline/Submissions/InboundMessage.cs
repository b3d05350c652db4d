using Proposals.Domain.Signatures;

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
    bool WordFollowsTemplate)
{
    /// <summary>Why the sender got no automatic answer (<c>sender-not-authenticated</c>, <c>likely-spam</c>); null when answered.</summary>
    public string? NotAcknowledged { get; init; }

    /// <summary>Another, different email came first under this one's Message-ID.</summary>
    public bool SameMessageIdDifferentContent { get; init; }
}

/// <param name="Document">The field it stands for (<c>signedScan</c> or <c>editableForm</c>), or null for any other attachment.</param>
/// <param name="Problems">What the checks found in it (a hostile or broken file is kept, not read), Vietnamese.</param>
public sealed record InboundAttachment(string Name, string ContentType, long Bytes, string BlobName, string? Document, IReadOnlyList<string> Problems, string Sha256)
{
    /// <summary>The documents among an email's attachments, as <c>submission.json</c> and the row name them.</summary>
    public static IReadOnlyList<StoredDocument> Documents(IEnumerable<InboundAttachment> attachments) =>
        attachments.Where(a => a.Document is not null).Select(a => new StoredDocument(a.Document!, a.BlobName, a.Name, a.Bytes, a.Sha256)).ToList();
}

/// <summary>Why an email got no automatic answer, with the words staff read.</summary>
public static class NotAcknowledgedReasons
{
    public const string SenderNotAuthenticated = "sender-not-authenticated";
    public const string LikelySpam = "likely-spam";

    public static string Vietnamese(string? reason) => reason switch
    {
        SenderNotAuthenticated => "Không trả lời tự động: người gửi không được xác thực (DKIM/SPF không khớp tên miền người gửi)",
        LikelySpam => "Không trả lời tự động: có thể là thư rác",
        _ => string.Empty,
    };

    public static string English(string? reason) => reason switch
    {
        SenderNotAuthenticated => "Not acknowledged: sender not authenticated (no DKIM or SPF pass aligned with the From domain)",
        LikelySpam => "Not acknowledged: likely spam",
        _ => string.Empty,
    };
}

/// <summary>The remarks staff read on an email: not answered and why, another message under its Message-ID.</summary>
public static class InboundNotes
{
    public static IReadOnlyList<SignatureNote> Of(string? notAcknowledged, bool sameMessageId) =>
    [
        .. notAcknowledged is null ? [] : new[] { new SignatureNote(NotAcknowledgedReasons.Vietnamese(notAcknowledged), NotAcknowledgedReasons.English(notAcknowledged)) },
        .. sameMessageId ? new[] { new SignatureNote(SameMessageId.Vi, SameMessageId.En) } : [],
    ];
}

/// <summary>The words staff read on an email that shares its Message-ID with an earlier, different one.</summary>
public static class SameMessageId
{
    public const string Vi = "Cùng Message-ID với một thư khác, nội dung khác";
    public const string En = "Same Message-ID, different content";
}

/// <summary>Why an email became no submission, with the words staff and the sender read.</summary>
public static class UnmatchedReasons
{
    public const string NoCall = "no-call";
    public const string NoAttachment = "no-attachment";
    public const string Late = "late";

    public static string Vietnamese(string? reason) => reason switch
    {
        NoCall => "Gửi tới địa chỉ không thuộc đợt tiếp nhận nào",
        NoAttachment => "Không có tệp PDF hoặc Word đính kèm",
        Late => "Đến sau hạn tiếp nhận",
        _ => reason ?? string.Empty,
    };

    public static string English(string? reason) => reason switch
    {
        NoCall => "Sent to an address of no call",
        NoAttachment => "No PDF or Word file attached",
        Late => "Arrived after the deadline",
        _ => reason ?? string.Empty,
    };
}
