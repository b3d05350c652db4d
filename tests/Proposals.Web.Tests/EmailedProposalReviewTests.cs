using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Proposals.Pipeline.Inbound;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>Staff take in proposals that came by email or on paper, in headless Chromium against the local host.</summary>
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

    [Fact]
    public async Task Staff_enter_a_proposal_that_came_on_paper_through_the_form_in_its_staff_mode()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={browser.CallId}");
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", RunningLocalHost.StaffKey);
        await page.ClickAsync("#signin-submit");
        await page.Locator("#paper-entry").WaitForAsync();
        await page.ClickAsync("#paper-entry");

        await page.Locator("#paperReceivedOn").WaitForAsync();
        (await page.Locator("#revising").TextContentAsync())!.ShouldContain("Cán bộ nhập hồ sơ nộp bản giấy");
        var answers = SampleProposal.Fields(f => (f["taxCode"], f["province"]) = (SampleProposal.UniqueTaxCode(), "Hải Phòng"));
        foreach (var (key, value) in answers)
        {
            if (await page.Locator("#" + key).EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await page.SelectOptionAsync("#" + key, value);
            }
            else if (await page.Locator("#" + key).IsVisibleAsync())
            {
                await page.FillAsync("#" + key, value);
            }
        }

        await page.FillAsync("#paperReceivedOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.SetInputFilesAsync("#signedScan", new FilePayload { Name = "ban-giay.pdf", MimeType = "application/pdf", Buffer = SampleDocuments.Pdf() });
        await page.ClickAsync("#to-review"); // no Word file: on paper it is optional
        (await page.Locator("#summary").IsVisibleAsync()).ShouldBeFalse(await page.Locator("#summary").TextContentAsync());
        await page.ClickAsync("#send");
        await page.Locator("#receipt-number").WaitForAsync(new() { Timeout = 15_000 });
        var receipt = (await page.Locator("#receipt-number").TextContentAsync())!;

        await page.GotoAsync($"/staff/?call={browser.CallId}");
        var row = page.Locator("#submission-rows tr", new() { HasTextString = receipt });
        await row.WaitForAsync();
        (await row.Locator(".source").TextContentAsync()).ShouldBe("Bản giấy");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }
}
