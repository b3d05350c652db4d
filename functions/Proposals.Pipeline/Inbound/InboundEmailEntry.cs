using Azure;
using Azure.Data.Tables;

namespace Proposals.Pipeline.Inbound;

/// <summary>A row of table <c>InboundEmails</c>: one received email (PartitionKey <c>email</c>, RowKey its <see cref="InboundEmail.Key"/>).</summary>
public sealed class InboundEmailEntry : ITableEntity
{
    public const string Pending = "pending";
    public const string Submission = "submission";
    public const string Unmatched = "unmatched";

    public string PartitionKey { get; set; } = InboundEmails.Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When the webhook first received it, by the server's clock: what the deadline is judged by.</summary>
    public DateTimeOffset ReceivedAtUtc { get; set; }

    /// <summary><see cref="Pending"/> while it is being stored; then <see cref="Submission"/> or <see cref="Unmatched"/>.</summary>
    public string Outcome { get; set; } = Pending;

    /// <summary>For an unmatched email, why (<see cref="UnmatchedReasons"/>).</summary>
    public string? Reason { get; set; }

    public string From { get; set; } = string.Empty;
    public string To { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;

    /// <summary>The attachments' names, one per line.</summary>
    public string? AttachmentNames { get; set; }

    public double? SpamScore { get; set; }

    /// <summary>The call it was sent to, when its address matched one.</summary>
    public string? CallId { get; set; }

    /// <summary>The submission it becomes, chosen when first claimed so a redelivery finishes the same one.</summary>
    public string SubmissionId { get; set; } = string.Empty;

    public string? ReceiptNumber { get; set; }
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
