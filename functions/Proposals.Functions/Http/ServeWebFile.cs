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
/// CORS. The Functions host and the local host both rank this catch-all after every <c>api/...</c> route.
/// </summary>
public sealed class ServeWebFile(IOptions<WebFilesOptions> options)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>What the pages are made of; nothing else in the folder is ever served.</summary>
    private static readonly HashSet<string> ServedExtensions = new(StringComparer.OrdinalIgnoreCase) { ".html", ".js", ".css", ".svg", ".png", ".ico" };

    [Function(nameof(ServeWebFile))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest request,
        string? path)
    {
        path ??= string.Empty;
        if (path == "api" || path.StartsWith("api/", StringComparison.Ordinal))
        {
            return Problems.RouteNotFound(request); // an API address that matched no API route
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
            // "/staff" → "/staff/", so the page's relative links (staff.js, ../config.js) resolve.
            if (path.Length > 0 && !path.EndsWith('/'))
            {
                return new RedirectResult("/" + path + "/" + request.QueryString, permanent: false);
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
}
