using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Proposals.Pipeline.Inbound;

namespace Proposals.Testing;

/// <summary>Emails as SendGrid Inbound Parse posts them: the parsed record for stage tests, and the very multipart body for HTTP tests.</summary>
public static class SampleEmails
{
    public const string Sender = "Trần Thị Bình <binh.tran@cokhi-hp.vn>";

    public static InboundEmail Email(
        string to, IReadOnlyList<InboundFile>? attachments = null, string subject = "Đề xuất nhiệm vụ KH&CN – Công ty Cơ khí Chính xác Hải Phòng",
        string? messageId = null, double? spamScore = 0.1, string from = Sender)
    {
        messageId ??= $"<{Guid.NewGuid():N}@mail.cokhi-hp.vn>";
        var headers = $"Received: from mail.cokhi-hp.vn\nMessage-ID: {messageId}\nDate: Mon, 17 Apr 2023 09:15:00 +0700\nFrom: {from}\nTo: {to}\nSubject: {subject}\n";
        return new InboundEmail(headers, from, to, subject, "Kính gửi Chi cục,\nCông ty xin gửi phiếu đề xuất kèm theo.\nTrân trọng.", string.Empty,
            [to], "bounces@cokhi-hp.vn", spamScore, "pass", attachments ?? [])
        {
            Dkim = "{@cokhi-hp.vn : pass}",
        };
    }

    public static InboundFile WordForm(IReadOnlyDictionary<string, string> answers) =>
        new("Phiếu đề xuất - Cơ khí Hải Phòng.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", A1Form.Filled(answers));

    public static InboundFile Scan() => new("Bản quét có chữ ký.pdf", "application/pdf", SampleDocuments.Pdf());

    /// <summary>
    /// The POST SendGrid sends for <paramref name="email"/> (its default, parsed format): text parts without a
    /// charset of their own, <c>charsets</c> naming each one's, the subject in <paramref name="subjectCharset"/>,
    /// <c>attachment-info</c> with the file names, and files <c>attachment1..N</c>.
    /// </summary>
    public static MultipartFormDataContent Multipart(InboundEmail email, string subjectCharset = "UTF-8")
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var content = new MultipartFormDataContent();
        void Text(string name, string value, string charset = "UTF-8")
        {
            // A legacy Vietnamese charset (windows-1258) has the base letters and the tone marks, not every composed
            // letter: mail clients write the decomposed form in it.
            var text = charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) ? value : ToneMarksApart(value);
            var part = new ByteArrayContent(Encoding.GetEncoding(charset).GetBytes(text));
            part.Headers.ContentType = null; // SendGrid's text parts carry no Content-Type
            content.Add(part, name);
        }

        Text("headers", email.Headers);
        Text("dkim", email.Dkim ?? string.Empty);
        Text("to", email.To);
        Text("from", email.From);
        Text("subject", email.Subject, subjectCharset);
        Text("text", email.Text);
        Text("sender_ip", "203.0.113.7");
        Text("envelope", JsonSerializer.Serialize(new { to = email.EnvelopeTo, from = email.EnvelopeFrom }));
        Text("attachments", email.Attachments.Count.ToString(CultureInfo.InvariantCulture));
        Text("attachment-info", JsonSerializer.Serialize(email.Attachments.Select((a, i) => (a, i))
            .ToDictionary(x => $"attachment{x.i + 1}", x => new { filename = x.a.Name, type = x.a.ContentType })));
        Text("charsets", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["to"] = "UTF-8", ["from"] = "UTF-8", ["subject"] = subjectCharset, ["text"] = "UTF-8",
        }));
        Text("SPF", email.Spf ?? "pass");
        if (email.SpamScore is { } score)
        {
            Text("spam_score", score.ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < email.Attachments.Count; i++)
        {
            var file = new ByteArrayContent(email.Attachments[i].Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(email.Attachments[i].ContentType);
            content.Add(file, $"attachment{i + 1}", email.Attachments[i].Name);
        }

        return content;
    }

    /// <summary>
    /// Vietnamese as windows-1258 writes it: the letters â ê ô ă ơ ư đ composed, the five tone marks apart
    /// (ề = ê + U+0300), since the code page has the former and the combining tones but not every composed letter.
    /// </summary>
    private static string ToneMarksApart(string value)
    {
        var text = new StringBuilder();
        var tones = new StringBuilder();
        var letter = new StringBuilder();
        void Flush()
        {
            text.Append(letter.ToString().Normalize(NormalizationForm.FormC)).Append(tones);
            letter.Clear();
            tones.Clear();
        }

        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (c is '\u0302' or '\u0306' or '\u031B')
            {
                letter.Append(c); // circumflex, breve, horn: part of the letter
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                tones.Append(c);
            }
            else
            {
                Flush();
                letter.Append(c);
            }
        }

        Flush();
        return text.ToString();
    }
}
