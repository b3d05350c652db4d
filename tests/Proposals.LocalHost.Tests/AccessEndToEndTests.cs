using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>Who may see what: rate limits, staff credentials, the status lookup, report links, containers.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class AccessEndToEndTests(AzuriteFixture azurite)
{
    private readonly string _callId = TestCalls.NewId();

    [Fact]
    public async Task Intake_status_and_staff_routes_answer_429_with_Retry_After_past_their_limits()
    {
        await using var host = await StartAsync(new()
        {
            ["RateLimits:IntakePerMinute"] = "3",
            ["RateLimits:StatusPerMinute"] = "2",
            ["RateLimits:StaffPerMinute"] = "2",
        });

        async Task<HttpResponseMessage> Intake() =>
            await host.Client.PostAsync($"/api/calls/{_callId}/submissions", new StringContent("{}", Encoding.UTF8, "application/json"));
        async Task<HttpResponseMessage> Status() => await host.Client.GetStatusAsync(new string('a', 32), "guess");
        async Task<HttpResponseMessage> Staff() => await host.Client.SendAsync(StaffRequest($"/api/staff/calls/{_callId}/submissions"));

        foreach (var (send, limit, allowed) in new (Func<Task<HttpResponseMessage>>, int, HttpStatusCode)[]
                 {
                     (Intake, 3, HttpStatusCode.BadRequest), (Status, 2, HttpStatusCode.NotFound), (Staff, 2, HttpStatusCode.OK),
                 })
        {
            for (var i = 0; i < limit; i++)
            {
                using var within = await send();
                within.StatusCode.ShouldBe(allowed);
            }

            using var over = await send();
            over.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            over.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            over.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(1, 60);
            var problem = await over.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("type").GetString().ShouldBe("/problems/too-many-requests");
            problem.GetProperty("title").GetString().ShouldBe("Quá nhiều yêu cầu");
            problem.GetProperty("titleEn").GetString().ShouldBe("Too many requests");
        }
    }

    [Fact]
    public async Task A_forwarded_for_header_buys_a_client_no_new_budget()
    {
        async Task<HttpStatusCode> Post(RunningLocalHost host, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{_callId}/submissions")
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await host.Client.SendAsync(request);
            return response.StatusCode;
        }

        await using var host = await StartAsync(new() { ["RateLimits:IntakePerMinute"] = "1" });
        (await Post(host, "203.0.113.7")).ShouldBe(HttpStatusCode.BadRequest);
        (await Post(host, "198.51.100.9")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await Post(host, "1.2.3.4, 198.51.100.10")).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("Staff", HttpStatusCode.OK)]
    [InlineData("Reader", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    public async Task Behind_Easy_Auth_a_principal_needs_the_staff_role(string? role, HttpStatusCode expected)
    {
        await using var host = await StartAsync(new() { ["Staff:TrustEasyAuthPrincipal"] = "true", ["WEBSITE_AUTH_ENABLED"] = "True" });
        var principal = role is null
            ? "not base64 at all!"
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $"{{\"auth_typ\":\"aad\",\"role_typ\":\"roles\",\"claims\":[{{\"typ\":\"roles\",\"val\":\"{role}\"}},{{\"typ\":\"name\",\"val\":\"Cán bộ\"}}]}}"));
        foreach (var path in new[] { $"/api/staff/calls/{_callId}/submissions", $"/api/staff/calls/{_callId}/report" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("x-ms-client-principal", principal);
            using var response = await host.Client.SendAsync(request);
            response.StatusCode.ShouldBe(expected);
        }

        using var anonymous = await host.Client.GetAsync($"/api/staff/calls/{_callId}/submissions");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_status_lookup_needs_the_token_and_does_not_reveal_whether_the_id_exists()
    {
        await using var host = await StartAsync([]);
        using var posted = await host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart());
        var receipt = await posted.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("submissionId").GetString()!;
        var token = receipt.GetProperty("trackingToken").GetString()!;
        var unknownId = string.Concat(id.Reverse());

        using (var right = await host.Client.GetStatusAsync(id, token))
        {
            right.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The token in the query string, where it would be logged, is not accepted.
        using (var inQuery = await host.Client.GetAsync($"/api/submissions/{id}?token={Uri.EscapeDataString(token)}"))
        {
            inQuery.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var answers = new List<string>();
        foreach (var (submission, presented) in new (string, string?)[]
                 {
                     (id, "wrong"), (id, null), (id, ""), (unknownId, token), (unknownId, "wrong"),
                 })
        {
            using var response = await host.Client.GetStatusAsync(submission, presented);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("instance"); // the path asked for, echoed back
            answers.Add(body.ToJsonString());
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldContain("/problems/submission-not-found");
    }

    [Fact]
    public async Task Report_links_are_read_only_and_expire_within_the_configured_lifetime()
    {
        await using var host = await StartAsync(new() { ["Pipeline:DownloadLinkLifetime"] = "00:05:00" });
        var reports = new BlobContainerClient(azurite.ConnectionString, "reports");
        await reports.GetBlobClient($"{_callId}/r001/{_callId}-tong-hop-de-xuat.xlsx").UploadAsync(BinaryData.FromString("report"));

        var asked = DateTimeOffset.UtcNow;
        using var response = await host.Client.SendAsync(StaffRequest($"/api/staff/calls/{_callId}/report"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var file = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("files").EnumerateArray().ShouldHaveSingleItem();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(file.GetProperty("url").GetString()!).Query);
        query["sp"].ShouldBe("r");
        var expiresAt = DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        expiresAt.ShouldBeGreaterThan(asked);
        expiresAt.ShouldBeLessThanOrEqualTo(asked + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5));

        using var anonymous = new HttpClient();
        using var download = await anonymous.GetAsync(file.GetProperty("url").GetString());
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var withoutSignature = await anonymous.GetAsync(reports.GetBlobClient($"{_callId}/r001/{_callId}-tong-hop-de-xuat.xlsx").Uri);
        ((int)withoutSignature.StatusCode).ShouldBeInRange(400, 499);
    }

    [Fact]
    public async Task No_storage_container_allows_anonymous_access()
    {
        await using var host = await StartAsync([]);
        var service = new BlobServiceClient(azurite.ConnectionString);
        var names = new List<string>();
        await foreach (var container in service.GetBlobContainersAsync())
        {
            names.Add(container.Name);
            container.Properties.PublicAccess.GetValueOrDefault(PublicAccessType.None).ShouldBe(PublicAccessType.None, container.Name);
            (await service.GetBlobContainerClient(container.Name).GetAccessPolicyAsync()).Value.BlobPublicAccess.ShouldBe(PublicAccessType.None, container.Name);
        }

        names.ShouldContain("submissions");
        names.ShouldContain("reports");
    }

    [Fact]
    public async Task The_local_host_grants_no_cross_origin_access_the_form_calls_the_API_from_its_own_origin()
    {
        await using var host = await StartAsync([]);

        async Task<HttpResponseMessage> Preflight(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/calls/{_callId}/submissions");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "idempotency-key");
            return await host.Client.SendAsync(request);
        }

        // Another site, and even the form's own origin: the local host serves form and API from one origin,
        // so it has no CORS policy and a browser refuses every cross-origin call.
        foreach (var origin in new[] { "https://evil.example", host.BaseUrl })
        {
            using var preflight = await Preflight(origin);
            preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse($"preflight from {origin}: {(int)preflight.StatusCode}");
            preflight.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse();
        }

        using var crossOriginGet = new HttpRequestMessage(HttpMethod.Get, $"/api/calls/{_callId}");
        crossOriginGet.Headers.Add("Origin", "https://evil.example");
        using var answer = await host.Client.SendAsync(crossOriginGet);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private Task<RunningLocalHost> StartAsync(Dictionary<string, string?> settings)
    {
        var all = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return RunningLocalHost.StartAsync(azurite, all);
    }

    private static HttpRequestMessage StaffRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        return request;
    }
}
