using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Proposals.LocalHost;
using Proposals.Pipeline.Staff;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The Ministry's national view of a programme fed by two agencies' calls: read with the Ministry's key (or the
/// key of every agency), refused to one agency's staff; counts across both calls, each agency's report status,
/// and the enterprise that sent the same task to both agencies flagged.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class NationalViewTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AgencyB = "thu-nghiem-b";
    private readonly string _programme = "p-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _callA = TestCalls.NewId();
    private readonly string _callB = TestCalls.NewId();
    private readonly string _earlierCall = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(30);
        var settings = TestCalls.Settings(_callA, deadline);
        foreach (var (key, value) in TestCalls.Settings(_callB, deadline))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in TestCalls.Settings(_earlierCall, new DateTimeOffset(2024, 4, 22, 0, 0, 0, TimeSpan.FromHours(7))))
        {
            settings[key] = value;
        }

        settings[$"Calls:{_earlierCall}:ProgrammeYear"] = "2024";
        settings[$"Calls:{_callB}:Agency"] = AgencyB;
        settings[$"Agencies:{AgencyB}:Name"] = "Sở Khoa học và Công nghệ thử nghiệm B";
        settings[$"Agencies:{AgencyB}:Province"] = "Đà Nẵng";
        settings[$"Programmes:{_programme}:Title"] = "Chương trình thử nghiệm";
        settings[$"Programmes:{_programme}:Year"] = "2028";
        settings[$"Programmes:{_programme}:Calls:0"] = _callA;
        settings[$"Programmes:{_programme}:Calls:1"] = _callB;
        _host = await RunningLocalHost.StartAsync(azurite, settings);
        // Row 0 of each call: the same enterprise (tax code) and the same task, sent to both agencies.
        // Row 1 of A: the same enterprise and task as row 1 of a call for 2024, of A's own agency.
        await SeededSubmissions.InsertAsync(azurite.ConnectionString,
            [.. SeededSubmissions.Rows(_callA, 3), SeededSubmissions.Row(_callB, 0), SeededSubmissions.Row(_earlierCall, 1)]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string KeyOf(string name) =>
        File.ReadAllText(Path.Combine(_host.DataDirectory, LocalPipelineHost.StaffKeysFolder, name + ".txt")).Trim();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).FromConsole();
        request.Headers.Add("x-staff-key", key);
        using var response = await _host.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task The_Ministry_sees_the_programme_across_both_agencies()
    {
        var (status, list) = await GetAsync("/api/staff/programmes", KeyOf("ministry"));
        status.ShouldBe(HttpStatusCode.OK);
        var listed = list.GetProperty("programmes").EnumerateArray().Single(p => p.GetProperty("programmeId").GetString() == _programme);
        listed.GetProperty("agencies").GetInt32().ShouldBe(2);

        var (viewStatus, view) = await GetAsync($"/api/staff/programmes/{_programme}", KeyOf("ministry"));
        viewStatus.ShouldBe(HttpStatusCode.OK, view.ToString());
        var agencies = view.GetProperty("agencies").EnumerateArray().ToList();
        agencies.Select(a => a.GetProperty("agencyId").GetString()).ShouldBe([TestCalls.AgencyId, AgencyB], ignoreOrder: true);
        agencies.ShouldAllBe(a => a.GetProperty("reportStatus").GetString() == "pending", "both calls are open");
        agencies.Single(a => a.GetProperty("agencyId").GetString() == AgencyB).GetProperty("province").GetString().ShouldBe("Đà Nẵng");
        view.GetProperty("byProvince").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32()).ShouldBe(4);
        view.GetProperty("byStatus").EnumerateObject().Sum(s => s.Value.GetInt32()).ShouldBe(4);

        var duplicate = view.GetProperty("duplicates").EnumerateArray().Single(d => d.GetProperty("taxCode").GetString() == SeededSubmissions.Row(_callA, 0).TaxCode);
        duplicate.GetProperty("kind").GetString().ShouldBe("same-tax-code-similar-task");
        duplicate.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("callId").GetString()).ShouldBe([_callA, _callB], ignoreOrder: true);

        var again = view.GetProperty("duplicates").EnumerateArray().Single(d => d.GetProperty("taxCode").GetString() == SeededSubmissions.Row(_callA, 1).TaxCode);
        again.GetProperty("kind").GetString().ShouldBe("same-tax-code-similar-task");
        again.GetProperty("proposals").EnumerateArray().Select(p => (p.GetProperty("callId").GetString(), p.GetProperty("earlierYear").GetBoolean()))
            .ShouldBe([(_callA, false), (_earlierCall, true)]);
        agencies.ShouldNotContain(a => a.GetProperty("callId").GetString() == _earlierCall, "an earlier year's call is compared with, not counted");
    }

    [Fact]
    public async Task The_key_of_every_agency_reads_it_too_but_one_agency_s_staff_are_refused()
    {
        (await GetAsync($"/api/staff/programmes/{_programme}", RunningLocalHost.StaffKey)).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var key in new[] { KeyOf(TestCalls.AgencyId), KeyOf(AgencyB) })
        {
            var (status, body) = await GetAsync($"/api/staff/programmes/{_programme}", key);
            status.ShouldBe(HttpStatusCode.Forbidden);
            body.GetProperty("type").GetString()!.ShouldEndWith("ministry-only");
            (await GetAsync("/api/staff/programmes", key)).Status.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_Ministry_downloads_the_national_workbook_with_the_agency_column_and_the_duplicate_flagged()
    {
        var (_, view) = await GetAsync($"/api/staff/programmes/{_programme}", KeyOf("ministry"));
        var url = view.GetProperty("workbookUrl").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, url).FromConsole();
        request.Headers.Add("x-staff-key", KeyOf("ministry"));
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        using var workbook = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheets = workbook.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
        var all = string.Join("\n", sheets) + string.Join("\n", workbook.Entries.Where(e => e.FullName.Contains("sharedStrings", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        // Rows 0 and 1 of A and row 0 of B are classified (counted); row 2 of A is rejected.
        all.ShouldContain(SeededSubmissions.Row(_callA, 0).ReceiptNumber!);
        all.ShouldContain(SeededSubmissions.Row(_callA, 1).ReceiptNumber!);
        all.ShouldContain(_callB, customMessage: "B's proposal, under B's call");
        all.ShouldNotContain(SeededSubmissions.Row(_callA, 2).ReceiptNumber!);
        all.ShouldContain("Sở Khoa học và Công nghệ thử nghiệm B");
        all.ShouldContain("Cùng mã số thuế, nhiệm vụ tương tự ở đơn vị khác");

        using var agencyRequest = new HttpRequestMessage(HttpMethod.Get, url).FromConsole();
        agencyRequest.Headers.Add("x-staff-key", KeyOf(AgencyB));
        using var refused = await _host.Client.SendAsync(agencyRequest);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_programme_is_404()
    {
        var (status, body) = await GetAsync("/api/staff/programmes/khong-co", KeyOf("ministry"));
        status.ShouldBe(HttpStatusCode.NotFound);
        body.GetProperty("type").GetString()!.ShouldEndWith("programme-not-found");
    }

    [Fact]
    public async Task The_Ministry_s_reads_and_workbook_downloads_are_on_each_agency_s_audit_trail_refusals_are_not()
    {
        var audit = _host.Services.GetRequiredService<AuditTrail>();
        (await GetAsync($"/api/staff/programmes/{_programme}", KeyOf(TestCalls.AgencyId))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await GetAsync("/api/staff/programmes/p-unknown", KeyOf("ministry"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync("/api/staff/programmes", KeyOf("ministry"))).Status.ShouldBe(HttpStatusCode.OK);
        (await audit.ListAsync(_callA, null, CancellationToken.None)).ShouldBeEmpty("a refusal, a 404 and the list of programmes read no proposal");

        var (status, view) = await GetAsync($"/api/staff/programmes/{_programme}", KeyOf("ministry"));
        status.ShouldBe(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, view.GetProperty("workbookUrl").GetString()).FromConsole();
        request.Headers.Add("x-staff-key", KeyOf("ministry"));
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var (call, agency) in new[] { (_callA, TestCalls.AgencyId), (_callB, AgencyB) })
        {
            var entries = await audit.ListAsync(call, null, CancellationToken.None);
            entries.Select(e => e.Action).ShouldBe([AuditActions.ReadNationalView, AuditActions.DownloadNationalWorkbook], $"{call}: the view, then the workbook");
            entries.ShouldAllBe(e => e.Actor == "ministry key" && e.Agency == agency && e.Note == AuditTrail.ProgrammeNote + _programme && e.SubmissionId == null);
        }
    }
}
