using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
        using var lease = _limiter.AttemptAcquire((route, ClientKey(request)));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Problems.TooManyRequests(request, seconds);
    }

    /// <summary>
    /// Whose budget a request spends: the address the host itself accepted the connection from. Never a
    /// header the client could write. In Azure the Functions host forwards each request to the worker with
    /// <c>X-Forwarded-For</c> set to that address alone (YARP's default transform replaces whatever the
    /// client sent), and the worker's ASP.NET Core integration applies it with the standard forwarded-headers
    /// middleware, trusting the host on loopback only; so <see cref="ConnectionInfo.RemoteIpAddress"/> is the
    /// real client there, as it is on the local host (azure-functions-dotnet-worker,
    /// <c>extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsHostBuilderExtensions.cs</c>).
    /// IPv6 clients are counted by their /64: one subscriber typically holds a whole /64 and could otherwise
    /// take a fresh address, and a fresh budget, for every request.
    /// </summary>
    public static string ClientKey(HttpRequest request)
    {
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter.Dispose();

    private int LimitOf(RateLimitedRoute route) => route switch
    {
        RateLimitedRoute.Intake => _options.IntakePerMinute,
        RateLimitedRoute.Staff => _options.StaffPerMinute,
        _ => _options.StatusPerMinute,
    };
}
