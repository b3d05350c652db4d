using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Proposals.Pipeline.Inbound;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>POST /api/inbound/email</c>: SendGrid Inbound Parse's webhook, HTTP Basic with the password
/// <c>Inbound:Secret</c> (wrong or missing: 401, nothing stored). 200 once the email is stored durably, as a
/// <c>needsReview</c> submission of the call its address names or in the unmatched list, and also for a
/// redelivery of the same Message-ID (nothing added). SendGrid retries a 5xx for up to three days and drops a
/// 4xx at once, so a storage failure is a 503, never a 4xx.
/// </summary>
public sealed class ReceiveInboundEmail(InboundEmailReader reader, InboundStage stage, IOptions<InboundOptions> options)
{
    [Function(nameof(ReceiveInboundEmail))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/email")] HttpRequest request,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Authenticated(request))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"inbound\"";
            return Problems.Unauthenticated(request);
        }

        var email = await reader.ReadAsync(request, cancellationToken);
        if (email is null)
        {
            return Problems.Validation(request, [new("body",
                "Dữ liệu phải là email do SendGrid Inbound Parse gửi (multipart/form-data, tối đa 32 MB).",
                "The body must be an email as SendGrid Inbound Parse posts it (multipart/form-data, at most 32 MB).")]);
        }

        return await stage.ReceiveAsync(email, cancellationToken) switch
        {
            InboundOutcome.Submitted s => new OkObjectResult(new { outcome = "submission", s.CallId, s.ReceiptNumber }),
            InboundOutcome.Unmatched u => new OkObjectResult(new { outcome = "unmatched", reason = u.Reason }),
            InboundOutcome.AlreadyReceived a => new OkObjectResult(new { outcome = "already-received", previous = a.Entry.Outcome, a.Entry.ReceiptNumber }),
            _ => Problems.InboundInProgress(request),
        };
    }

    /// <summary>HTTP Basic; the user name is not checked, the password must be the configured secret (compared in fixed time).</summary>
    private bool Authenticated(HttpRequest request)
    {
        var secret = options.Value.Secret;
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(secret) || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var password = decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
