using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Proposals.Functions.Http;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The catch-all that serves the pages: it must never take an <c>api/</c> address, whatever the order the
/// host tries routes in, and its directory redirect must never leave the site.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class WebFileRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(azurite, TestCalls.Settings(TestCalls.NewId(), DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// The Functions host's router: one <see cref="Route"/> per function with ASP.NET Core's inline
    /// constraint resolver, tried in the order of the function names (FunctionMetadataManager sorts them by
    /// name), the first match wins. Returns the name of the function that takes <paramref name="path"/>.
    /// </summary>
    private static async Task<string?> HostRouteAsync(IEnumerable<(string Name, string Template)> functions, string path)
    {
        var services = new ServiceCollection().AddRouting().AddLogging().BuildServiceProvider();
        var resolver = services.GetRequiredService<IInlineConstraintResolver>();
        foreach (var (name, template) in functions.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            var route = new Route(new Target(name), template, resolver);
            var context = new RouteContext(new DefaultHttpContext { RequestServices = services, Request = { Path = "/" + path, Method = "GET" } });
            await route.RouteAsync(context);
            if (context.Handler is not null)
            {
                return name;
            }
        }

        return null;
    }

    private sealed class Target(string name) : IRouter
    {
        public VirtualPathData? GetVirtualPath(VirtualPathContext context) => null;

        public Task RouteAsync(RouteContext context)
        {
            context.Handler = _ => Task.CompletedTask;
            context.RouteData.Values["function"] = name;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_GET_function_named_after_ServeWebFile_still_gets_its_api_address_in_the_host_s_name_order()
    {
        var functions = new List<(string, string)>
        {
            (nameof(ServeWebFile), ServeWebFile.Route),
            ("ZzzListSomething", "api/staff/zzz"), // sorts after ServeWebFile
        };
        (await HostRouteAsync(functions, "api/staff/zzz")).ShouldBe("ZzzListSomething");
        (await HostRouteAsync(functions, "API/staff/zzz")).ShouldBe("ZzzListSomething", "routing ignores case; so does the constraint");
        (await HostRouteAsync(functions, "api")).ShouldBeNull();
        (await HostRouteAsync(functions, "api/unknown")).ShouldBeNull();
        foreach (var page in new[] { "", "staff", "staff/", "staff/staff.js", "status.html", "apiary/x", "x/api/y" })
        {
            (await HostRouteAsync(functions, page)).ShouldBe(nameof(ServeWebFile), $"/{page}");
        }

        // The test can see the fault it guards against: the unconstrained catch-all swallows the address.
        (await HostRouteAsync([(nameof(ServeWebFile), "{*path}"), ("ZzzListSomething", "api/staff/zzz")], "api/staff/zzz"))
            .ShouldBe(nameof(ServeWebFile));
    }

    [Fact]
    public async Task Every_real_api_route_wins_over_the_catch_all_in_the_host_s_order()
    {
        var routes = HttpFunctionRoutes.Discover("").Where(r => r.Methods.Contains("GET")).Select(r => (r.Name, r.Template)).ToList();
        foreach (var (name, template) in routes.Where(r => r.Name != nameof(ServeWebFile)))
        {
            var path = string.Join('/', template.Split('/').Select(s => s.StartsWith('{') ? "x1" : s));
            (await HostRouteAsync(routes, path)).ShouldBe(name, path);
        }
    }

    [Theory]
    [InlineData("//staff")]
    [InlineData("//staff?call=x")]
    [InlineData("/%2Fstaff")]
    [InlineData("///staff")]
    public async Task A_directory_redirect_stays_on_the_site(string address)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_host.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.BaseUrl.TrimEnd('/') + address));
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.OriginalString;
            location.ShouldStartWith("/staff/", customMessage: address);
            location.ShouldNotStartWith("//");
            location.ShouldNotStartWith("/\\");
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, address);
        }
    }

    [Fact]
    public async Task A_host_name_in_place_of_the_folder_goes_nowhere()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var address in new[] { "//evil.example", "//evil.example/", "//evil.example/staff", "/\\evil.example" })
        {
            using var response = await client.GetAsync(new Uri(_host.BaseUrl.TrimEnd('/') + address));
            response.Headers.Location?.OriginalString.ShouldNotStartWith("//", customMessage: address);
            (response.Headers.Location?.IsAbsoluteUri ?? false).ShouldBeFalse(address);
        }

        ServeWebFile.LocalDirectory(["staff"]).ShouldBe("/staff/");
        ServeWebFile.LocalDirectory(["a", "b"]).ShouldBe("/a/b/");
    }

    [Fact]
    public async Task HEAD_of_the_form_answers_with_the_security_headers()
    {
        using var response = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task An_unknown_api_address_is_not_served_as_a_page()
    {
        using var response = await _host.Client.GetAsync("/api/no-such-thing");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue("the local host's middleware adds the headers to its own 404 too");
    }
}
