using Microsoft.Playwright;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// In Chromium: the Ministry's key (staff of no agency) opens the national view instead of an empty console: the
/// demo programme across both demo agencies (Hải Phòng and Đà Nẵng), in Vietnamese and in English, and its
/// national workbook downloaded.
/// </summary>
public sealed class MinistryConsoleTests(TwoAgenciesBrowserFixture browser) : IClassFixture<TwoAgenciesBrowserFixture>
{
    private const string DemoProgramme = "nsclq-2028";

    private async Task<IPage> SignInAsMinistryAsync()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/staff/?programme={DemoProgramme}&lang=vi");
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", browser.KeyOf("ministry"));
        await page.ClickAsync("#signin-submit");
        await page.Locator("#national-agencies").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task The_Ministry_sees_both_demo_agencies_in_the_national_view_in_both_languages()
    {
        var page = await SignInAsMinistryAsync();

        (await page.Locator("#programme-select").InputValueAsync()).ShouldBe(DemoProgramme);
        var agencies = await page.Locator("#national-agencies tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.agency)");
        agencies.ShouldBe(["haiphong", "danang"], ignoreOrder: true);
        var table = await page.Locator("#national-agencies").InnerTextAsync();
        table.ShouldContain("Hải Phòng");
        table.ShouldContain("Đà Nẵng");
        await Assertions.Expect(page.Locator("#national-heading")).ToHaveTextAsync("Tổng hợp toàn quốc");
        (await page.Locator("#national-provinces svg").CountAsync()).ShouldBe(1, "the map-free chart of the provinces");

        // No call panel for the Ministry: it reads no call, and its key would get 404 on every call route.
        (await page.Locator("#call-panel").IsHiddenAsync()).ShouldBeTrue();
        (await page.Locator("#list").IsHiddenAsync()).ShouldBeTrue();
        (await page.Locator("#privacy").IsHiddenAsync()).ShouldBeTrue();
        (await page.Locator("#load-error").IsHiddenAsync()).ShouldBeTrue();
        (await AxeCore.ViolationsAsync(page)).ShouldBeEmpty("the national view meets the console's accessibility bar");

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("#national-heading")).ToHaveTextAsync("National view");
        (await page.Locator("#national-workbook").TextContentAsync()).ShouldBe("Download the national workbook (.xlsx)");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_Ministry_downloads_the_national_workbook_from_its_link()
    {
        var page = await SignInAsMinistryAsync();
        (await page.Locator("#national-workbook").GetAttributeAsync("data-url")).ShouldBe($"/api/staff/programmes/{DemoProgramme}/workbook");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#national-workbook"));
        download.SuggestedFilename.ShouldBe($"tong-hop-toan-quoc-{DemoProgramme}.xlsx");
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        bytes.Length.ShouldBeGreaterThan(100);
        bytes[..2].ShouldBe("PK"u8.ToArray(), "an .xlsx package (a zip)");
        using var package = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        package.Entries.Select(e => e.FullName).ShouldContain("xl/workbook.xml");
    }

    [Fact]
    public async Task One_enterprise_s_task_sent_to_both_demo_agencies_is_flagged_in_the_national_view()
    {
        // The same enterprise and task in Hải Phòng's and Đà Nẵng's demo calls, as the seeded rows of index 90.
        var haiPhong = SeededSubmissions.Row("demo", 90);
        var daNang = SeededSubmissions.Row("danang-2028", 90);
        daNang.TaskName = haiPhong.TaskName!.ToUpperInvariant() + " (bản gửi Đà Nẵng)";
        await SeededSubmissions.InsertAsync(browser.StorageConnectionString, [haiPhong, daNang]);

        var page = await SignInAsMinistryAsync();
        var flagged = page.Locator($"#national-duplicates tr[data-kind='same-tax-code-similar-task']", new() { HasText = haiPhong.TaxCode });
        for (var attempt = 0; attempt < 20 && await flagged.CountAsync() == 0; attempt++)
        {
            await Task.Delay(500); // the staff lists pick up new rows within seconds
            await page.ReloadAsync();
            await page.Locator("#national-agencies").WaitForAsync();
        }

        await Assertions.Expect(flagged).ToHaveCountAsync(1);
        var entries = await flagged.Locator("li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.agency)");
        entries.ShouldBe(["danang", "haiphong"]);
        (await flagged.InnerTextAsync()).ShouldContain("Cùng mã số thuế, nhiệm vụ tương tự");
    }
}
