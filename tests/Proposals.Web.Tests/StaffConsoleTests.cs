using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Playwright;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// Three classified proposals and one whose classification always fails (in <c>classify-poison</c>),
/// behind the staff console of a call of their own.
/// </summary>
public sealed class StaffConsoleFixture : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new();

    public string PoisonedId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        var posted = new List<string>();
        foreach (var (taxCode, area, name) in new[]
                 {
                     ("0100233488", "2", "Công ty TNHH Cơ khí Chính xác Hải Phòng"),
                     ("0314409058-002", "4", "Công ty Cổ phần Nhựa Tiền Phong"),
                     ("0100112437", "2", "Công ty TNHH Đóng tàu Bạch Đằng"),
                     ("0100233488", "1", "Công ty TNHH Cơ khí Chính xác Hải Phòng"),
                 })
        {
            var fields = SampleProposal.Fields(f =>
            {
                f["taxCode"] = taxCode;
                f["priorityArea"] = area;
                f["enterpriseName"] = name;
                f["taskName"] = $"Nâng cao năng suất theo nội dung {area} – {name}";
            });
            using var accepted = await Browser.Host.Client.PostAsync($"/api/calls/{Browser.CallId}/submissions", SampleProposal.Multipart(fields));
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            posted.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!);
        }

        // A cold host on a busy machine (two browsers, other builds) can take a while for the first blob scan.
        foreach (var id in posted)
        {
            await StatusAsync(id, SubmissionStatus.Classified, TimeSpan.FromSeconds(120));
        }

        // The fault, as PoisonMessageEndToEndTests makes it: classify cannot read the submitted fields.
        PoisonedId = posted[^1];
        _savedFields = (await FieldsBlob(PoisonedId).DownloadContentAsync()).Value.Content;
        await FieldsBlob(PoisonedId).DeleteAsync();
        await SetStatusAsync(PoisonedId, SubmissionStatus.Validated);
        var queue = new QueueClient(Browser.StorageConnectionString, StorageNames.ClassifyQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync(ClassifyMessage.Serialize(new(Browser.CallId, PoisonedId)));
        await RunningLocalHost.EventuallyAsync(async () =>
        {
            var stuck = await StaffGetAsync($"/api/staff/calls/{Browser.CallId}/stuck");
            return stuck.GetProperty("submissions").EnumerateArray().Any(s => s.GetProperty("poisoned").GetBoolean()) ? "poisoned" : null;
        }, TimeSpan.FromSeconds(60), "the message to reach classify-poison");
    }

    public Task DisposeAsync() => Browser.DisposeAsync();

    private BinaryData? _savedFields;

    /// <summary>Fixes the fault: the submitted fields are back.</summary>
    public Task RestoreFieldsAsync() => FieldsBlob(PoisonedId).UploadAsync(_savedFields!);

    private BlobClient FieldsBlob(string submissionId) => new(
        Browser.StorageConnectionString, StorageNames.SubmissionsContainer,
        StorageNames.SubmissionBlob(Browser.CallId, submissionId, StorageNames.SubmissionFieldsBlob));

    public async Task SetStatusAsync(string submissionId, string status)
    {
        var table = new TableClient(Browser.StorageConnectionString, StorageNames.SubmissionsTable);
        var record = (await table.GetEntityAsync<SubmissionRecord>(Browser.CallId, submissionId)).Value;
        record.Status = status;
        record.ClassifiedAtUtc = null;
        await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);
    }

    public Task<string> StatusAsync(string submissionId, string status, TimeSpan? within = null) =>
        RunningLocalHost.EventuallyAsync(async () =>
        {
            var details = await StaffGetAsync($"/api/staff/calls/{Browser.CallId}/submissions/{submissionId}");
            return details.GetProperty("submission").GetProperty("status").GetString() == status ? status : null;
        }, within ?? TimeSpan.FromSeconds(60), $"{submissionId} to be {status}");

    private async Task<JsonElement> StaffGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        using var response = await Browser.Host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>The staff console as the Sub-department's officials use it, in headless Chromium against the local host.</summary>
public sealed class StaffConsoleTests(StaffConsoleFixture fixture) : IClassFixture<StaffConsoleFixture>
{
    private BrowserFixture Browser => fixture.Browser;

    [Fact]
    public async Task Staff_sign_in_with_the_key_and_see_the_counts_and_the_charts()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={Browser.CallId}");
        await page.Locator("#staff-key").WaitForAsync();
        (await page.Locator("label[for=staff-key]").TextContentAsync()).ShouldBe("Mã truy cập cán bộ");

