using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Proposals.Pipeline.Inbound;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>Staff complete and accept a proposal that came by email, in headless Chromium against the local host.</summary>
public sealed class EmailedProposalReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_open_an_emailed_proposal_complete_its_fields_and_accept_it()
    {
        // The enterprise left the staff count out of its Word form.
        var answers = SampleProposal.Fields(f => f["taxCode"] = SampleProposal.UniqueTaxCode()).Where(a => a.Key != "employees").ToDictionary();
        var email = SampleEmails.Email(TestCalls.InboundAddress(browser.CallId), [SampleEmails.WordForm(answers), SampleEmails.Scan()]);
        var received = (InboundOutcome.Submitted)await browser.Host.Services.GetRequiredService<InboundStage>().ReceiveAsync(email, default);

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={browser.CallId}");
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", RunningLocalHost.StaffKey);
        await page.ClickAsync("#signin-submit");
        var row = page.Locator($"#submission-rows tr[data-submission='{received.SubmissionId}']");
        await row.WaitForAsync();
        (await row.TextContentAsync())!.ShouldContain("Nhận qua email, chờ cán bộ hoàn thiện");
        (await row.Locator(".source").TextContentAsync()).ShouldBe("Email");

        await row.Locator("button.open").ClickAsync();
        await page.Locator("#review").WaitForAsync();
        (await page.Locator("#email").TextContentAsync())!.ShouldContain(email.Subject);
        (await page.InputValueAsync("#review-taskName")).ShouldBe(answers["taskName"], "read from the Word form");

        await page.ClickAsync("#accept");
        await page.Locator("#review-employees-error:not([hidden])").WaitForAsync();
        (await page.Locator("#review-employees-error").TextContentAsync())!.ShouldContain("Số lao động");
        await page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotDirectory, "staff-email-review-vi.png"), FullPage = true });

        await page.FillAsync("#review-employees", "85");
        await page.ClickAsync("#accept");
        await page.Locator("#review").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.Locator("#audit").TextContentAsync())!.ShouldContain("Hoàn thiện và chấp nhận hồ sơ nhận qua email");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }
}
