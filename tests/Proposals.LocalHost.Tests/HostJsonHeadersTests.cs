using System.Text.Json;
using Proposals.Functions.Http;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The answers the Functions host makes itself (its 404 and 405, anything no function answers) never pass
/// through the worker's middleware; host.json's <c>extensions.http.customHeaders</c> puts the same security
/// headers on them. The host adds each one only where the answer lacks it (TryAdd), so the worker's own stay.
/// </summary>
public sealed class HostJsonHeadersTests
{
    [Fact]
    public void Host_json_sends_the_same_security_headers_as_the_middleware()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var headers = json.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("customHeaders")
            .EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString());

        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Path = "/";
        SecurityHeaders.Apply(context);
        foreach (var (name, value) in context.Response.Headers.Where(h => h.Key != "Cache-Control" && h.Key != "Strict-Transport-Security"))
        {
            headers.ShouldContainKey(name);
            headers[name].ShouldBe(value.ToString(), name);
        }

        headers.Keys.ShouldBe(context.Response.Headers.Keys, ignoreOrder: true, "no header only one of the two sends");
    }
}