        await page.FillAsync("#staff-key", "not-the-key");
        await page.Keyboard.PressAsync("Enter");
        // The page's first look (/api/staff/me without a key, 401) may still be answering when the key is sent:
        // wait for the answer to the wrong key itself rather than whichever message is there first.
        await page.Locator("#signin-message", new() { HasText = "Mã hoặc tài khoản này không có quyền cán bộ." }).WaitForAsync();

        await SignInAsync(page);
        (await page.Locator("[data-count=total] dd").TextContentAsync()).ShouldBe("4");
        // 3, or 4 once the replay test has run: the fourth is poisoned until then.
        (await page.Locator("[data-count=classified] dd").TextContentAsync()).ShouldBeOneOf("3", "4");
        (await page.Locator("#call-state").GetAttributeAsync("data-state")).ShouldBe("open");
        (await page.Locator("#countdown").TextContentAsync())!.ShouldStartWith("Còn 29 ngày");
        (await page.Locator("#call-deadline").TextContentAsync())!.ShouldContain("(giờ Việt Nam)");
        (await page.Locator("#chart-days svg rect.bar").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
        (await page.Locator("#chart-areas svg rect.bar").CountAsync()).ShouldBe(10); // five areas, declared and suggested
        (await page.Locator("#chart-areas svg rect.bar[data-value='2']").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
        // The test call's file has no report settings: staff are told what the report will lack.
        (await page.Locator("#call-warnings").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("#call-warning-list li").CountAsync()).ShouldBe(7); // symbol, addressees, basis, recommendations, drafting unit, signer title and name
        (await page.Locator("#call-warning-list li[data-warning=report-signer-name-missing]").TextContentAsync())!
            .ShouldStartWith("Chưa khai báo họ tên người ký báo cáo");
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('staff-key')")).ShouldBe(RunningLocalHost.StaffKey);
        (await page.EvaluateAsync<string?>("localStorage.getItem('staff-key')")).ShouldBeNull();
        await page.ScreenshotAsync(new() { Path = Screenshot("staff-overview-vi.png"), FullPage = true });

        await page.ClickAsync("#language");
        (await page.Locator("#list-heading").TextContentAsync()).ShouldBe("Submissions");
        (await page.Locator("#call-warning-list li[data-warning=report-signer-name-missing]").TextContentAsync())!
            .ShouldStartWith("The signer's name is not set");
        await page.ScreenshotAsync(new() { Path = Screenshot("staff-overview-en.png"), FullPage = true });
        (await Browser.CspViolationsAsync(page)).ShouldBeEmpty("the console and its charts run under the security policy");
    }

    [Fact]
    public async Task Staff_filter_to_one_priority_area_open_a_submission_and_download_its_signed_scan()
    {
        var page = await Browser.NewPageAsync(1024, 768); // a tablet held sideways
        await page.GotoAsync($"/staff/?call={Browser.CallId}");
        await SignInAsync(page);
        (await page.Locator("#submission-rows tr").CountAsync()).ShouldBe(4);

        // Sorting from the keyboard keeps the focus on the column's header.
        await page.FocusAsync("[data-sort=enterpriseName]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("th[aria-sort=ascending] [data-sort=enterpriseName]").WaitForAsync();
        (await page.EvaluateAsync<string>("document.activeElement.dataset.sort")).ShouldBe("enterpriseName");
        (await page.Locator("#submission-rows tr").First.TextContentAsync())!.ShouldContain("Công ty Cổ phần Nhựa Tiền Phong");

        await page.SelectOptionAsync("#filter-priorityArea", "4");
        await Expect(page, "#submission-rows tr", 1);
        (await page.Locator("#submission-rows tr").TextContentAsync())!.ShouldContain("Công ty Cổ phần Nhựa Tiền Phong");

        await page.FillAsync("#filter-q", "nhua tien phong");
        await page.SelectOptionAsync("#filter-priorityArea", "");
        // The previous filter also showed one row: wait for this query's page (the summary says
        // "loading" until it is drawn), or the button focused below may be replaced under the focus.
        await page.Locator("#list-summary", new() { HasTextString = "Tìm thấy 1 hồ sơ." }).WaitForAsync();
        await Expect(page, "#submission-rows tr", 1);

        await page.Locator("#submission-rows tr button.open").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#detail[open]").WaitForAsync();
        var detail = (await page.Locator("#detail-body").TextContentAsync())!;
        detail.ShouldContain("0314409058-002");
        detail.ShouldContain("Nâng cao năng suất theo nội dung 4");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("detail-close");
        (await page.Locator("#detail-body").TextContentAsync())!.ShouldNotContain("null");
        await page.ScreenshotAsync(new() { Path = Screenshot("staff-submission-vi.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-document=signedScan]"));
        var path = await download.PathAsync();
        Encoding.ASCII.GetString(File.ReadAllBytes(path!), 0, 5).ShouldBe("%PDF-");

        await page.Keyboard.PressAsync("Escape");
        (await page.Locator("#detail[open]").CountAsync()).ShouldBe(0);
        (await Browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_exclude_a_submission_with_a_reason_see_it_on_the_record_and_count_it_again()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={Browser.CallId}");
        await SignInAsync(page);
        await page.FillAsync("#filter-q", "dong tau bach dang");
        await page.ClickAsync("#apply-filters");
        await Expect(page, "#submission-rows tr", 1);
        await page.Locator("#submission-rows tr button.open").First.ClickAsync();
        await page.Locator("#detail[open]").WaitForAsync();
        (await page.Locator("[data-scan=signedScan]").TextContentAsync())!.ShouldContain("Chưa quét mã độc");

        await page.SelectOptionAsync("#exclude-reason", "duplicate");
        await page.FillAsync("#exclude-note", "Trùng với hồ sơ của Tổng công ty");
        await page.ClickAsync("#exclude");
        await page.Locator("#include").WaitForAsync();
        (await page.Locator("#exclusion").TextContentAsync())!.ShouldContain("Trùng với đề xuất khác – Trùng với hồ sơ của Tổng công ty");
        (await page.Locator("#audit").TextContentAsync())!.ShouldContain("staff key – Loại khỏi tổng hợp: Trùng với đề xuất khác");
        await page.ScreenshotAsync(new() { Path = Screenshot("staff-excluded-vi.png") });
        await page.Locator("#submission-rows", new() { HasTextString = "(Đã loại)" }).WaitForAsync();

        await page.ClickAsync("#include");
        await page.Locator("#exclude").WaitForAsync();
        await Expect(page, "#audit li", 2);
        (await Browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_see_a_poisoned_submission_with_its_reason_and_replay_it()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={Browser.CallId}");
        await SignInAsync(page);
        var row = page.Locator($"#stuck-rows tr[data-submission='{fixture.PoisonedId}']");
        await row.WaitForAsync();
        (await row.TextContentAsync())!.ShouldContain("BlobNotFound");
        await page.ScreenshotAsync(new() { Path = Screenshot("staff-stuck-vi.png"), FullPage = true });

        await fixture.RestoreFieldsAsync(); // the cause fixed
        await row.Locator("button.replay").ClickAsync();
        await page.Locator("#stuck-message", new() { HasTextString = "Đã gửi lại hồ sơ" }).WaitForAsync();
        await fixture.StatusAsync(fixture.PoisonedId, SubmissionStatus.Classified);
        await page.ReloadAsync();
        await page.Locator("#stuck-message", new() { HasTextString = "Không có hồ sơ nào bị kẹt." }).WaitForAsync();
        await Assertions.Expect(page.Locator("[data-count=classified] dd")).ToHaveTextAsync("4");
    }

    [Fact]
    public async Task The_report_section_lists_what_exists_and_refuses_a_revision_before_the_deadline()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={Browser.CallId}");
        await SignInAsync(page);
        // The report section loads after the rows (CI once read it still empty): wait for its text.
        await Assertions.Expect(page.Locator("#report-state")).ToHaveTextAsync("Chưa có báo cáo. Báo cáo được lập tự động sau hạn tiếp nhận.");
        await Assertions.Expect(page.Locator("#new-revision")).ToBeDisabledAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", RunningLocalHost.StaffKey);
        await page.ClickAsync("#signin-submit");
        await page.Locator("#submission-rows tr").First.WaitForAsync();
        await page.Locator("#counts [data-count=total]").WaitForAsync();
    }

    private static async Task Expect(IPage page, string selector, int count)
    {
        for (var i = 0; i < 40 && await page.Locator(selector).CountAsync() != count; i++)
        {
            await Task.Delay(250);
        }

        (await page.Locator(selector).CountAsync()).ShouldBe(count, selector);
    }

    private string Screenshot(string name) => Path.Combine(Browser.ScreenshotDirectory, name);
}
