using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Proposals.Pipeline.Inbound;

/// <summary>
/// One email as SendGrid Inbound Parse posts it (its default, parsed form), each text field already decoded with
/// the charset SendGrid named for it: the raw header block, the decoded <c>from</c>, <c>to</c> and <c>subject</c>,
/// the bodies, the SMTP envelope, SendGrid's spam and SPF verdicts, and the attachments.
/// </summary>
public sealed partial record InboundEmail(
    string Headers,
    string From,
    string To,
    string Subject,
    string Text,
    string Html,
    IReadOnlyList<string> EnvelopeTo,
    string? EnvelopeFrom,
    double? SpamScore,
    string? Spf,
    IReadOnlyList<InboundFile> Attachments)
{
    /// <summary>
    /// SendGrid's <c>dkim</c> field: each DKIM signature's domain and result, <c>{@example.com : pass, @esp.net : fail}</c>.
    /// </summary>
    public string? Dkim { get; init; }

    /// <summary>The SHA-256 of the Message-ID alone: the index that finds another message under the same one.</summary>
    public string? MessageIdKey => MessageId is { Length: > 0 } id ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("message-id:" + id))) : null;

    /// <summary>The domain of the From header's address (what DMARC aligns with), lower case.</summary>
    public string FromDomain => DomainOf(Addresses(From).FirstOrDefault());

    /// <summary>
    /// Whether the sender is who the From header says, as DMARC judges it (RFC 7489, relaxed alignment): a DKIM
    /// signature that passed for the From domain (or a domain under it, or one it is under), or an SPF pass for an
    /// envelope sender whose domain aligns the same way. Only then is the sender answered: otherwise anyone could make
    /// this app mail an enterprise in its name.
    /// </summary>
    public bool SenderAuthenticated
    {
        get
        {
            var from = FromDomain;
            if (from.Length == 0)
            {
                return false;
            }

            var dkimPass = DkimResult().Matches(Dkim ?? string.Empty)
                .Any(m => m.Groups[2].Value.Equals("pass", StringComparison.OrdinalIgnoreCase) && Aligned(m.Groups[1].Value.Trim().ToLowerInvariant(), from));
            var spfPass = Spf?.Trim().StartsWith("pass", StringComparison.OrdinalIgnoreCase) == true && Aligned(DomainOf(EnvelopeFrom), from);
            return dkimPass || spfPass;
        }
    }

    /// <summary>Relaxed alignment without a public-suffix list: the same domain, or one a subdomain of the other.</summary>
    private static bool Aligned(string domain, string from) =>
        domain.Length > 0 && (domain == from || domain.EndsWith("." + from, StringComparison.Ordinal) || from.EndsWith("." + domain, StringComparison.Ordinal) && domain.Contains('.', StringComparison.Ordinal));

    private static string DomainOf(string? address) =>
        address is { } a && a.LastIndexOf('@') is var at and > 0 ? a[(at + 1)..].Trim().TrimEnd('>', '.').ToLowerInvariant() : string.Empty;

    /// <summary>The Message-ID header (only in the raw header block), or null.</summary>
    public string? MessageId =>
        MessageIdHeader().Match(Unfolded(Headers)) is { Success: true } match ? match.Groups[1].Value.Trim() : null;

    /// <summary>
    /// What makes two deliveries the same email: its Message-ID with its sender and the attachments' bytes (a
    /// Message-ID alone is no identity: anyone who saw it, in CC say, could send another message under it first and
    /// have the real one taken for a redelivery), or without one the sender, subject, date and attachments. SendGrid
    /// retries a delivery it thinks failed, so the same message may come twice.
    /// </summary>
    public string Key
    {
        get
        {
            var attachments = Attachments.Select(a => Convert.ToHexStringLower(SHA256.HashData(a.Content)));
            var identity = MessageId is { Length: > 0 } id
                ? string.Join('\n', ["message-id:" + id, FromAddress, .. attachments])
                : string.Join('\n', [From, Subject, DateHeader ?? string.Empty, .. attachments]);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        }
    }

    private string? DateHeader =>
        DateHeaderPattern().Match(Unfolded(Headers)) is { Success: true } match ? match.Groups[1].Value.Trim() : null;

    /// <summary>Every address the message was sent to: the envelope's recipients and the To header's.</summary>
    public IReadOnlyList<string> Recipients =>
        EnvelopeTo.Concat(Addresses(To)).Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct().ToList();

    /// <summary>The sender's address (the From header's, else the envelope's), lower case; empty when neither parses.</summary>
    public string FromAddress => Addresses(From).FirstOrDefault()?.ToLowerInvariant() ?? EnvelopeFrom?.Trim().ToLowerInvariant() ?? string.Empty;

    public string FromName => MailAddress.TryCreate(From, out var address) && address.DisplayName.Length > 0 ? address.DisplayName : FromAddress;

    /// <summary>Likely spam: SendGrid's SpamAssassin score at or over the threshold, or an SPF failure.</summary>
    public bool IsLikelySpam(double threshold) =>
        SpamScore >= threshold || Spf is { } spf && (spf.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || spf.StartsWith("softfail", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Addresses(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            yield break;
        }

        var collection = new MailAddressCollection();
        try
        {
            collection.Add(header);
        }
        catch (FormatException)
        {
            yield break;
        }

        foreach (var address in collection)
        {
            yield return address.Address;
        }
    }

    /// <summary>Header lines continue on lines that start with white space (RFC 5322 folding).</summary>
    private static string Unfolded(string headers) => FoldedLine().Replace(headers ?? string.Empty, " ");

    [GeneratedRegex(@"^Message-ID:\s*(\S.*?)\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdHeader();

    [GeneratedRegex(@"^Date:\s*(.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex DateHeaderPattern();

    [GeneratedRegex(@"\r?\n[ \t]+")]
    private static partial Regex FoldedLine();

    /// <summary>One result of SendGrid's <c>dkim</c> field: <c>@domain : result</c>.</summary>
    [GeneratedRegex(@"@([A-Za-z0-9.-]+)\s*:\s*([A-Za-z]+)")]
    private static partial Regex DkimResult();
}

/// <summary>One attachment: its name (from SendGrid's <c>attachment-info</c>), type and bytes.</summary>
public sealed record InboundFile(string Name, string ContentType, byte[] Content);
