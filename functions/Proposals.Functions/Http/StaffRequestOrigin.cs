using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Proposals.Pipeline;

namespace Proposals.Functions.Http;

/// <summary>
/// Cross-site request forgery, refused for every state-changing staff request (anything but GET and HEAD), and
/// any staff request a browser says another site sent (reads too: an export is recorded on the audit trail):
/// behind App Service Authentication a staff route trusts the session cookie, which the browser sends
/// whichever site made it send the request. A request passes only when
/// <list type="number">
/// <item>the browser says it came from this origin (<c>Sec-Fetch-Site: same-origin</c>) when it says anything;</item>
/// <item>its <c>Origin</c>, when present, is one of the app's own;</item>
/// <item>it carries <c>X-Requested-With</c> (any value), which no HTML form can send and which a script on
/// another origin can only send after a CORS preflight the app never answers;</item>
/// <item>its body is declared <c>application/json</c> (or <c>multipart/form-data</c>, paper entry's form).</item>
/// </list>
/// <see cref="StaffGate"/> applies it before the credentials, so every staff route gets it, new ones included.
/// </summary>
public sealed class StaffRequestOrigin(IOptions<PipelineOptions> pipeline)
{
    public const string RequestedWithHeader = "X-Requested-With";
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    /// <summary>Null when the request may change state (or changes none); otherwise the problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request)
    {
        var site = request.Headers[FetchSiteHeader];
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            // A read changes no state, but some reads are recorded (a person's data exported goes on the audit
            // trail): a browser that says another site sent it is refused; scripts send no Sec-Fetch-Site.
            var fromAnotherSite = site.ToString() is var value
                && (value.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || value.Equals("same-site", StringComparison.OrdinalIgnoreCase));
            return fromAnotherSite ? Problems.CrossSiteRequest(request) : null;
        }

        if (site.Count > 0 && !string.Equals(site.ToString(), "same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.CrossSiteRequest(request);
        }

        var origin = request.Headers.Origin;
        if (origin.Count > 0 && !IsOwnOrigin(origin.ToString(), request))
        {
            return Problems.CrossSiteRequest(request);
        }

        if (string.IsNullOrWhiteSpace(request.Headers[RequestedWithHeader].ToString()))
        {
            return Problems.CrossSiteRequest(request);
        }

        return IsAcceptedContentType(request.ContentType) ? null : Problems.UnsupportedContentType(request);
    }

    /// <summary><c>application/json</c> (any parameters) or <c>multipart/form-data</c>.</summary>
    public static bool IsAcceptedContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The app's own origins: the public address (<c>Pipeline:PublicBaseUrl</c>, the custom domain when one is
    /// bound), the app's default host name (<c>WEBSITE_HOSTNAME</c>, set by the platform) and the host the
    /// request itself names. Compared by host and port: behind the platform's front ends the worker may see
    /// <c>http</c> where the browser used <c>https</c>.
    /// </summary>
    private bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var presented) || (presented.Scheme != Uri.UriSchemeHttps && presented.Scheme != Uri.UriSchemeHttp))
        {
            return false; // "null" (a sandboxed frame, a file), or anything else that is not a web origin
        }

        var authority = presented.IsDefaultPort ? presented.Host : presented.Authority;
        return SameAuthority(authority, request.Host.Value)
            || (Uri.TryCreate(pipeline.Value.PublicBaseUrl, UriKind.Absolute, out var publicUrl)
                && SameAuthority(authority, publicUrl.IsDefaultPort ? publicUrl.Host : publicUrl.Authority))
            || SameAuthority(authority, Environment.GetEnvironmentVariable("WEBSITE_HOSTNAME"));
    }

    private static bool SameAuthority(string presented, string? own) =>
        !string.IsNullOrEmpty(own) && string.Equals(presented, own, StringComparison.OrdinalIgnoreCase);
}
