using System.ComponentModel.DataAnnotations;

namespace Proposals.Pipeline.Inbound;

/// <summary>Configuration section <c>Inbound</c>: the SendGrid Inbound Parse webhook.</summary>
public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>
    /// The password SendGrid sends with HTTP Basic authentication (written into the webhook URL as
    /// <c>https://sendgrid:{secret}@host/api/inbound/email</c>). Empty: the webhook refuses everything.
    /// In Azure a Key Vault reference; locally generated into <c>.data/inbound-secret.txt</c>.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>SendGrid's own limit is 30 MB per message, attachments included, plus the form's overhead.</summary>
    [Range(1024 * 1024, 64L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>At or above this SpamAssassin score (SendGrid's <c>spam_score</c>) a message gets no automatic reply.</summary>
    [Range(0, 100)]
    public double SpamScoreThreshold { get; set; } = 5.0;
}
