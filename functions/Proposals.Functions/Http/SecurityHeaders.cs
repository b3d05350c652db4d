using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Proposals.Functions.Http;

/// <summary>
/// The headers every page and every API answer carries, in both hosts. The pages load scripts and styles
/// from their own origin only and call only their own API, so the policy can forbid everything else: no
/// inline script or style, no framing (click-jacking), no plugins, no other origins.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>No powerful browser feature is used by any page.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            // API answers hold a submitter's answers or staff data: no browser or proxy keeps a copy.
            headers.CacheControl = "no-store";
        }

        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
    }
}

/// <summary>
/// The Functions app's way to put <see cref="SecurityHeaders"/> on every HTTP answer: the worker's
/// ASP.NET Core pipeline takes no middleware of ours, but worker middleware runs around every invocation
/// with the request's <see cref="HttpContext"/>, before the function's result is written.
/// </summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.Apply(http);
        }

        return next(context);
    }
}
