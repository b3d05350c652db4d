using Microsoft.Playwright;
using Proposals.LocalHost;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>The local host with a second agency and a call of its own beside the fixture's (agency A's).</summary>
public sealed class TwoAgenciesBrowserFixture : BrowserFixture
{
    public const string AgencyB = "thu-nghiem-b";

    public string CallB { get; } = TestCalls.NewId();

    public string TitleB => "Đợt thử nghiệm " + CallB;

    public string TitleA => "Đợt thử nghiệm " + CallId;

    protected override IReadOnlyDictionary<string, string?> HostSettings()
    {
        var settings = TestCalls.Settings(CallB, DateTimeOffset.UtcNow.AddDays(20));
        settings[$"Calls:{CallB}:Agency"] = AgencyB;
        settings[$"Agencies:{AgencyB}:Name"] = "Sở Khoa học và Công nghệ thử nghiệm B";
        return settings;
    }

    /// <summary>The key the host wrote for <paramref name="agency"/> (<c>.data/staff-keys/{agency}.txt</c>).</summary>
    public string KeyOf(string agency) =>
        File.ReadAllText(Path.Combine(Host.DataDirectory, LocalPipelineHost.StaffKeysFolder, agency + ".txt")).Trim();
}

/// <summary>In Chromium: agency A's console never lists agency B's call, not even when the address names it.</summary>
public sealed class AgencyConsoleTests(TwoAgenciesBrowserFixture browser) : IClassFixture<TwoAgenciesBrowserFixture>
{
    private static async Task SignInAsync(IPage page, string key)
    {
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", key);
        await page.ClickAsync("#signin-submit");
        await page.Locator("#call-select option").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static async Task<IReadOnlyList<string>> ListedCallsAsync(IPage page) =>
        await page.Locator("#call-select option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");

    [Fact]
    public async Task Agency_A_s_console_lists_only_agency_A_s_calls()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/");
        await SignInAsync(page, browser.KeyOf(TestCalls.AgencyId));
        await Assertions.Expect(page.Locator("#call-heading")).ToHaveTextAsync(browser.TitleA);

        (await ListedCallsAsync(page)).ShouldBe([browser.CallId]);
        (await page.Locator("#call-select option").First.GetAttributeAsync("data-agency")).ShouldBe(TestCalls.AgencyId, "the picker names each call's agency");
        (await page.ContentAsync()).ShouldNotContain(browser.CallB);
        (await page.ContentAsync()).ShouldNotContain(browser.TitleB);
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Agency_A_s_console_opened_on_agency_B_s_call_shows_nothing_of_it()
    {
        var page = await browser.NewPageAsync();
        var answers = new List<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains(browser.CallB, StringComparison.Ordinal))
            {
                answers.Add((response.Url, response.Status));
            }
        };
        await page.GotoAsync($"/staff/?call={browser.CallB}");
        await SignInAsync(page, browser.KeyOf(TestCalls.AgencyId));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await ListedCallsAsync(page)).ShouldNotContain(browser.CallB);
        (await page.Locator("#call-heading").TextContentAsync()).ShouldNotBe(browser.TitleB);
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain(browser.TitleB);
        answers.Where(a => a.Url.Contains("/api/", StringComparison.Ordinal)).ShouldAllBe(a => a.Status == 404, "whatever the page asked about B's call was not found");
    }

    [Fact]
    public async Task Agency_B_s_console_lists_only_B_s_call_and_the_key_of_every_agency_both()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/");
        await SignInAsync(page, browser.KeyOf(TwoAgenciesBrowserFixture.AgencyB));
        await Assertions.Expect(page.Locator("#call-heading")).ToHaveTextAsync(browser.TitleB);
        (await ListedCallsAsync(page)).ShouldBe([browser.CallB]);
        (await page.ContentAsync()).ShouldNotContain(browser.TitleA);

        var every = await browser.NewPageAsync();
        await every.GotoAsync("/staff/");
        await SignInAsync(every, RunningLocalHost.StaffKey);
        var listed = await ListedCallsAsync(every);
        listed.ShouldContain(browser.CallId);
        listed.ShouldContain(browser.CallB);
    }
}
