using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proposals.Domain.Classification;
using Proposals.Domain.Text;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The staff console's API over Azurite: paging, filters, search with folded diacritics, the overview,
/// one submission with its documents, and refusal without credentials.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class StaffConsoleApiTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seeded = 130;
    private readonly string _seededCall = TestCalls.NewId();
    private readonly string _liveCall = TestCalls.NewId();
    private IReadOnlyList<SubmissionRecord> _rows = [];
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_seededCall, DateTimeOffset.UtcNow.AddDays(30));
        foreach (var (key, value) in TestCalls.Settings(_liveCall, DateTimeOffset.UtcNow.AddDays(2)))
        {
            settings[key] = value;
        }

        _host = await RunningLocalHost.StartAsync(azurite, settings);
        _rows = SeededSubmissions.Rows(_seededCall, Seeded);
        await SeededSubmissions.InsertAsync(azurite.ConnectionString, _rows);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("", 50)]
    [InlineData("sort=enterpriseName&order=desc", 37)]
    [InlineData("sort=receivedAt&order=desc", 200)]
    public async Task Pages_through_every_submission_exactly_once(string order, int pageSize)
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListAsync($"{order}&pageSize={pageSize}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            page.GetProperty("total").GetInt32().ShouldBe(Seeded);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(pageSize);
            seen.AddRange(items.Select(i => i.GetProperty("receiptNumber").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        pages.ShouldBe((Seeded + pageSize - 1) / pageSize);
        seen.Count.ShouldBe(Seeded);
        seen.ShouldBeUnique();
        seen.ShouldBe(_rows.Select(r => r.ReceiptNumber), ignoreOrder: true);
        if (order.Length == 0)
        {
            seen.ShouldBe(_rows.Select(r => r.ReceiptNumber).Order(StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public async Task Filters_by_status_priority_areas_size_region_and_flag()
    {
        var cases = new (string Query, Func<SubmissionRecord, bool> Expected)[]
        {
            ("status=rejected", r => r.Status == "rejected"),
            ("priorityArea=3", r => r.PriorityArea == 3),
            ("suggestedArea=2", r => r.SuggestedPriorityArea == 2),
            ("size=medium", r => r.EnterpriseSize == "medium"),
            ("region=southeast", r => r.RegionId == "southeast"),
            ("flag=" + EligibilityFlags.PossibleDuplicate, r => r.FlagList.Contains(EligibilityFlags.PossibleDuplicate)),
            ("priorityArea=2&size=small&status=classified", r => r.PriorityArea == 2 && r.EnterpriseSize == "small" && r.Status == "classified"),
        };
        foreach (var (query, expected) in cases)
        {
            var page = await ListAsync(query + "&pageSize=200");
            var want = _rows.Where(expected).Select(r => r.ReceiptNumber).ToList();
            want.ShouldNotBeEmpty(query);
            page.GetProperty("total").GetInt32().ShouldBe(want.Count, query);
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("receiptNumber").GetString()!)
                .ShouldBe(want, ignoreOrder: true, customMessage: query);
        }
    }

    [Fact]
    public async Task Search_folds_diacritics_on_both_sides()
    {
        var inHaiPhong = _rows.Count(r => VietnameseText.Fold(r.EnterpriseName + " " + r.Province).Contains("hai phong", StringComparison.Ordinal));
        inHaiPhong.ShouldBeGreaterThan(0);
        foreach (var q in new[] { "hai phong", "Hải Phòng", "HẢI PHÒNG".Normalize(NormalizationForm.FormD), "  hai   phong " })
        {
            (await ListAsync("q=" + Uri.EscapeDataString(q))).GetProperty("total").GetInt32().ShouldBe(inHaiPhong, q);
        }

        // The decomposed names are found by their composed spelling, and the other way round.
        var dong = await ListAsync("q=" + Uri.EscapeDataString("đóng tàu bạch đằng") + "&pageSize=200");
        dong.GetProperty("total").GetInt32().ShouldBe(_rows.Count(r => r.EnterpriseName.Normalize().Contains("Đóng tàu", StringComparison.Ordinal)));
        var receipt = await ListAsync("q=seed-000042");
        receipt.GetProperty("items").EnumerateArray().Single().GetProperty("receiptNumber").GetString().ShouldBe("SEED-000042");
        var taxCode = await ListAsync("q=0100233077");
        taxCode.GetProperty("items").EnumerateArray().Single().GetProperty("taxCode").GetString().ShouldBe("0100233077");
    }

    [Fact]
    public async Task A_wrong_query_is_a_validation_problem()
    {
        foreach (var query in new[] { "pageSize=500", "status=lost", "priorityArea=x", "sort=secret", "flag=nope", "continuationToken=bm9wZQ" })
        {
            using var response = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_seededCall}/submissions?{query}"));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("/problems/validation");
        }

        // A token belongs to the filters it was issued for.
        var token = (await ListAsync("pageSize=10")).GetProperty("continuationToken").GetString()!;
        using var other = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_seededCall}/submissions?pageSize=10&status=rejected&continuationToken={token}"));
        other.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_overview_counts_by_status_day_and_priority_area()
    {
        using var response = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_seededCall}/overview"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var overview = await response.Content.ReadFromJsonAsync<JsonElement>();
        var call = overview.GetProperty("call");
        call.GetProperty("state").GetString().ShouldBe("open");
        call.GetProperty("total").GetInt32().ShouldBe(Seeded);
        call.GetProperty("byStatus").GetProperty("rejected").GetInt32().ShouldBe(_rows.Count(r => r.Status == "rejected"));
        overview.GetProperty("perDay").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()).ShouldBe(Seeded);
        // 01:30 UTC is 08:30 in Vietnam: the first day is 1 March there too; 130 × 37 min later is 4 March.
        overview.GetProperty("perDay")[0].GetProperty("date").GetString().ShouldBe("2026-03-01");
        var areas = overview.GetProperty("byPriorityArea").EnumerateArray().ToList();
        areas.Count.ShouldBe(5);
        areas.Single(a => a.GetProperty("area").GetInt32() == 3).GetProperty("declared").GetInt32().ShouldBe(_rows.Count(r => r.PriorityArea == 3));
        overview.GetProperty("flags").GetArrayLength().ShouldBe(EligibilityFlags.All.Count);
        // A test call's file has no report settings: the signer is one of the warnings, worded for both languages.
        var signer = overview.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "report-signer-name-missing");
        signer.GetProperty("vi").GetString()!.ShouldContain("(Họ và tên)");
        signer.GetProperty("en").GetString()!.ShouldContain("signer's name");

        using var calls = await _host.Client.SendAsync(Staff("/api/staff/calls"));
        var listed = (await calls.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("calls").EnumerateArray().ToList();
        listed.Single(c => c.GetProperty("callId").GetString() == _liveCall).GetProperty("state").GetString().ShouldBe("closing");
        listed.Single(c => c.GetProperty("callId").GetString() == _seededCall).GetProperty("total").GetInt32().ShouldBe(Seeded);
    }

    [Fact]
    public async Task Opens_a_submission_with_its_versions_and_links_to_its_documents()
    {
        var (first, token) = await SubmitWithTokenAsync(SampleProposal.Fields());
        var (second, _) = await SubmitWithTokenAsync(SampleProposal.Fields(f => // a revised version, proven with the token
        {
            f["replacesSubmissionId"] = first;
            f["replacesTrackingToken"] = token;
        }));
        using var response = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_liveCall}/submissions/{second}"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var details = await response.Content.ReadFromJsonAsync<JsonElement>();
        details.GetProperty("submission").GetProperty("submissionId").GetString().ShouldBe(second);
        details.GetProperty("fields").GetProperty("taskName").GetString().ShouldBe(SampleProposal.Fields()["taskName"]);
        details.GetProperty("documents").GetArrayLength().ShouldBe(2);
        details.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("submissionId").GetString())
            .ShouldBe([first, second]);
        details.GetRawText().ShouldNotContain("trackingToken", Case.Insensitive);

        foreach (var (document, magic) in new[] { ("signedScan", "%PDF-"), ("editableForm", "PK") })
        {
            using var linkResponse = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_liveCall}/submissions/{second}/documents/{document}"));
            linkResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
            var link = await linkResponse.Content.ReadFromJsonAsync<JsonElement>();
            link.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
            using var anonymous = new HttpClient();
            var bytes = await anonymous.GetByteArrayAsync(link.GetProperty("url").GetString());
            Encoding.ASCII.GetString(bytes, 0, magic.Length).ShouldBe(magic);
        }

        using var unknownKind = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_liveCall}/submissions/{second}/documents/other"));
        unknownKind.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var unknown = await _host.Client.SendAsync(Staff($"/api/staff/calls/{_liveCall}/submissions/0123456789abcdef"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_staff_console_route_refuses_without_credentials_and_with_a_wrong_key()
    {
        var id = _rows[0].SubmissionId;
        foreach (var path in new[]
                 {
                     "/api/staff/calls", $"/api/staff/calls/{_seededCall}/overview", $"/api/staff/calls/{_seededCall}/submissions?q=hai",
                     $"/api/staff/calls/{_seededCall}/submissions/{id}", $"/api/staff/calls/{_seededCall}/submissions/{id}/documents/signedScan",
                 })
        {
            using var anonymous = await _host.Client.GetAsync(path);
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
            using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Add("x-staff-key", "not-the-key");
            using var refused = await _host.Client.SendAsync(wrong);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("SEED-");
        }
    }

    /// <summary>
    /// Rows written while staff page through the list: those that sort after the page being read are met
    /// later, those before it are not, and no row is ever seen twice (the token is a position, not an
    /// offset). Also: rows written after the list was loaded count on the next request.
    /// </summary>
    [Fact]
    public async Task Paging_while_submissions_arrive_yields_every_row_at_most_once_and_the_new_ones_after_the_cursor()
    {
        var callId = _seededCall;
        var seen = new List<string>();
        string? token = null;
        var arrivals = new List<SubmissionRecord>();
        var pages = 0;
        do
        {
            var page = await ListAsync("pageSize=20" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), callId);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("receiptNumber").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (++pages == 3)
            {
                // Two arrivals: one sorts before everything read so far, one after everything there is.
                arrivals = [SeededSubmissions.Row(callId, 100_000), SeededSubmissions.Row(callId, 100_001)];
                arrivals[0].ReceiptNumber = "SEED-000000a";
                arrivals[1].ReceiptNumber = "SEED-999999";
                await SeededSubmissions.InsertAsync(azurite.ConnectionString, arrivals);
                await Task.Delay(300); // the list looks at the change feed at most every 250 ms (StaffList:RefreshInterval)
            }
        }
        while (token is not null);
        output.WriteLine($"{pages} pages, {seen.Count} rows seen, {arrivals.Count} arrived after page 3");

        seen.ShouldBeUnique();
        seen.ShouldNotContain("SEED-000000a", "it sorts before the cursor: the next full listing shows it");
        seen.ShouldContain("SEED-999999");
        seen.Count.ShouldBe(Seeded + 1);
        (await ListAsync("pageSize=1", callId)).GetProperty("total").GetInt32().ShouldBe(Seeded + 2);
    }

    private async Task<JsonElement> ListAsync(string query, string? callId = null)
    {
        using var response = await _host.Client.SendAsync(Staff($"/api/staff/calls/{callId ?? _seededCall}/submissions?{query}"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> OverviewAsync(string callId)
    {
        using var response = await _host.Client.SendAsync(Staff($"/api/staff/calls/{callId}/overview"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(string Id, string Token)> SubmitWithTokenAsync(Dictionary<string, string> fields)
    {
        using var accepted = await _host.Client.PostAsync($"/api/calls/{_liveCall}/submissions", SampleProposal.Multipart(fields));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("submissionId").GetString()!, receipt.GetProperty("trackingToken").GetString()!);
    }

    private static HttpRequestMessage Staff(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        return request;
    }
}
