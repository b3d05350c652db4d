using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Proposals.Pipeline.Email;

/// <summary>
/// Sends through the real SendGrid client. The client neither retries nor throws on failure
/// (sendgrid-csharp #882), so this does: 429 waits for Retry-After, 5xx and timeouts back off,
/// other 4xx are final.
/// </summary>
public sealed partial class SendGridEmailSender(
    ISendGridClient client, IOptions<EmailOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mail = MailHelper.CreateSingleEmailToMultipleRecipients(
            new EmailAddress(settings.FromAddress, settings.FromName),
            message.To.Select(to => new EmailAddress(to)).ToList(),
            message.Subject, message.PlainText, message.Html);

        var result = new EmailSendResult(false, true, "not sent");
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            TimeSpan wait;
            try
            {
                var response = await client.SendEmailAsync(mail, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return new EmailSendResult(true, false, $"sendgrid:{(int)response.StatusCode}");
                }

                var status = (int)response.StatusCode;
                var body = await response.Body.ReadAsStringAsync(cancellationToken);
                result = new EmailSendResult(false, status == 429 || status >= 500, $"sendgrid:{status} {Truncate(body)}");
                if (!result.Retryable)
                {
                    LogRejected(logger, status);
                    return result;
                }

                wait = response.StatusCode == HttpStatusCode.TooManyRequests
                    ? RetryAfter(response, settings.MaxRetryAfter, time.GetUtcNow()) ?? Backoff(attempt)
                    : Backoff(attempt);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                result = new EmailSendResult(false, true, "sendgrid:" + e.GetType().Name);
                wait = Backoff(attempt);
            }

            if (attempt < settings.MaxAttempts)
            {
                LogRetrying(logger, attempt, result.Detail, wait);
                await Task.Delay(wait, time, cancellationToken);
            }
        }

        return result;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    private static TimeSpan? RetryAfter(Response response, TimeSpan max, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var delay = retryAfter.Delta ?? (retryAfter.Date - now);
            if (delay is { } d)
            {
                return d < TimeSpan.Zero ? TimeSpan.Zero : d > max ? max : d;
            }
        }

        // SendGrid also sends X-RateLimit-Reset as a Unix time.
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var d = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
            return d < TimeSpan.Zero ? TimeSpan.Zero : d > max ? max : d;
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt {Attempt} failed ({Detail}); retrying in {Wait}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string detail, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid refused the email with {Status}; not retried")]
    private static partial void LogRejected(ILogger logger, int status);
}
