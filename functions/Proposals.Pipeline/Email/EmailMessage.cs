using System.ComponentModel.DataAnnotations;

namespace Proposals.Pipeline.Email;

public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string PlainText, string Html);

/// <summary>Whether an email went out; <see cref="Retryable"/> says whether trying again could help.</summary>
public sealed record EmailSendResult(bool Succeeded, bool Retryable, string Detail);

public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@proposals.local";

    [Required]
    public string FromName { get; set; } = "Tiếp nhận đề xuất nhiệm vụ KH&CN";

    /// <summary>When set, email goes through SendGrid; otherwise into <see cref="OutboxDirectory"/>.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>The SendGrid API's base address; tests point it at a local listener.</summary>
    public string? SendGridHost { get; set; }

    /// <summary>Where the local outbox writes <c>.eml</c> files.</summary>
    public string OutboxDirectory { get; set; } = Path.Combine(".data", "outbox");

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// Most emails to enterprises (receipts, notices) any one address gets an hour, so the public form cannot
    /// be used to flood someone's inbox; 0 turns the limit off (tests that send many from one sample address).
    /// </summary>
    [Range(0, 1000)]
    public int MaxPerRecipientPerHour { get; set; } = 5;

    /// <summary>The longest wait honoured for a 429's Retry-After before giving up for this delivery.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);
}
