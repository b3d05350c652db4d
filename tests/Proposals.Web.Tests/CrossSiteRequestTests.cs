using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Proposals.Functions.Http;

namespace Proposals.Web.Tests;

/// <summary>
/// App Service Authentication as the browser meets it, in front of the local host: <c>/.auth/login/aad</c>
/// sets a session cookie on the app's origin and sends the browser back; every request carrying the cookie
/// gets the principal headers, and no client-sent copy of them survives. The cookie is what a forged
/// request rides on. It also records each state-changing staff request that reached the app.
/// </summary>
public sealed class EasyAuthStandIn : IStartupFilter
{
    public const string Cookie = "AppServiceAuthSession";

    public ConcurrentQueue<(string Method, string Path, bool SignedIn, int Status)> StaffWrites { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            request.Headers.Remove(StaffAccess.PrincipalHeader);
            request.Headers.Remove("x-ms-client-principal-name");
            if (request.Path.StartsWithSegments("/.auth/login/aad"))
            {
                var back = request.Query["post_login_redirect_uri"].ToString();
                context.Response.Cookies.Append(Cookie, "signed-in", new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax });
                context.Response.Redirect(back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/");
                return;
            }

            var signedIn = request.Cookies[Cookie] == "signed-in";
            if (signedIn)
            {
                request.Headers[StaffAccess.PrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                    "{\"auth_typ\":\"aad\",\"role_typ\":\"roles\",\"claims\":[{\"typ\":\"roles\",\"val\":\"Staff\"}]}"));
                request.Headers["x-ms-client-principal-name"] = "can-bo@chicuc.example.vn";
            }

            await nextMiddleware(context);
            if (request.Path.StartsWithSegments("/api/staff") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                StaffWrites.Enqueue((request.Method, request.Path.Value!, signedIn, context.Response.StatusCode));
            }
        });
        next(app);
    };
}

/// <summary>The local host behind the Easy Auth stand-in, and a second web server: the attacker's site.</summary>
public sealed class CrossSiteFixture : BrowserFixture, IAsyncLifetime
{
    public EasyAuthStandIn EasyAuth { get; } = new();

    private readonly ConcurrentDictionary<string, string> _attackPages = new();
    private WebApplication? _attacker;

    /// <summary>Another origin on the same machine: same site as the app (cookies do not tell ports apart), other origin.</summary>
    public string AttackerUrl { get; private set; } = string.Empty;

    protected override IReadOnlyDictionary<string, string?> HostSettings() => new Dictionary<string, string?>
    {
        ["Staff:TrustEasyAuthPrincipal"] = "true",
        ["WEBSITE_AUTH_ENABLED"] = "True",
        ["Staff:ApiKey"] = "",
    };

