using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The personal-data and retention routes meet hostile requests: malformed, oversized or mistyped bodies, injected
/// queries, unknown ids, another site's form. Each gets a ProblemDetails, never a 500, and nothing is erased.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class PersonalDataRoutesTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;
    private string _submissionId = string.Empty;

    public async Task InitializeAsync()
    {
        _host = await RunningLocalHost.StartAsync(azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));
        using var posted = await _host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart(SampleProposal.FieldsOfAnotherEnterprise()));
        _submissionId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string?, HttpStatusCode> Hostile() => new()
    {
        { "POST", "/api/staff/calls/{call}/submissions/{id}/erasure", "not json", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/submissions/{id}/erasure", "{\"note\": " + new string('1', 9000) + "}", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/submissions/{id}/erasure", "{\"note\": 12}", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/submissions/{id}/erasure", "{\"note\": \"" + new string('x', 501) + "\"}", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/submissions/..%2f..%2fx/erasure", "{}", HttpStatusCode.NotFound },
        { "POST", "/api/staff/calls/{call}/submissions/ffffffffffffffffffffffffffffffff/erasure", "{}", HttpStatusCode.NotFound },
        { "POST", "/api/staff/calls/no-such-call/submissions/{id}/erasure", "{}", HttpStatusCode.NotFound },
        { "POST", "/api/staff/calls/{call}/submissions/{id}/contact", "{\"fields\": {\"contactEmail\": 5}, \"reason\": \"r\"}", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/submissions/{id}/contact", "{\"fields\": {\"taxCode\": \"0100233488\"}, \"reason\": \"r\"}", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/submissions/{id}/contact", "{\"fields\": [\"contactEmail\"], \"reason\": \"r\"}", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/retention/archived", "[]", HttpStatusCode.BadRequest },
        { "POST", "/api/staff/calls/{call}/retention/archived", "{}", HttpStatusCode.Conflict }, // before the deadline
        { "GET", "/api/staff/personal-data", null, HttpStatusCode.BadRequest },
        { "GET", "/api/staff/personal-data?taxCode=0100233488&email=a@b.vn", null, HttpStatusCode.BadRequest },
        { "GET", "/api/staff/personal-data?taxCode=%27%20or%20%27%27%3D%27", null, HttpStatusCode.BadRequest },
        { "GET", "/api/staff/personal-data?email=a%40b.vn%27%20or%20TaxCode%20ne%20%27", null, HttpStatusCode.BadRequest },
        { "GET", "/api/staff/calls/no-such-call/retention", null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_request_gets_a_problem_and_erases_nothing(string method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{call}", _callId, StringComparison.Ordinal).Replace("{id}", _submissionId, StringComparison.Ordinal));
        request.WithStaffKey();
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _host.Client.SendAsync(request);
        output.WriteLine($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        await StillThereAsync();
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task Another_sites_form_cannot_erase_even_with_staff_credentials(string fetchSite)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/{_submissionId}/erasure")
        {
            Content = new StringContent("note=x", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        request.Headers.Add("Sec-Fetch-Site", fetchSite);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("/problems/cross-site-request");
        await StillThereAsync();
    }

    [Fact]
    public async Task The_notice_route_answers_a_call_without_a_notice_with_a_problem()
    {
        using var response = await _host.Client.GetAsync($"/api/calls/{_callId}/privacy-notice");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var demo = await _host.Client.GetAsync("/api/calls/demo/privacy-notice");
        demo.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await demo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sections").GetArrayLength().ShouldBe(5);
    }

    private async Task StillThereAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callId}/submissions/{_submissionId}");
        request.WithStaffKey();
        using var response = await _host.Client.SendAsync(request);
        var details = await response.Content.ReadFromJsonAsync<JsonElement>();
        details.GetProperty("submission").GetProperty("enterpriseName").GetString()!.ShouldNotContain("đã xóa");
    }
}
