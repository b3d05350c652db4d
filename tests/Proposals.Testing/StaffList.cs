using System.Net.Http.Json;
using System.Text.Json;

namespace Proposals.Testing;

/// <summary>Every row of a call's staff list, following the continuation tokens page by page.</summary>
public static class StaffList
{
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string callId)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var path = $"/api/staff/calls/{callId}/submissions?pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            items.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);

        return items;
    }
}
