using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline;
using Proposals.Pipeline.Intake;

namespace Proposals.Functions.Http;

/// <summary>
/// Reads the intake's multipart body within explicit limits. Files beyond 64 KB are buffered to temp
/// files by ASP.NET Core, not held in memory, then streamed to blob storage by the intake stage.
/// Every way the body can be wrong becomes a 4xx problem, never an exception.
/// </summary>
public sealed class SubmissionFormReader(IOptions<PipelineOptions> options)
{
    private const int MaxIdempotencyKeyLength = 200;
    private const int MaxFieldNameLength = 100;
    private static readonly HashSet<string> DocumentFields = [ProposalFields.SignedScan, ProposalFields.EditableForm];

    public long MaxRequestBytes => options.Value.MaxRequestBytes;

    public async Task<(IncomingSubmission? Submission, IActionResult? Problem)> ReadAsync(
        HttpRequest request, string callId, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(request, limit));
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Length == 0)
        {
            return (null, Problems.Validation(request, [new("body",
                "Dữ liệu phải gửi dạng multipart/form-data (biểu mẫu có tệp đính kèm).",
                "The body must be multipart/form-data (a form with attachments).")]));
        }

        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            return (null, Problems.Validation(request, [new("Idempotency-Key",
                $"Idempotency-Key gồm tối đa {MaxIdempotencyKeyLength} ký tự ASCII in được.",
                $"The Idempotency-Key is at most {MaxIdempotencyKeyLength} printable ASCII characters.")]));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limit,
                BufferBodyLengthLimit = limit,
                ValueLengthLimit = 64 * 1024,
                ValueCountLimit = 64,
                KeyLengthLimit = MaxFieldNameLength,
                MultipartHeadersCountLimit = 16,
                MultipartHeadersLengthLimit = 16 * 1024,
            }, cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.TooLarge(request, limit));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(request, limit));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or FormatException)
        {
            return (null, Problems.Validation(request, [new("body",
                "Không đọc được dữ liệu biểu mẫu (multipart hỏng hoặc vượt giới hạn trường).",
                "The form data could not be read (malformed multipart or a field over its limit).")]));
        }

        var errors = new List<FieldError>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            // FormOptions.KeyLengthLimit binds url-encoded bodies only; multipart names need this check.
            if (key.Length > MaxFieldNameLength)
            {
                errors.Add(new(key[..MaxFieldNameLength] + "…",
                    $"Tên trường dài quá {MaxFieldNameLength} ký tự.", $"A field name is longer than {MaxFieldNameLength} characters."));
                continue;
            }

            if (values.Count > 1)
            {
                errors.Add(new(key, $"Trường \"{key}\" được gửi nhiều lần.", $"The field \"{key}\" was sent more than once."));
                continue;
            }

            var value = values.ToString();
            if (value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                errors.Add(new(key, "Có ký tự không hợp lệ (không phải UTF-8).", "Contains invalid characters (not UTF-8)."));
                continue;
            }

            fields[key] = value;
        }

        var documents = new Dictionary<string, IncomingDocument>(StringComparer.Ordinal);
        foreach (var group in form.Files.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!DocumentFields.Contains(group.Key))
            {
                continue;
            }

            if (group.Count() > 1)
            {
                errors.Add(new(group.Key, "Chỉ đính kèm một tệp cho mục này.", "Attach a single file here."));
                continue;
            }

            var file = group.Single();
            documents[group.Key] = new IncomingDocument(group.Key, file.FileName, file.Length, file.OpenReadStream);
        }

        if (errors.Count > 0)
        {
            return (null, Problems.Validation(request, errors));
        }

        return (new IncomingSubmission(callId, fields, documents, idempotencyKey.Length == 0 ? null : idempotencyKey), null);
    }
}
