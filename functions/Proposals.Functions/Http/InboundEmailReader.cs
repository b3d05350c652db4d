using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Proposals.Pipeline.Inbound;

namespace Proposals.Functions.Http;

/// <summary>
/// Reads SendGrid Inbound Parse's default (parsed) POST. Each text field arrives in its own charset, named in
/// the <c>charsets</c> field (a captured payload had the subject in cp850 and the text in windows-1252), with no
/// charset of its own: ASP.NET Core's form reader would decode them all as UTF-8, so the sections are read raw
/// and decoded here. Attachments are matched by their part name (<c>attachment1</c>…) and named from
/// <c>attachment-info</c>, which is JSON and so Unicode-safe. Everything is bounded.
/// </summary>
public sealed class InboundEmailReader(IOptions<InboundOptions> options)
{
    private const int MaxTextFieldBytes = 2 * 1024 * 1024;
    private const int MaxAttachments = 20;

    static InboundEmailReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // windows-1258, cp850...

    /// <summary>The email, or null when the body is not a multipart form within the limits.</summary>
    public async Task<InboundEmail?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit || !MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Length == 0)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }

        var fields = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var files = new Dictionary<string, (string? FileName, string? ContentType, byte[] Content)>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value!, request.Body);
        long total = 0;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    continue;
                }

                var isFile = disposition.IsFileDisposition();
                if (isFile && files.Count >= MaxAttachments)
                {
                    continue; // kept within bounds; the message says how many it had
                }

                var content = await JsonBody.ReadBoundedAsync(section.Body, isFile ? limit - total : MaxTextFieldBytes, cancellationToken);
                if (content is null)
                {
                    return null;
                }

                total += content.Length;
                if (isFile)
                {
                    files[name] = (disposition.FileNameStar.Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value, section.ContentType, content);
                }
                else
                {
                    fields[name] = content;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }

        var charsets = Json<Dictionary<string, string>>(fields, "charsets") ?? [];
        string Text(string name) => fields.TryGetValue(name, out var bytes) ? EncodingOf(charsets.GetValueOrDefault(name)).GetString(bytes) : string.Empty;

        var info = Json<Dictionary<string, AttachmentInfo>>(fields, "attachment-info") ?? [];
        var attachments = files
            .OrderBy(f => AttachmentNumber(f.Key))
            .Select(f => new InboundFile(
                info.GetValueOrDefault(f.Key)?.Filename ?? f.Value.FileName ?? f.Key,
                info.GetValueOrDefault(f.Key)?.Type ?? f.Value.ContentType ?? "application/octet-stream",
                f.Value.Content))
            .ToList();
        var envelope = Json<Envelope>(fields, "envelope");
        return new InboundEmail(
            Text("headers"), Text("from"), Text("to"), Text("subject"), Text("text"), Text("html"),
            envelope?.To ?? [], envelope?.From,
            double.TryParse(Text("spam_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? score : null,
            Text("SPF") is { Length: > 0 } spf ? spf : null,
            attachments)
        {
            Dkim = Text("dkim") is { Length: > 0 } dkim ? dkim : null,
        };
    }

    private static Encoding EncodingOf(string? charset)
    {
        try
        {
            return string.IsNullOrWhiteSpace(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8; // a name .NET does not know: UTF-8, as SendGrid mostly sends
        }
    }

    private static T? Json<T>(Dictionary<string, byte[]> fields, string name) where T : class
    {
        try
        {
            return fields.TryGetValue(name, out var bytes) ? JsonSerializer.Deserialize<T>(bytes, ReadOptions) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int AttachmentNumber(string partName) =>
        partName.StartsWith("attachment", StringComparison.OrdinalIgnoreCase) && int.TryParse(partName.AsSpan("attachment".Length), out var n) ? n : int.MaxValue;

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    private sealed record AttachmentInfo(string? Filename, string? Type);

    private sealed record Envelope(List<string>? To, string? From);
}
