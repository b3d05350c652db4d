using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Proposals.Functions.Http;

/// <summary>Configuration section <c>WebFiles</c>.</summary>
public sealed class WebFilesOptions
{
    public const string Section = "WebFiles";

    /// <summary>
    /// The folder of the web pages: <c>wwwroot</c> beside the app (the publish output carries <c>web/</c>
    /// there); the local host points it at the checkout's <c>web/</c>, so an edit shows on reload.
    /// </summary>
    [Required]
    public string Root { get; set; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");
}

/// <summary>
/// <c>GET /{*path}</c>: the form, the status page and the staff console, served by the app itself so that
/// pages and API share one origin. That origin is what makes staff sign-in first-party (the App Service
/// Authentication cookie is the site's own), lets every page carry the security headers, and needs no
/// CORS. The route is constrained (<see cref="Route"/>) so that it never matches <c>api</c> or <c>api/...</c>:
/// the Functions host tries routes in the order of the functions' names, not by specificity, so without the
/// constraint a GET function whose name sorts after this one would never be reached in Azure.
/// </summary>
public sealed class ServeWebFile(IOptions<WebFilesOptions> options)
{
    /// <summary>
    /// Any path but <c>api</c> and <c>api/...</c> (compared without regard to case, as routing does). A regex
    /// constraint fails on a missing value, so "/" gets the default <c>index.html</c> (the form) to match.
    /// </summary>
    public const string Route = "{*path:regex(^(?!api(/|$)).*$)=index.html}";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>What the pages are made of; nothing else in the folder is ever served.</summary>
    private static readonly HashSet<string> ServedExtensions = new(StringComparer.OrdinalIgnoreCase) { ".html", ".js", ".css", ".svg", ".png", ".ico" };

    [Function(nameof(ServeWebFile))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Route)] HttpRequest request,
        string? path)
    {
        path ??= string.Empty;
        if (path.Equals("api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.RouteNotFound(request); // the route's constraint already keeps these out; kept as a second guard
        }

        var root = Path.GetFullPath(options.Value.Root);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s.StartsWith('.') || s.Contains('\\') || s.Contains(':') || s.Contains('\0')))
        {
            return Problems.RouteNotFound(request);
        }

        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return Problems.RouteNotFound(request);
        }

        if (Directory.Exists(full))
        {
            // "/staff" → "/staff/", so the page's relative links (staff.js, ../config.js) resolve. The address is
            // rebuilt from the checked segments, so it always starts with a single "/": "//staff" (or
            // "//any.host/staff") must not become a scheme-relative "//..." that leaves the site.
            if (path.Length > 0 && !path.EndsWith('/'))
            {
                return new RedirectResult(LocalDirectory(segments) + request.QueryString, permanent: false);
            }

            full = Path.Combine(full, "index.html");
        }

        if (!ServedExtensions.Contains(Path.GetExtension(full)) || !File.Exists(full))
        {
            return Problems.RouteNotFound(request);
        }

        var file = new FileInfo(full);
        request.HttpContext.Response.Headers.CacheControl = "no-cache"; // revalidated on each load: a deployment shows at once
        return new PhysicalFileResult(full, ContentTypes.TryGetContentType(full, out var type) ? type : "application/octet-stream")
        {
            LastModified = file.LastWriteTimeUtc,
            EntityTag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\""),
        };
    }

    /// <summary>"/a/b/" from the segments: one leading slash, never "//", never a scheme.</summary>
    public static string LocalDirectory(IEnumerable<string> segments) =>
        "/" + string.Concat(segments.Select(s => Uri.EscapeDataString(s) + "/"));
}
