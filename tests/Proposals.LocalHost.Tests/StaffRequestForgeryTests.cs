using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proposals.Functions.Http;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Cross-site request forgery against every state-changing staff route, as an attacker's page would send it
/// (a <c>text/plain</c> form, a foreign <c>Origin</c>, <c>Sec-Fetch-Site: cross-site</c>), with the
/// signed-in official's Easy Auth principal riding along as the session cookie would. The routes are
/// discovered from the app's attributes: a staff route added later is attacked here too.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class StaffRequestForgeryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        settings["Staff:TrustEasyAuthPrincipal"] = "true";
        settings["WEBSITE_AUTH_ENABLED"] = "True";
        _host = await RunningLocalHost.StartAsync(azurite, settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Every (route, method) that may change state, with its placeholders filled in.</summary>
    public static IEnumerable<(HttpFunctionRoute Route, string Method)> StateChangingStaffRoutes() =>
        HttpFunctionRoutes.Discover("").Where(r => r.IsStaffOnly)
            .SelectMany(r => r.Methods.Where(m => m is not ("GET" or "HEAD")).Select(m => (r, m)));

    private string PathOf(HttpFunctionRoute route) => "/" + route.Template
        .Replace("{callId}", _callId, StringComparison.Ordinal)
        .Replace("{submissionId}", new string('a', 32), StringComparison.Ordinal)
        .Replace("{document}", "signedScan", StringComparison.Ordinal)
        .Replace("{emailId}", new string('b', 32), StringComparison.Ordinal)
        .Replace("{name}", "scan.pdf", StringComparison.Ordinal);

    private static HttpRequestMessage SignedIn(string method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.Add(StaffAccess.PrincipalHeader, Principal("Staff"));
        request.Headers.Add("x-ms-client-principal-name", "can-bo@chicuc.example.vn");
        return request;
    }

    [Fact]
    public void The_state_changing_staff_routes_are_all_found()
    {
        var found = StateChangingStaffRoutes().Select(r => $"{r.Method} {r.Route.Name}").ToList();
        found.ShouldContain("POST SetSubmissionExclusion");
        found.ShouldContain("DELETE SetSubmissionExclusion");
        found.ShouldContain("POST AcceptEmailedSubmission");
        found.ShouldContain("POST EnterPaperProposal");
        found.ShouldContain("POST GetSubmissionDocument", "the confirmation of a rejected submission's download writes an audit row");
    }

    [Fact]
    public async Task A_text_plain_form_from_another_site_is_refused_on_every_state_changing_staff_route()
    {
        foreach (var (route, method) in StateChangingStaffRoutes())
        {
            // What <form enctype="text/plain" method="post" action="https://app/..."> sends: no custom header.
            using var request = SignedIn(method, PathOf(route), new StringContent("{\"reason\":\"x\",\"a\":\"=\"}", Encoding.UTF8, "text/plain"));
            request.Headers.Add("Origin", "https://evil.example");
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            await ShouldBeRefusedAsync(request, HttpStatusCode.Forbidden, "cross-site-request", $"{method} {route.Name}");
        }
    }

    [Fact]
    public async Task A_cross_site_POST_without_credentials_is_refused_as_forged_as_the_post_deploy_check_expects()
    {
        // infra/hooks/postdeploy.sh sends exactly this to the deployed app and wants 403, not 401.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/{new string('0', 32)}/exclusion")
        {
            Content = new StringContent("{\"reason\":\"duplicate\"}", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://cross-site.invalid");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        await ShouldBeRefusedAsync(request, HttpStatusCode.Forbidden, "cross-site-request", "anonymous cross-site POST");
    }

    [Fact]
    public async Task Each_forged_signal_alone_is_enough_to_refuse()
    {
        foreach (var (route, method) in StateChangingStaffRoutes())
        {
            var what = $"{method} {route.Name}";

            using (var noHeader = SignedIn(method, PathOf(route), Json()))
            {
                await ShouldBeRefusedAsync(noHeader, HttpStatusCode.Forbidden, "cross-site-request", what + " without X-Requested-With");
            }

            using (var crossSite = SignedIn(method, PathOf(route), Json()).FromConsole())
            {
                crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
                await ShouldBeRefusedAsync(crossSite, HttpStatusCode.Forbidden, "cross-site-request", what + " with Sec-Fetch-Site: cross-site");
            }

            using (var sameSite = SignedIn(method, PathOf(route), Json()).FromConsole())
            {
                sameSite.Headers.Add("Sec-Fetch-Site", "same-site"); // a sibling sub-domain is another origin
                await ShouldBeRefusedAsync(sameSite, HttpStatusCode.Forbidden, "cross-site-request", what + " with Sec-Fetch-Site: same-site");
            }

            foreach (var origin in new[] { "https://evil.example", "null", $"http://{new Uri(_host.BaseUrl).Host}.evil.example" })
            {
                using var foreign = SignedIn(method, PathOf(route), Json()).FromConsole();
                foreign.Headers.TryAddWithoutValidation("Origin", origin);
                await ShouldBeRefusedAsync(foreign, HttpStatusCode.Forbidden, "cross-site-request", what + " from Origin " + origin);
            }

            foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/jsonp" })
            {
                using var wrongType = SignedIn(method, PathOf(route), new StringContent("{}", Encoding.UTF8, type)).FromConsole();
                await ShouldBeRefusedAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "unsupported-content-type", what + " as " + type);
            }
        }
    }

    [Fact]
    public async Task The_console_s_own_requests_pass_the_check()
    {
        foreach (var (route, method) in StateChangingStaffRoutes())
        {
            using var request = SignedIn(method, PathOf(route), route.Name == "EnterPaperProposal" ? new MultipartFormDataContent() : Json()).FromConsole();
            request.Headers.Add("Origin", _host.BaseUrl.TrimEnd('/'));
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var response = await _host.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldNotContain("cross-site-request", customMessage: $"{method} {route.Name}");
            body.ShouldNotContain("unsupported-content-type", customMessage: $"{method} {route.Name}");
            ((int)response.StatusCode).ShouldBeLessThan(500, $"{method} {route.Name}: {body}");
        }
    }

    [Fact]
    public async Task A_rejected_submission_s_download_is_confirmed_only_by_the_console_s_POST()
    {
        var row = SeededSubmissions.Row(_callId, 2); // rejected
        row.Status.ShouldBe("rejected");
        await SeededSubmissions.InsertAsync(azurite.ConnectionString, [row]);
        var container = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, StorageNames.SubmissionsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(StorageNames.SubmissionBlob(_callId, row.RowKey, StorageNames.SignedScanBlob))
            .UploadAsync(BinaryData.FromString("%PDF-1.7 test"), overwrite: true);
        var path = $"/api/staff/calls/{_callId}/submissions/{row.RowKey}/documents/signedScan";

        // What an <img src="https://app/...?confirm=true"> on another site makes the browser send: a GET.
        using (var img = SignedIn("GET", path + "?confirm=true", null))
        {
            using var response = await _host.Client.SendAsync(img);
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, "a GET never confirms, whatever its query says");
        }

        using (var forged = SignedIn("POST", path, new StringContent("", Encoding.UTF8, "text/plain")))
        {
            forged.Headers.Add("Sec-Fetch-Site", "cross-site");
            await ShouldBeRefusedAsync(forged, HttpStatusCode.Forbidden, "cross-site-request", "a cross-site confirmation");
        }

        (await AuditAsync(row.RowKey)).ShouldBeEmpty("nothing forged reached the audit trail");

        using (var console = SignedIn("POST", path, null).FromConsole())
        {
            using var response = await _host.Client.SendAsync(console);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString().ShouldNotBeNullOrEmpty();
        }

        var audit = (await AuditAsync(row.RowKey)).ShouldHaveSingleItem();
        audit.GetProperty("actor").GetString().ShouldBe("can-bo@chicuc.example.vn");
    }

    private async Task<List<JsonElement>> AuditAsync(string submissionId)
    {
        using var request = SignedIn("GET", $"/api/staff/calls/{_callId}/submissions/{submissionId}", null);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("audit").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Easy_Auth_turned_off_makes_no_one_staff_by_the_principal_header_and_says_so_in_the_log()
    {
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        settings["Staff:TrustEasyAuthPrincipal"] = "true"; // the static setting still says Easy Auth is in front...
        settings["WEBSITE_AUTH_ENABLED"] = "False";         // ...but the platform says it is not
        var logs = new RecordingLoggerProvider();
        await using var host = await RunningLocalHost.StartAsync(azurite, settings, services =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(services, logs));

        logs.Lines.ShouldContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("WEBSITE_AUTH_ENABLED"), "at start-up");
        var before = logs.Lines.Count;
        using var forged = SignedIn("GET", $"/api/staff/calls/{_callId}/submissions", null);
        using var response = await host.Client.SendAsync(forged);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("/problems/staff-sign-in-unavailable");
        logs.Lines.Skip(before).ShouldContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("WEBSITE_AUTH_ENABLED"), "on the request");

        using var me = SignedIn("GET", "/api/staff/me", null);
        using var meResponse = await host.Client.SendAsync(me);
        meResponse.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        // The agency and Ministry roles ride on the same header, so a forged one is refused the same way.
        foreach (var (role, path) in new[] { ("Ministry", "/api/staff/programmes"), ("Staff.haiphong", $"/api/staff/calls/{_callId}/submissions") })
        {
            using var claimed = new HttpRequestMessage(HttpMethod.Get, path);
            claimed.Headers.Add(StaffAccess.PrincipalHeader, Principal(role));
            using var claimedResponse = await host.Client.SendAsync(claimed);
            claimedResponse.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{role} on {path}");
        }
    }

    private async Task ShouldBeRefusedAsync(HttpRequestMessage request, HttpStatusCode status, string type, string what)
    {
        using var response = await _host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"{what}: {body}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("type").GetString().ShouldBe("/problems/" + type, what);
        problem.RootElement.GetProperty("titleEn").GetString().ShouldNotBeNullOrEmpty();
    }

    private static StringContent Json() => new("{}", Encoding.UTF8, "application/json");

    private static string Principal(string role) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $"{{\"auth_typ\":\"aad\",\"role_typ\":\"roles\",\"claims\":[{{\"typ\":\"roles\",\"val\":\"{role}\"}}]}}"));
}
