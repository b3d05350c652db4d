using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Proposals.Functions.Http;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// What any caller meets over HTTP: the routes (the same in both hosts), the headers on every answer, the
/// web pages served from the app's own origin, and the gate in front of every staff route.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class HttpSurfaceTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        settings["RateLimits:StaffPerMinute"] = "80"; // two requests a staff route, and every route is tried
        _host = await RunningLocalHost.StartAsync(azurite, settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The Functions host's view: functions.metadata, which the Worker SDK generates from the attributes at build.</summary>
    private static Dictionary<string, (string Route, string[] Methods)> AzureRoutes()
    {
        var metadata = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "functions", "Proposals.Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        return json.RootElement.EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Binding: f.GetProperty("bindings")[0]))
            .Where(f => f.Binding.GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(f => f.Name, f => (
                f.Binding.GetProperty("route").GetString()!,
                f.Binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order().ToArray()));
    }

    [Fact]
    public void The_local_host_answers_exactly_the_routes_and_methods_the_Functions_app_declares()
    {
        var prefix = HttpFunctionRoutes.RoutePrefixOf(Path.Combine(RepositoryRoot.Find(), "host.json"));
        var azure = AzureRoutes().ToDictionary(r => r.Key, r => (Route: (prefix.Length == 0 ? "" : prefix + "/") + r.Value.Route, r.Value.Methods));
        var local = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ToDictionary(e => e.DisplayName!, e => (Route: e.RoutePattern.RawText!.TrimStart('/'),
                Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Order().ToArray()));
        foreach (var (name, route) in azure.OrderBy(r => r.Value.Route, StringComparer.Ordinal))
        {
            output.WriteLine($"{string.Join(',', route.Methods),-5} /{route.Route}  {name}");
        }

        prefix.ShouldBe("", "the pages are served at / beside the API (host.json extensions.http.routePrefix)");
        local.Keys.Order().ShouldBe(azure.Keys.Order());
        foreach (var (name, route) in azure)
        {
            local[name].Route.ShouldBe(route.Route, name);
            local[name].Methods.ShouldBe(route.Methods, name);
        }

        azure.Where(r => r.Value.Route.StartsWith(HttpFunctionRoutes.StaffPrefix, StringComparison.Ordinal)).Select(r => r.Key)
            .ShouldBe(HttpFunctionRoutes.Discover(prefix).Where(r => r.IsStaffOnly).Select(r => r.Name), ignoreOrder: true);
    }

    [Fact]
    public async Task Every_staff_route_refuses_without_credentials_and_with_a_wrong_key()
    {
        var staffRoutes = HttpFunctionRoutes.Discover("").Where(r => r.IsStaffOnly).ToList();
        staffRoutes.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var route in staffRoutes)
        {
            var path = "/" + route.Template.Replace("{callId}", _callId, StringComparison.Ordinal)
                .Replace("{submissionId}", new string('a', 32), StringComparison.Ordinal).Replace("{document}", "signedScan", StringComparison.Ordinal);
            foreach (var (key, expected) in new[] { ((string?)null, HttpStatusCode.Unauthorized), ("wrong-key", HttpStatusCode.Forbidden) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Methods[0]), path).FromConsole();
                if (key is not null)
                {
                    request.Headers.Add("x-staff-key", key);
                }

                using var response = await _host.Client.SendAsync(request);
                output.WriteLine($"{route.Methods[0]} {path} with {key ?? "no credentials"}: {(int)response.StatusCode}");
                response.StatusCode.ShouldBe(expected, $"{route.Name} with {key ?? "no credentials"}");
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            }
        }
    }

    [Fact]
    public async Task Every_staff_route_spends_the_same_rate_limit()
    {
        await using var host = await RunningLocalHost.StartAsync(azurite, new Dictionary<string, string?>(TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)))
        {
            ["RateLimits:StaffPerMinute"] = "2",
        });
        using var stuck = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callId}/stuck");
        using var replay = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/{new string('a', 32)}/replay").FromConsole();
        using var third = new HttpRequestMessage(HttpMethod.Get, "/api/staff/me");

        (await host.Client.SendAsync(stuck)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.Client.SendAsync(replay)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var limited = await host.Client.SendAsync(third);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the stuck list and the replay went through the staff gate too");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/status.html")]
    [InlineData("/staff/")]
    [InlineData("/form.js")]
    [InlineData("/shared/api.js")]
    [InlineData("/api/calls/{callId}")]
    [InlineData("/api/calls/{callId}/form-template.docx")]
    [InlineData("/api/staff/calls")]
    [InlineData("/api/calls/no-such-call")]
    [InlineData("/no-such-page.html")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var response = await _host.Client.GetAsync(path.Replace("{callId}", _callId, StringComparison.Ordinal));
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        output.WriteLine($"GET {path}: {(int)response.StatusCode}");
        foreach (var name in new[] { "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy" })
        {
            output.WriteLine($"  {name}: {headers.GetValueOrDefault(name)}");
        }

        headers["Content-Security-Policy"].ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        headers["Content-Security-Policy"].ShouldContain("frame-ancestors 'none'");
        headers["Content-Security-Policy"].ShouldNotContain("unsafe-inline");
        headers["X-Content-Type-Options"].ShouldBe("nosniff");
        headers["Referrer-Policy"].ShouldBe("no-referrer");
        headers["Permissions-Policy"].ShouldContain("camera=()");
    }

    [Fact]
    public async Task The_pages_are_served_from_the_apps_own_origin_and_nothing_else_in_the_folder_is()
    {
        using (var form = await _host.Client.GetAsync("/"))
        {
            form.StatusCode.ShouldBe(HttpStatusCode.OK);
            form.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            (await form.Content.ReadAsStringAsync()).ShouldContain("<script type=\"module\" src=\"form.js\"></script>");
            form.Headers.CacheControl!.NoCache.ShouldBeTrue();
        }

        using (var script = await _host.Client.GetAsync("/staff/staff.js"))
        {
            script.StatusCode.ShouldBe(HttpStatusCode.OK);
            script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
            var etag = script.Headers.ETag!;
            using var again = new HttpRequestMessage(HttpMethod.Get, "/staff/staff.js");
            again.Headers.IfNoneMatch.Add(etag);
            (await _host.Client.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }

        // The modules the pages import, from the folders beside them: a module script needs a JavaScript type (nosniff).
        foreach (var module in new[] { "/shared/api.js", "/strings/language.js", "/staff/list.js", "/form/send.js" })
        {
            using var script = await _host.Client.GetAsync(module);
            script.StatusCode.ShouldBe(HttpStatusCode.OK, module);
            script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript", module);
        }

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Client.BaseAddress };
        using (var console = await noRedirects.GetAsync("/staff?call=demo"))
        {
            console.StatusCode.ShouldBe(HttpStatusCode.Found);
            console.Headers.Location!.ToString().ShouldBe("/staff/?call=demo");
        }

        // The folder's other files, the checkout around it, and API addresses that match no route.
        foreach (var path in new[] { "/../README.md", "/%2e%2e/host.json", "/..%2fhost.json", "/.data/staff-key.txt", "/staff/..%5c..%5chost.json",
                     "/config.json", "/api/nothing-here", "/api", "/web.config" })
        {
            using var response = await noRedirects.GetAsync(path);
            output.WriteLine($"GET {path}: {(int)response.StatusCode}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("\"version\"", customMessage: path);
        }
    }

    [Fact]
    public async Task Staff_me_says_who_is_signed_in_and_a_401_names_the_sign_in_only_where_Entra_ID_is_on()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/me");
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        using var me = await _host.Client.SendAsync(request);
        (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signedInWith").GetString().ShouldBe("key");

        using var anonymous = await _host.Client.GetAsync("/api/staff/me");
        (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("signInUrl", out _).ShouldBeFalse();

        await using var entra = await RunningLocalHost.StartAsync(azurite, new Dictionary<string, string?>(TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)))
        {
            ["Staff:TrustEasyAuthPrincipal"] = "true",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        using var unsigned = await entra.Client.GetAsync("/api/staff/me");
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unsigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signInUrl").GetString().ShouldBe("/.auth/login/aad");
    }
}
