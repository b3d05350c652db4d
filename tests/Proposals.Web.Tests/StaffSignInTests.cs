using System.Text;
using Microsoft.Playwright;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>The local host set up as in Azure: staff sign in with Entra ID through App Service Authentication, no key.</summary>
public sealed class EasyAuthBrowserFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string?> HostSettings() => new Dictionary<string, string?>
    {
        ["Staff:TrustEasyAuthPrincipal"] = "true",
        ["WEBSITE_AUTH_ENABLED"] = "True", // what the platform sets where App Service Authentication is on
        ["Staff:ApiKey"] = "",
    };
}

/// <summary>
/// Staff sign-in as it happens in Azure, where App Service Authentication sits in front of the app on the
/// same origin. Playwright stands in for that front: <c>/.auth/login/aad</c> signs the browser in and sends
/// it back, and from then on every request carries the principal Easy Auth would add (and none before).
/// </summary>
public sealed class StaffSignInTests(EasyAuthBrowserFixture browser) : IClassFixture<EasyAuthBrowserFixture>
{
    [Fact]
    public async Task A_staff_member_is_sent_to_sign_in_and_comes_back_to_the_console()
    {
        var page = await browser.NewPageAsync();
        var signIns = await SimulateEasyAuthAsync(page, "Staff");

        await page.GotoAsync($"/staff/?call={browser.CallId}");
        await page.Locator("#submission-rows").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Đăng nhập với tài khoản can-bo@chicuc.example.vn", new() { Timeout = 15_000 }); // a cold server on a busy CI machine

        signIns.ShouldBe([$"/staff/?call={browser.CallId}"], "one trip to sign in, back to where the page was");
        page.Url.ShouldEndWith($"/staff/?call={browser.CallId}");
        (await page.Locator("#staff-key").IsVisibleAsync()).ShouldBeFalse("no key form where Entra ID is the sign-in");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_account_without_the_staff_role_is_told_so_and_offered_another_account()
    {
        var page = await browser.NewPageAsync();
        await SimulateEasyAuthAsync(page, "Reader");

        await page.GotoAsync($"/staff/?call={browser.CallId}");
        await Assertions.Expect(page.Locator("#signin-message")).ToHaveTextAsync("Mã hoặc tài khoản này không có quyền cán bộ.");
        (await page.Locator("#signin-other").GetAttributeAsync("href"))!.ShouldStartWith("/.auth/logout?post_logout_redirect_uri=");
        (await page.Locator("#console").IsVisibleAsync()).ShouldBeFalse();
    }

    /// <summary>Returns the post-login addresses the browser was sent to sign in for.</summary>
    private static async Task<List<string>> SimulateEasyAuthAsync(IPage page, string role)
    {
        var signedIn = false;
        var signIns = new List<string>();
        await page.RouteAsync("**/.auth/login/aad**", async route =>
        {
            var back = System.Web.HttpUtility.ParseQueryString(new Uri(route.Request.Url).Query)["post_login_redirect_uri"] ?? "/";
            signIns.Add(back);
            signedIn = true;
            await route.FulfillAsync(new() { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = back } });
        });
        await page.RouteAsync("**/api/**", async route =>
        {
            var headers = route.Request.Headers.Where(h => !h.Key.StartsWith("x-ms-client-principal", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value);
            if (signedIn)
            {
                headers["x-ms-client-principal"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                    $"{{\"auth_typ\":\"aad\",\"name_typ\":\"name\",\"role_typ\":\"roles\",\"claims\":[{{\"typ\":\"roles\",\"val\":\"{role}\"}}]}}"));
                headers["x-ms-client-principal-name"] = "can-bo@chicuc.example.vn";
            }

            await route.ContinueAsync(new() { Headers = headers });
        });
        return signIns;
    }
}
