using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Proposals.Functions.Http;

/// <summary>Configuration section <c>RateLimits</c>: requests per client address per window; 0 turns a limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(0, int.MaxValue)]
    public int IntakePerMinute { get; set; } = 60;

    [Range(0, int.MaxValue)]
    public int StaffPerMinute { get; set; } = 120;

    [Range(0, int.MaxValue)]
    public int StatusPerMinute { get; set; } = 300;

    /// <summary>The window the limits count over (a minute unless a test shortens it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Take the client's address from the last (rightmost) entry of <c>X-Forwarded-For</c>. Only behind a
    /// front end that appends it (the Azure Functions / App Service front end, which the Bicep turns this on
    /// for); anywhere else a client could choose its own address.
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}

/// <summary>The groups of routes that are limited separately.</summary>
public enum RateLimitedRoute
{
    Intake,
    Staff,
    Status,
}

/// <summary>
/// Fixed-window limits per client address and route group, answered with 429 and <c>Retry-After</c>.
/// The counters live in the process: in Azure each instance of the Function app counts on its own, so
/// the effective limit is the configured one times the number of instances (a brake on floods from one
/// address, not a quota). Independent of the pipeline, so both hosts call it the same way.
/// </summary>
public sealed class RequestRateLimiter : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<(RateLimitedRoute Route, string Client)> _limiter;

    public RequestRateLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<(RateLimitedRoute Route, string Client), (RateLimitedRoute, string)>(key =>
            LimitOf(key.Route) is var limit and > 0
                ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = _options.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(key));
    }

    /// <summary>Null when the request may go on; otherwise the 429 problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request, RateLimitedRoute route)
    {
        using var lease = _limiter.AttemptAcquire((route, ClientAddress(request)));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Problems.TooManyRequests(request, seconds);
    }

    /// <summary>The connection's remote address, or the last <c>X-Forwarded-For</c> entry when trusted.</summary>
    /// <remarks>
    /// The Azure front end appends the address it accepted the connection from to whatever
    /// <c>X-Forwarded-For</c> the client sent: <c>X-Forwarded-For: 1.2.3.4</c> from a client at 203.0.113.7
    /// reaches the app as <c>1.2.3.4, 203.0.113.7:50123</c>. Every entry left of the last is the client's own
    /// text; only the rightmost, added by the one proxy we trust, cannot be forged. Counting by the leftmost
    /// would let a client rotate a made-up first entry and get a fresh budget on every request. (Another
    /// proxy of ours in front, e.g. Front Door, would make the rightmost entry its address: then trust one
    /// more hop, not the first entry.)
    /// Several <c>X-Forwarded-For</c> headers join into one list, in order.
    /// </remarks>
    public string ClientAddress(HttpRequest request)
    {
        if (_options.TrustForwardedFor
            && request.Headers["X-Forwarded-For"].ToString().Split(',')[^1].Trim() is { Length: > 0 } forwarded)
        {
            // App Service writes "address:port"; IPv6 may come bracketed.
            return IPEndPoint.TryParse(forwarded, out var endPoint) ? endPoint.Address.ToString()
                : IPAddress.TryParse(forwarded, out var address) ? address.ToString()
                : forwarded;
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    public void Dispose() => _limiter.Dispose();

    private int LimitOf(RateLimitedRoute route) => route switch
    {
        RateLimitedRoute.Intake => _options.IntakePerMinute,
        RateLimitedRoute.Staff => _options.StaffPerMinute,
        _ => _options.StatusPerMinute,
    };
}
