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
    public async Task After_the_deadline_the_report_appears_once_and_downloads_through_its_link()
    {
        using var accepted = await _host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart());
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receiptNumber = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;

        var report = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callId}/report");
            request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
            using var response = await _host.Client.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("ready").GetBoolean() ? body.GetRawText() : null;
        }, TimeSpan.FromSeconds(90), "the closeout report");

        var file = JsonDocument.Parse(report).RootElement.GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        file.GetProperty("name").GetString().ShouldBe($"{_callId}/r001/{_callId}-tong-hop-de-xuat.xlsx");
        using var download = new HttpClient();
        var bytes = await download.GetByteArrayAsync(file.GetProperty("url").GetString());
        var rows = WorkbookText.Sheet(new MemoryStream(bytes), "Danh sách");
        rows.Count.ShouldBe(2);
        rows[1].ShouldContain(receiptNumber);
        rows[1].ShouldContain("Đã phân loại");

        var staffEmail = await RunningLocalHost.EventuallyAsync(
            () => Task.FromResult(_host.OutboxFiles().Select(File.ReadAllText).FirstOrDefault(t => t.Contains("To: canbo@chicuc.test"))),
            TimeSpan.FromSeconds(10), "the staff email");
        staffEmail.ShouldContain("Số hồ sơ: 1.");

        using var late = await _host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart());
        late.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await Task.Delay(TimeSpan.FromSeconds(3)); // a few more timer runs
        _host.OutboxFiles().Count(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test")).ShouldBe(1);
    }
}