    protected override void ConfigureHostServices(IServiceCollection services) => services.AddSingleton<IStartupFilter>(EasyAuth);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _attacker = builder.Build();
        _attacker.MapGet("/{name}", (string name) => _attackPages.TryGetValue(name, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
        await _attacker.StartAsync();
        AttackerUrl = _attacker.Urls.First();
    }

    /// <summary>Puts a page on the attacker's site and returns its address.</summary>
    public string AttackPage(string html)
    {
        var name = Guid.NewGuid().ToString("N") + ".html";
        _attackPages[name] = html;
        return AttackerUrl.TrimEnd('/') + "/" + name;
    }

    public new async Task DisposeAsync()
    {
        if (_attacker is not null)
        {
            await _attacker.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>
/// A signed-in official's browser visits another site, which tries every state-changing staff route of the
/// app: an auto-submitted <c>text/plain</c> form (the classic CSRF, which carries the session cookie), a
/// <c>no-cors</c> fetch, and a fetch with the console's headers (which needs a CORS preflight the app never
/// grants). The routes come from the app's attributes, so a staff route added later is attacked too.
/// </summary>
public sealed class CrossSiteRequestTests(CrossSiteFixture site) : IClassFixture<CrossSiteFixture>
{
    private async Task<IPage> SignedInConsoleAsync()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync($"/staff/?call={site.CallId}");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Đăng nhập với tài khoản can-bo@chicuc.example.vn", new() { Timeout = 15_000 }); // a cold server on a busy CI machine
        return page;
    }

    private string AppUrl(HttpFunctionRoute route) => site.Host.BaseUrl.TrimEnd('/') + "/" + route.Template
        .Replace("{callId}", site.CallId, StringComparison.Ordinal)
        .Replace("{submissionId}", new string('a', 32), StringComparison.Ordinal)
        .Replace("{document}", "signedScan", StringComparison.Ordinal)
        .Replace("{emailId}", new string('b', 32), StringComparison.Ordinal)
        .Replace("{name}", "scan.pdf", StringComparison.Ordinal)
        .Replace("{signature}", "1", StringComparison.Ordinal);

    private static IEnumerable<(HttpFunctionRoute Route, string Method)> StateChangingStaffRoutes() =>
        HttpFunctionRoutes.Discover("").Where(r => r.IsStaffOnly)
            .SelectMany(r => r.Methods.Where(m => m is not ("GET" or "HEAD")).Select(m => (r, m)));

    [Fact]
    public async Task Another_site_cannot_make_a_signed_in_official_s_browser_change_anything()
    {
        var console = await SignedInConsoleAsync();
        var attacker = await console.Context.NewPageAsync(); // same browser, same cookies: the official's
        var routes = StateChangingStaffRoutes().ToList();
        routes.Count.ShouldBeGreaterThanOrEqualTo(7);
        foreach (var (route, method) in routes)
        {
            var url = AppUrl(route);
            var what = $"{method} {route.Name}";
            site.EasyAuth.StaffWrites.Clear();

            if (method == "POST")
            {
                // <form enctype="text/plain">: the name/value pair spells JSON; the cookie rides along.
                const string closing = "\"}}";
                var form = site.AttackPage($$"""
                    <!doctype html><html lang="en"><title>Win a prize</title>
                    <iframe name="sink" title="sink"></iframe>
                    <form id="f" method="post" enctype="text/plain" target="sink" action="{{url}}">
                      <input type="hidden" name='{"reason":"duplicate","fields":{"x":"' value='{{closing}}'>
                    </form>
                    <script>document.getElementById('f').submit();</script>
                    """);
                var reached = attacker.WaitForResponseAsync(r => r.Url == url && r.Request.Method == "POST");
                await attacker.GotoAsync(form);
                var response = await reached;
                response.Status.ShouldBe(403, what + " by a form");
                var write = site.EasyAuth.StaffWrites.ShouldHaveSingleItem(what + " by a form");
                write.SignedIn.ShouldBeTrue($"{what}: the session cookie went with the forged form (the attack is real)");
                write.Status.ShouldBe(403, what);
                site.EasyAuth.StaffWrites.Clear();
            }

            var attempts = site.AttackPage($$"""
                <!doctype html><html lang="en"><title>Win a prize</title><body>
                <script>
                  window.results = (async () => {
                    const out = {};
                    try {
                      await fetch("{{url}}", { method: "{{method}}", mode: "no-cors", credentials: "include", body: '{"reason":"duplicate"}' });
                      out.noCors = "sent";
                    } catch (e) { out.noCors = "blocked"; }
                    try {
                      const r = await fetch("{{url}}", { method: "{{method}}", credentials: "include",
                        headers: { "Content-Type": "application/json", "X-Requested-With": "staff-console" }, body: "{}" });
                      out.cors = "read " + r.status;
                    } catch (e) { out.cors = "blocked"; }
                    return out;
                  })();
                </script>
                """);
            await attacker.GotoAsync(attempts);
            var results = await attacker.EvaluateAsync<Dictionary<string, string>>("window.results");
            results["cors"].ShouldBe("blocked", what + ": the console's headers need a preflight that is never granted");
            var preflights = site.EasyAuth.StaffWrites.Where(w => w.Method == "OPTIONS").ToList();
            preflights.ShouldAllBe(w => !w.SignedIn && w.Status != 200 && w.Status != 204, what + ": a preflight is never granted");
            var writes = site.EasyAuth.StaffWrites.Where(w => w.Method != "OPTIONS").ToList();
            if (method is "POST")
            {
                // no-cors may send a POST (text/plain): it reaches the app with the cookie and is refused.
                writes.ShouldAllBe(w => w.Status == 403, what);
                writes.Count(w => w.Method == "POST").ShouldBeLessThanOrEqualTo(1, what + ": only the no-cors request reached the app");
            }
            else
            {
                writes.Where(w => w.Method == method).ShouldBeEmpty(what + ": no-cors cannot send it and the preflight is refused");
            }
        }

        // The console itself still acts: same origin, its headers, its cookie.
        var own = await console.EvaluateAsync<int>($$"""
            async () => (await fetch("{{AppUrl(routes.First(r => r.Route.Name == nameof(SetSubmissionExclusion)).Route)}}", { method: "POST",
              headers: { "Content-Type": "application/json", "X-Requested-With": "staff-console" }, body: JSON.stringify({ reason: "duplicate" }) })).status
            """);
        own.ShouldNotBe(403, "the console's own request passes the check (the submission does not exist: 404)");
        own.ShouldNotBe(415);
    }

    [Fact]
    public async Task The_Entra_ID_sign_in_has_no_accessibility_violations()
    {
        var page = await site.NewPageAsync();
        // A sign-in tried a moment ago: the console shows its sign-in (with the Entra ID link) instead of leaving.
        await page.Context.AddInitScriptAsync("sessionStorage.setItem('staff-signin-attempt', String(Date.now()))");
        await page.GotoAsync($"/staff/?call={site.CallId}");
        await page.Locator("#signin-entra").WaitForAsync();
        (await page.Locator("#signin-entra").TextContentAsync()).ShouldBe("Đăng nhập bằng tài khoản cơ quan (Microsoft Entra ID)");
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
