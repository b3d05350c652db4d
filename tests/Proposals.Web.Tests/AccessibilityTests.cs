using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// axe-core over the pages people meet first, in the states they meet them in: the staff console's sign-in
/// (and its error), the proposal form (and its error summary), the status page. Zero violations is the bar.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_staff_sign_in_and_its_error_state_have_no_violations()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={browser.CallId}");
        await page.Locator("#staff-key").WaitForAsync();
        (await page.Locator("#signin-entra").IsVisibleAsync()).ShouldBeFalse("a hidden link stays hidden, whatever its class says");
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty();

        await page.FillAsync("#staff-key", "not-the-key");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#signin-message").WaitForAsync();
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty("with the error shown");
    }

    [Fact]
    public async Task The_form_and_its_error_summary_have_no_violations()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/?call={browser.CallId}");
        await page.Locator("#proposal").WaitForAsync();
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty();

        await page.ClickAsync("#to-review"); // nothing filled in: the summary lists what is missing
        await page.Locator("#summary").WaitForAsync();
        (await page.Locator("[aria-invalid=true]").CountAsync()).ShouldBeGreaterThan(0);
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty("with the errors shown");
    }

    [Fact]
    public async Task The_status_page_has_no_violations()
    {
        using var accepted = await browser.Host.Client.PostAsync($"/api/calls/{browser.CallId}/submissions", SampleProposal.Multipart(SampleProposal.Fields()));
        accepted.EnsureSuccessStatusCode();
        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/status.html#submission={receipt.GetProperty("submissionId").GetString()}&token={Uri.EscapeDataString(receipt.GetProperty("trackingToken").GetString()!)}");
        await page.Locator("#status dl").WaitForAsync();
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty();
    }
}
