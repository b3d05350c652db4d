using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Proposals.Pipeline.Email;

/// <summary>
/// The one-machine stand-in for SendGrid: each email becomes an RFC 5322 <c>.eml</c> file in the outbox
/// folder, openable in any mail client.
/// </summary>
public sealed class OutboxEmailSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.OutboxDirectory);
        Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        var name = $"{now:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var boundary = "=_" + Guid.NewGuid().ToString("N");
        var builder = new StringBuilder()
            .Append("From: ").Append(EncodeWord(options.Value.FromName)).Append(" <").Append(options.Value.FromAddress).Append(">\r\n")
            .Append("To: ").Append(string.Join(", ", message.To)).Append("\r\n")
            .Append("Subject: ").Append(EncodeWord(message.Subject)).Append("\r\n")
            .Append("Date: ").Append(now.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append("@outbox.local>\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n")
            .Append(Part(boundary, "text/plain", message.PlainText))
            .Append(Part(boundary, "text/html", message.Html))
            .Append("--").Append(boundary).Append("--\r\n");

        var temporary = Path.Combine(directory, name + ".tmp");
        await File.WriteAllTextAsync(temporary, builder.ToString(), new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, Path.Combine(directory, name)); // readers never see half a file
        return new EmailSendResult(true, false, "outbox:" + name);
    }

    private static string Part(string boundary, string contentType, string body) =>
        $"--{boundary}\r\nContent-Type: {contentType}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body.ReplaceLineEndings("\r\n")}\r\n";

    /// <summary>RFC 2047 encoded word, so Vietnamese subjects survive every mail client.</summary>
    private static string EncodeWord(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";
}
