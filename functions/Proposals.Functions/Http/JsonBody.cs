using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Proposals.Pipeline.Submissions;

namespace Proposals.Functions.Http;

/// <summary>
/// A small JSON request body (staff actions), read with a bound so no client can make the app buffer a large one;
/// and the bounded read itself, which the inbound email reader uses for each part.
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// The body as <typeparamref name="T"/>; <paramref name="empty"/> for an empty body; null when too large, not
    /// that JSON, or not declared <c>application/json</c> (a <c>text/plain</c> form from another site is not JSON).
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, int maxBytes, T empty, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes || !IsJson(request.ContentType))
        {
            return null;
        }

        var body = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return null;
        }

        if (body.Length == 0)
        {
            return empty;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>All of <paramref name="body"/>, or null as soon as it passes <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
