using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Proposals.Pipeline.Submissions;

namespace Proposals.Functions.Http;

/// <summary>A small JSON request body (staff actions), read with a bound so no client can make the app buffer a large one.</summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>; <paramref name="empty"/> for an empty body; null when too large or not that JSON.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, int maxBytes, T empty, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return empty;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
