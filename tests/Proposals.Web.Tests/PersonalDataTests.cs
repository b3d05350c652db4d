using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.Web.Tests;

/// <summary>A call with a personal-data notice and a retention, for the notice on the form and the console's panel.</summary>
public sealed class PersonalDataFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string?> HostSettings() => new Dictionary<string, string?>
    {
        [$"Calls:{CallId}:PrivacyNotice:Version"] = "t-2026-01",
        [$"Calls:{CallId}:Retention:DaysAfterDeadline"] = "1826",
        [$"Calls:{CallId}:Retention:Basis"] = "Danh mục hồ sơ của Chi cục: 05 năm",
    };
}

/// <summary>
/// In headless Chromium, under the security policy: the demo call's form shows the personal-data notice before the
/// contact fields, in both languages, and its own page; the staff console shows the call's purge date and carries out a
/// person's requests (find, download the ZIP, erase) with the audit trail behind them.
/// </summary>
public sealed class PersonalDataTests(PersonalDataFixture browser, ITestOutputHelper output) : IClassFixture<PersonalDataFixture>
{
    [Fact]
    public async Task The_demo_form_shows_the_notice_before_the_contact_fields_in_both_languages_and_on_its_own_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/?call=demo");
        var notice = page.Locator("#privacy-notice");
        await notice.Locator("dd[data-key=rights]").WaitForAsync();
        (await notice.GetAttributeAsync("data-version")).ShouldBe("2026-01");
        var vi = await notice.InnerTextAsync();
        output.WriteLine(vi);
        vi.ShouldContain("Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng");
        vi.ShouldContain("Luật số 91/2025/QH15");
        vi.ShouldContain("Bộ Khoa học và Công nghệ"); // a recipient: the report's addressee
        vi.ShouldContain("30 ngày sau hạn tiếp nhận");
        (await page.EvaluateAsync<bool>(
            "document.getElementById('privacy-notice').compareDocumentPosition(document.getElementById('contactEmail')) & Node.DOCUMENT_POSITION_FOLLOWING"))
            .ShouldBeTrue("the notice comes before the contact fields");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotDirectory, "form-privacy-notice.png"), FullPage = false });

        await page.ClickAsync("#language");
        await page.Locator("#privacy-notice h2:text('How your personal data is handled')").WaitForAsync();
        (await notice.InnerTextAsync()).ShouldContain("Law 91/2025/QH15");

        var standalone = await browser.NewPageAsync();
        await standalone.GotoAsync("/privacy.html?call=demo&lang=en");
        await standalone.Locator("#privacy-notice h1").WaitForAsync();
        (await standalone.Locator("#privacy-notice").InnerTextAsync()).ShouldContain("30 days after the deadline");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
        (await browser.CspViolationsAsync(standalone)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_see_the_purge_date_find_a_tax_codes_data_download_it_and_erase_it_before_the_report()
    {
        var taxCode = SampleProposal.UniqueTaxCode();
        var id = await SubmitAndWaitAsync(SampleProposal.Fields(f => f["taxCode"] = taxCode));

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/");
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", RunningLocalHost.StaffKey);
        await page.ClickAsync("#signin-submit");
        await page.SelectOptionAsync("#call-select", browser.CallId);
        await page.Locator("#retention-state[data-state=not-due]").WaitForAsync();
        (await page.Locator("#retention-period").InnerTextAsync()).ShouldContain("1826 ngày sau hạn tiếp nhận");

        await page.SelectOptionAsync("#subject-kind", "taxCode");
        await page.FillAsync("#subject-value", taxCode);
        await page.ClickAsync("#subject-find");
        await page.Locator($"#privacy [data-submission='{id}']").WaitForAsync();
        (await page.Locator("#subject-found").InnerTextAsync()).ShouldBe("Tìm thấy 1 hồ sơ.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#subject-download"));
        var saved = Path.Combine(Path.GetTempPath(), "export-" + Guid.NewGuid().ToString("N") + ".zip");
        await download.SaveAsAsync(saved);
        using (var zip = ZipFile.OpenRead(saved))
        {
            zip.GetEntry("index.json").ShouldNotBeNull();
            zip.Entries.ShouldContain(e => e.FullName.EndsWith("/files/signed-scan.pdf", StringComparison.Ordinal));
        }

        File.Delete(saved);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotDirectory, "staff-personal-data.png"), FullPage = true });
        await page.FillAsync($"#erase-note-{id}", "Thư đề nghị ngày 02/12");
        await page.ClickAsync($"[data-submission='{id}'] .erasure button");
        await page.Locator("#subject-found:text('Không có hồ sơ nào.')").WaitForAsync();
        (await page.Locator("#privacy-message").InnerTextAsync()).ShouldBe("Đã thực hiện và ghi nhật ký.");

        var details = await StaffGetAsync($"/api/staff/calls/{browser.CallId}/submissions/{id}");
        var actions = details.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        output.WriteLine(string.Join(", ", actions));
        actions.ShouldContain("export-personal-data");
        actions.ShouldContain("erase-personal-data");
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    private async Task<string> SubmitAndWaitAsync(Dictionary<string, string> fields)
    {
        using var accepted = await browser.Host.Client.PostAsync($"/api/calls/{browser.CallId}/submissions", SampleProposal.Multipart(fields));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!;
        await RunningLocalHost.EventuallyAsync(async () =>
        {
            var details = await StaffGetAsync($"/api/staff/calls/{browser.CallId}/submissions/{id}");
            return details.GetProperty("submission").GetProperty("status").GetString() == "classified" ? "classified" : null;
        }, TimeSpan.FromSeconds(120), "the classification");
        return id;
    }

    private async Task<JsonElement> StaffGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.WithStaffKey();
        using var response = await browser.Host.Client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
