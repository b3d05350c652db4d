using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// A call whose deadline passes while the host runs: the timer writes the report once, staff get a
/// working download link, and a late POST is refused.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CloseoutEndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private readonly DateTimeOffset _deadline = DateTimeOffset.UtcNow.AddSeconds(25);
    private RunningLocalHost _host = null!;

    public CloseoutEndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(_callId, _deadline, "canbo@chicuc.test"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task After_the_deadline_the_report_appears_once_and_downloads_through_its_links()
    {
        var receipts = new List<string>();
        foreach (var fields in new[]
        {
            SampleProposal.FieldsOfAnotherEnterprise(),
            SampleProposal.Fields(f => (f["taxCode"], f["taskName"]) = (SampleProposal.UniqueTaxCode(), "=1+1")),
            SampleProposal.Fields(f => (f["taxCode"], f["priorityArea"], f["taskName"]) = (SampleProposal.UniqueTaxCode(), "3", "Đào tạo chuyên gia năng suất")),
        })
        {
            using var accepted = await _host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart(fields));
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            receipts.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
        }

        var report = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callId}/report");
            request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
            using var response = await _host.Client.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("ready").GetBoolean() ? body.GetRawText() : null;
        }, TimeSpan.FromSeconds(90), "the closeout report");

        var revision = JsonDocument.Parse(report).RootElement.GetProperty("revisions").EnumerateArray().ShouldHaveSingleItem();
        revision.GetProperty("revision").GetInt32().ShouldBe(1);
        revision.GetProperty("state").GetString().ShouldBe("written");
        var files = revision.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("url").GetString()!);
        files.Keys.ShouldBe([
            $"{_callId}/r001/{_callId}-bao-cao-tong-hop.docx", $"{_callId}/r001/{_callId}-ho-so-dinh-kem.zip",
            $"{_callId}/r001/{_callId}-tong-hop-de-xuat.xlsx", $"{_callId}/r001/manifest.json",
        ], ignoreOrder: true);
        using var download = new HttpClient();
        var bytes = await download.GetByteArrayAsync(files[$"{_callId}/r001/{_callId}-tong-hop-de-xuat.xlsx"]);
        var rows = WorkbookText.Sheet(new MemoryStream(bytes), "Danh sách đề xuất");
        rows.Skip(1).Select(r => r[1]).ShouldBe(receipts, ignoreOrder: true);
        rows.ShouldContain(r => r.Contains("=1+1"));

        var staffEmail = await RunningLocalHost.EventuallyAsync(
            () => Task.FromResult(_host.OutboxFiles().Select(File.ReadAllText).FirstOrDefault(t => t.Contains("To: canbo@chicuc.test"))),
            TimeSpan.FromSeconds(10), "the staff email");
        staffEmail.ShouldContain("Đã nhận 3 hồ sơ; 3 đề xuất được tổng hợp");
        var emailed = staffEmail.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains(".zip: http", StringComparison.Ordinal));
        (await download.GetByteArrayAsync(emailed[(emailed.IndexOf("http", StringComparison.Ordinal))..])).Length.ShouldBeGreaterThan(1000);

        using var late = await _host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart());
        late.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await Task.Delay(TimeSpan.FromSeconds(3)); // a few more timer runs
        _host.OutboxFiles().Count(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test")).ShouldBe(1);
    }
}
