using Proposals.Pipeline.Submissions;

namespace Proposals.Testing;

/// <summary>The submitter's status lookup as the status page makes it: the token in a header, never in the URL.</summary>
public static class StatusLookup
{
    public static HttpRequestMessage Request(string submissionId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/submissions/{submissionId}");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(TrackingTokens.Header, token);
        }

        return request;
    }

    public static async Task<HttpResponseMessage> GetStatusAsync(this HttpClient client, string submissionId, string? token)
    {
        using var request = Request(submissionId, token);
        return await client.SendAsync(request);
    }
}
