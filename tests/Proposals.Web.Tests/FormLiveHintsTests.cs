using Microsoft.Playwright;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// What the form says while a person types, in real headless Chromium: the size of an amount in words, so a
/// slipped separator shows before sending; the name of a business code; and what a VSIC 2018 code from a
/// registration certificate becomes in VSIC 2025, with the codes to pick from where the official table splits it.
/// </summary>
public sealed class FormLiveHintsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_amount_shows_its_size_in_words_and_a_decimal_comma_shows_none_and_is_refused_at_review()
    {
        var page = await OpenFormAsync();

        await page.Locator("#annualRevenueVnd").PressSequentiallyAsync("45.000.000.000");
        await Assertions.Expect(page.Locator("#annualRevenueVnd-live")).ToHaveTextAsync("= 45 tỷ đồng");
        await page.FillAsync("#totalCapitalVnd", "18 500 000 000");
        await Assertions.Expect(page.Locator("#totalCapitalVnd-live")).ToHaveTextAsync("= 18,5 tỷ đồng");
        await page.Locator("#employees").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("form-amount-in-words-vi.png"), FullPage = false });

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#totalCapitalVnd-live")).ToHaveTextAsync("= 18.5 billion dong");
        await page.ClickAsync("#language");

        await page.FillAsync("#annualRevenueVnd", "45,5");
        await Assertions.Expect(page.Locator("#annualRevenueVnd-live")).ToBeHiddenAsync();
        await page.ClickAsync("#to-review");
        (await page.Locator("#annualRevenueVnd-error").TextContentAsync())!
            .ShouldStartWith("Tổng doanh thu năm gần nhất (đồng): \"45,5\" được đọc là 45,5 đồng, vì dấu phẩy là dấu thập phân.");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_2018_code_split_in_two_offers_both_2025_codes_and_the_chosen_one_is_sent_and_accepted()
    {
        var page = await OpenFormAsync();
        await FillAsync(page, SampleProposal.Fields(f =>
        {
            f["province"] = "Hải Phòng";
            f["vsicSection"] = "K";
            f["vsicCode"] = "6201";
        }));

        var choice = page.Locator("#vsicCodeChoice");
        await Assertions.Expect(choice).ToBeVisibleAsync();
        (await choice.Locator("option").AllTextContentsAsync()).Skip(1).ShouldBe([
            "6211 – Phát triển trò chơi điện tử, phần mềm trò chơi điện tử và các công cụ phần mềm trò chơi điện tử",
            "6219 – Lập trình máy tính khác"]);
        (await page.Locator("#vsicCode-live").TextContentAsync())!.ShouldContain("Công văn 3061/CTK-CSCL");
        await page.Locator("#vsicSection").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("form-vsic-2018-choice-vi.png"), FullPage = false });

        // Without a choice the review stops at the code, in the server's words.
        await page.ClickAsync("#to-review");
        (await page.Locator("#vsicCode-error").TextContentAsync())!.ShouldStartWith("Mã 6201 là mã VSIC 2018;");

        await page.SelectOptionAsync("#vsicCodeChoice", "6219");
        await Assertions.Expect(page.Locator("#vsicCode-live")).ToHaveTextAsync("Mã 6201 (VSIC 2018) được chuyển thành mã 6219 – Lập trình máy tính khác (VSIC 2025); hồ sơ ghi cả hai mã.");
        await page.ClickAsync("#to-review");
        await page.Locator("#review").WaitForAsync();
        await page.ClickAsync("#send");
        await page.Locator("#receipt-number").WaitForAsync(new() { Timeout = 15_000 });
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_code_is_named_and_a_number_whose_meaning_moved_in_2025_says_what_it_meant()
    {
        var page = await OpenFormAsync();

        await page.FillAsync("#vsicCode", "2592");
        await Assertions.Expect(page.Locator("#vsicCode-live")).ToHaveTextAsync("2592 – Gia công cơ khí; xử lý và tráng phủ kim loại");

        await page.FillAsync("#vsicCode", "6202");
        await Assertions.Expect(page.Locator("#vsicCode-live")).ToContainTextAsync("Mã 6202 (VSIC 2018) được chuyển thành mã 6220");
        await Assertions.Expect(page.Locator("#vsicCodeChoice")).ToBeHiddenAsync();

        await page.FillAsync("#vsicCode", "4661");
        await Assertions.Expect(page.Locator("#vsicCode-live")).ToContainTextAsync("4661 – Bán buôn ô tô và xe có động cơ khác (VSIC 2025). Trong VSIC 2018, mã 4661 là ngành khác");
        await Assertions.Expect(page.Locator("#vsicCode-live")).ToContainTextAsync("mã VSIC 2025 tương ứng là 4671");
    }

    private async Task<IPage> OpenFormAsync()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync($"/?call={browser.CallId}");
        await page.Locator("#proposal").WaitForAsync();
        return page;
    }

    private static async Task FillAsync(IPage page, Dictionary<string, string> answers)
    {
        foreach (var (key, value) in answers)
        {
            var selector = "#" + key;
            if (await page.Locator(selector).EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await page.SelectOptionAsync(selector, value);
            }
            else if (await page.Locator(selector).IsVisibleAsync())
            {
                await page.FillAsync(selector, value);
            }
        }

        await page.SetInputFilesAsync("#signedScan", new FilePayload { Name = "ban-quet.pdf", MimeType = "application/pdf", Buffer = SampleDocuments.Pdf() });
        await page.SetInputFilesAsync("#editableForm", new FilePayload
        {
            Name = "phieu-de-xuat.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = SampleDocuments.Docx(),
        });
    }

    private string Screenshot(string name) => Path.Combine(browser.ScreenshotDirectory, name);
}
