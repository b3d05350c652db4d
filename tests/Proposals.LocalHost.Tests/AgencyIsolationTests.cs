using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Proposals.Functions.Http;
using Proposals.LocalHost;
using Proposals.Pipeline.Staff;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Two agencies on one deployment: staff of one never reach the other's calls, on any staff route. The routes are
/// discovered from the app's attributes, as the forgery tests do: a staff route added later is tried here too.
/// Agency A's call answers B's staff exactly as a call that does not exist would (404 <c>call-not-found</c>).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class AgencyIsolationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AgencyA = TestCalls.AgencyId;
    private const string AgencyB = "thu-nghiem-b";
    private const string GroupOfB = "5d0f3c1e-2b7a-4c1e-9f51-0a7c2d4b6e88";
    private readonly string _callA = TestCalls.NewId();
    private readonly string _callB = TestCalls.NewId();
    private RunningLocalHost _host = null!;
    private string _keyA = null!;
    private string _keyB = null!;
    private string _ministryKey = null!;

    public async Task InitializeAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(30);
        var settings = TestCalls.Settings(_callA, deadline);
        foreach (var (key, value) in TestCalls.Settings(_callB, deadline))
        {
            settings[key] = value;
        }

        settings[$"Calls:{_callB}:Agency"] = AgencyB;
        settings[$"Agencies:{AgencyB}:Name"] = "Sở Khoa học và Công nghệ thử nghiệm B";
        settings["Staff:TrustEasyAuthPrincipal"] = "true";
        settings["WEBSITE_AUTH_ENABLED"] = "True";
        settings[$"Staff:Groups:{GroupOfB}"] = AgencyB;
        _host = await RunningLocalHost.StartAsync(azurite, settings);

        // The host wrote a key per agency and the Ministry's beside the single key.
        var keys = Path.Combine(_host.DataDirectory, LocalPipelineHost.StaffKeysFolder);
        _keyA = (await File.ReadAllTextAsync(Path.Combine(keys, AgencyA + ".txt"))).Trim();
        _keyB = (await File.ReadAllTextAsync(Path.Combine(keys, AgencyB + ".txt"))).Trim();
        _ministryKey = (await File.ReadAllTextAsync(Path.Combine(keys, "ministry.txt"))).Trim();
        await SeededSubmissions.InsertAsync(azurite.ConnectionString, [SeededSubmissions.Row(_callA, 0), SeededSubmissions.Row(_callB, 0)]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Every (route, method) of the staff console that names a call.</summary>
    private static IEnumerable<(HttpFunctionRoute Route, string Method)> CallRoutes() =>
        HttpFunctionRoutes.Discover("").Where(r => r.IsStaffOnly && r.Template.Contains("{callId}", StringComparison.Ordinal))
            .SelectMany(r => r.Methods.Where(m => m is not "HEAD").Select(m => (r, m)));

    private static string PathOf(HttpFunctionRoute route, string callId, string submissionId) => "/" + route.Template
        .Replace("{callId}", callId, StringComparison.Ordinal)
        .Replace("{submissionId}", submissionId, StringComparison.Ordinal)
        .Replace("{document}", "signedScan", StringComparison.Ordinal)
        .Replace("{signature}", "1", StringComparison.Ordinal);

    private static HttpRequestMessage Request(HttpFunctionRoute route, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "HEAD"))
        {
            request.Content = route.Name == "EnterPaperProposal"
                ? new MultipartFormDataContent()
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request.FromConsole();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _host.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add(StaffAccess.KeyHeader, key);
        return request;
    }

    private static HttpRequestMessage AsSignedIn(HttpRequestMessage request, string claimType, string value)
    {
        request.Headers.Add(StaffAccess.PrincipalHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{{\"auth_typ\":\"aad\",\"role_typ\":\"roles\",\"claims\":[{{\"typ\":\"{claimType}\",\"val\":\"{value}\"}}]}}")));
        request.Headers.Add("x-ms-client-principal-name", "can-bo@so-b.example.vn");
        return request;
    }

    private static void ShouldBeCallNotFound((HttpStatusCode Status, string Body) answer, string callId, string what)
    {
        answer.Status.ShouldBe(HttpStatusCode.NotFound, $"{what}: {answer.Body}");
        using var problem = JsonDocument.Parse(answer.Body);
        problem.RootElement.GetProperty("type").GetString()!.ShouldEndWith("call-not-found", customMessage: what);
        problem.RootElement.GetProperty("detail").GetString().ShouldBe($"Không có đợt tiếp nhận đề xuất \"{callId}\".", what);
    }

    [Fact]
    public void The_routes_that_name_a_call_are_all_found()
    {
        var found = CallRoutes().Select(r => $"{r.Method} {r.Route.Name}").ToList();
        found.ShouldContain("GET ListSubmissions");
        found.ShouldContain("GET GetSubmissionDetails");
        found.ShouldContain("GET GetReport");
        found.ShouldContain("POST SetSubmissionExclusion");
        found.ShouldContain("POST EnterPaperProposal");
        found.ShouldContain("GET GetSubmissionDocument");
        found.Count.ShouldBeGreaterThan(15);
    }

    [Fact]
    public async Task Agency_A_s_key_gets_404_on_every_route_of_agency_B_s_call_exactly_as_for_a_call_that_does_not_exist()
    {
        var submissionB = SeededSubmissions.Row(_callB, 0).RowKey;
        foreach (var (route, method) in CallRoutes())
        {
            var what = $"{method} {route.Name}";
            ShouldBeCallNotFound(await SendAsync(WithKey(Request(route, method, PathOf(route, _callB, submissionB)), _keyA)), _callB, what + " on B's call");
            var unknown = "khong-co-" + _callB;
            ShouldBeCallNotFound(await SendAsync(WithKey(Request(route, method, PathOf(route, unknown, submissionB)), _keyA)), unknown, what + " on no call");
        }
    }

    [Fact]
    public async Task Each_agency_s_key_passes_the_gate_on_its_own_call_and_the_key_of_every_agency_on_both()
    {
        foreach (var (route, method) in CallRoutes())
        {
            foreach (var (key, callId) in new[] { (_keyA, _callA), (_keyB, _callB), (RunningLocalHost.StaffKey, _callA), (RunningLocalHost.StaffKey, _callB) })
            {
                var answer = await SendAsync(WithKey(Request(route, method, PathOf(route, callId, SeededSubmissions.Row(callId, 0).RowKey)), key));
                answer.Body.ShouldNotContain("call-not-found", customMessage: $"{method} {route.Name} on {callId}");
                ((int)answer.Status).ShouldBeLessThan(500, $"{method} {route.Name} on {callId}: {answer.Body}");
                ((int)answer.Status).ShouldNotBe(401);
                ((int)answer.Status).ShouldNotBe(403, $"{method} {route.Name} on {callId}: {answer.Body}");
            }
        }
    }

    [Fact]
    public async Task The_list_of_calls_holds_only_the_caller_s_agency_s_calls()
    {
        async Task<List<string>> ListedWith(Func<HttpRequestMessage, HttpRequestMessage> credentials)
        {
            var (status, body) = await SendAsync(credentials(new HttpRequestMessage(HttpMethod.Get, "/api/staff/calls").FromConsole()));
            status.ShouldBe(HttpStatusCode.OK, body);
            return [.. JsonDocument.Parse(body).RootElement.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("callId").GetString()!)];
        }

        var a = await ListedWith(r => WithKey(r, _keyA));
        a.ShouldContain(_callA);
        a.ShouldNotContain(_callB);
        a.ShouldAllBe(id => id != "demo" && id != "haiphong-2024", "the shipped calls are Hải Phòng's, not the test agency's");
        var b = await ListedWith(r => WithKey(r, _keyB));
        b.ShouldBe([_callB]);
        var every = await ListedWith(r => WithKey(r, RunningLocalHost.StaffKey));
        every.ShouldContain(_callA);
        every.ShouldContain(_callB);
        (await ListedWith(r => WithKey(r, _ministryKey))).ShouldBeEmpty("the Ministry reads the national view, no call's console");
        (await ListedWith(r => AsSignedIn(r, "roles", "Staff." + AgencyB))).ShouldBe([_callB]);
        (await ListedWith(r => AsSignedIn(r, "groups", GroupOfB))).ShouldBe([_callB]);
    }

    [Fact]
    public async Task Who_is_signed_in_says_which_agencies()
    {
        var (_, body) = await SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/staff/me").FromConsole(), _keyA));
        var me = JsonDocument.Parse(body).RootElement;
        me.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()).ShouldBe([AgencyA]);
        me.GetProperty("everyAgency").GetBoolean().ShouldBeFalse();
        me.GetProperty("isMinistry").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task An_Entra_role_or_mapped_group_of_agency_B_gets_404_on_agency_A_s_call_and_reaches_its_own()
    {
        foreach (var (type, value) in new[] { ("roles", "Staff." + AgencyB), ("groups", GroupOfB) })
        {
            var onA = await SendAsync(AsSignedIn(new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callA}/submissions").FromConsole(), type, value));
            ShouldBeCallNotFound(onA, _callA, $"{type} {value} on A's call");
            var onB = await SendAsync(AsSignedIn(new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callB}/submissions").FromConsole(), type, value));
            onB.Status.ShouldBe(HttpStatusCode.OK, onB.Body);
        }

        // A role of an agency that does not exist, or an unmapped group, is no role at all.
        var stranger = await SendAsync(AsSignedIn(new HttpRequestMessage(HttpMethod.Get, "/api/staff/calls").FromConsole(), "groups", Guid.NewGuid().ToString()));
        stranger.Status.ShouldBe(HttpStatusCode.Forbidden);
        var prefixOnly = await SendAsync(AsSignedIn(new HttpRequestMessage(HttpMethod.Get, "/api/staff/calls").FromConsole(), "roles", "Staff."));
        prefixOnly.Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_Ministry_key_reaches_no_call_s_console()
    {
        foreach (var (route, method) in CallRoutes())
        {
            ShouldBeCallNotFound(await SendAsync(WithKey(Request(route, method, PathOf(route, _callA, SeededSubmissions.Row(_callA, 0).RowKey)), _ministryKey)),
                _callA, $"{method} {route.Name} with the Ministry's key");
        }
    }

    [Fact]
    public async Task Routes_over_every_call_refuse_one_agency_s_key_and_the_Ministry_s()
    {
        foreach (var key in new[] { _keyA, _ministryKey })
        {
            var (status, body) = await SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/staff/personal-data?taxCode=0100109106").FromConsole(), key));
            status.ShouldBe(HttpStatusCode.Forbidden, body);
            body.ShouldContain("every-agency-only");
        }

        var every = await SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/staff/personal-data?taxCode=0100109106&summary=true").FromConsole(), RunningLocalHost.StaffKey));
        every.Status.ShouldBe(HttpStatusCode.OK, every.Body);

        var unmatched = await SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/staff/inbound/unmatched").FromConsole(), _keyA));
        unmatched.Status.ShouldBe(HttpStatusCode.OK, unmatched.Body);
        var file = await SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, $"/api/staff/inbound/unmatched/{new string('b', 64)}/files/message.txt").FromConsole(), _keyA));
        file.Status.ShouldBe(HttpStatusCode.NotFound, file.Body);
    }

    [Fact]
    public async Task The_audit_trail_records_the_call_s_agency_and_which_agency_s_key_acted()
    {
        var submission = SeededSubmissions.Row(_callA, 0);
        using var request = WithKey(new HttpRequestMessage(HttpMethod.Post, $"/api/staff/calls/{_callA}/submissions/{submission.RowKey}/exclusion")
        {
            Content = JsonContent.Create(new { reason = "duplicate", note = "trùng hồ sơ" }),
        }.FromConsole(), _keyA);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var entry = (await _host.Services.GetRequiredService<AuditTrail>().ListAsync(_callA, submission.RowKey, CancellationToken.None)).ShouldHaveSingleItem();
        entry.Agency.ShouldBe(AgencyA);
        entry.Actor.ShouldBe($"staff key ({AgencyA})");
    }
}
