using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>What a new user does with curl against the running local host, triggers and all.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class SubmissionEndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public SubmissionEndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Client => _host.Client;

    [Fact]
    public async Task A_posted_proposal_is_accepted_validated_classified_and_receipted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{_callId}/submissions") { Content = SampleProposal.Multipart() };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var submissionId = receipt.GetProperty("submissionId").GetString()!;
        var receiptNumber = receipt.GetProperty("receiptNumber").GetString()!;
        receipt.GetProperty("status").GetString().ShouldBe("received");
        receipt.GetProperty("trackingToken").GetString()!.Length.ShouldBeGreaterThan(40);
        var token = receipt.GetProperty("trackingToken").GetString()!;
        receipt.GetProperty("statusUrl").GetString().ShouldBe($"{_host.BaseUrl}/api/submissions/{submissionId}");
        receipt.GetProperty("statusPageUrl").GetString().ShouldEndWith($"/status.html#submission={submissionId}&token={Uri.EscapeDataString(token)}");
        response.Headers.Location!.ToString().ShouldNotContain(token);

        var status = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var answer = await Client.GetStatusAsync(submissionId, token);
            var current = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return current.GetProperty("status").GetString() == "classified" ? current.GetRawText() : null;
        }, TimeSpan.FromSeconds(45), "the submission to be classified");
        JsonDocument.Parse(status).RootElement.GetProperty("receiptNumber").GetString().ShouldBe(receiptNumber);

        var email = await RunningLocalHost.EventuallyAsync(
            () => Task.FromResult(_host.OutboxFiles().Select(File.ReadAllText).FirstOrDefault(t => t.Contains(receiptNumber))),
            TimeSpan.FromSeconds(10), "the receipt email");
        email.ShouldContain("Số tiếp nhận: " + receiptNumber);

        using var wrongToken = await Client.GetStatusAsync(submissionId, "guess");
        wrongToken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        wrongToken.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var staffRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{_callId}/submissions");
        staffRequest.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        using var staff = await Client.SendAsync(staffRequest);
        staff.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = (await staff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single(s => s.GetProperty("submissionId").GetString() == submissionId);
        listed.GetProperty("status").GetString().ShouldBe("classified");
        listed.GetProperty("enterpriseSize").GetString().ShouldBe("small");
        listed.GetProperty("regionId").GetString().ShouldBe("red-river-delta");
    }

    [Fact]
    public async Task Serves_the_form_and_the_call_it_renders()
    {
        using var page = await Client.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<form");

        var call = await Client.GetFromJsonAsync<JsonElement>($"/api/calls/{_callId}");
        call.GetProperty("isOpen").GetBoolean().ShouldBeTrue();
        call.GetProperty("priorityAreas").GetArrayLength().ShouldBe(5);
        call.GetProperty("provinces").GetArrayLength().ShouldBe(34, "a call open today: the 34 units of 2025");
        call.GetProperty("provinces").EnumerateArray().First().GetString().ShouldBe("An Giang", "in Vietnamese order");
        call.GetProperty("mergedProvinces").EnumerateArray().ShouldContain(m => m.GetProperty("name").GetString() == "Hải Dương");
        call.GetProperty("vsic").GetProperty("version").GetString().ShouldBe("vsic-2025");
    }

    [Fact]
    public async Task Serves_the_calls_Word_template_generated_from_its_form_definition()
    {
        using var response = await Client.GetAsync($"/api/calls/{_callId}/form-template.docx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        response.Content.Headers.ContentDisposition!.FileName.ShouldNotBeNull().ShouldContain(".docx");
        var template = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var content = Pipeline.Documents.WordFormReader.TryRead(template, 10 * 1024 * 1024).ShouldNotBeNull();
        content.FollowsTemplate.ShouldBeTrue();
        content.ValuesByTag.Keys.ShouldContain("taskName");
        content.ValuesByTag.Keys.ShouldContain("taxCode");
    }

    [Fact]
    public async Task Bad_fields_get_a_400_problem_listing_each_field_in_both_languages()
    {
        var fields = SampleProposal.Fields(f => f["taxCode"] = "0100233480");
        using var response = await Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart(fields));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
        var error = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("field").GetString().ShouldBe("taxCode");
        error.GetProperty("vi").GetString()!.ShouldContain("Mã số thuế");
        error.GetProperty("en").GetString()!.ShouldContain("tax code");
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_gets_a_400_problem()
    {
        using var response = await Client.PostAsync($"/api/calls/{_callId}/submissions",
            new StringContent("{\"taxCode\":\"0100233488\"}", Encoding.UTF8, "application/json"));
        await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task Malformed_multipart_gets_a_400_problem()
    {
        var body = new StringContent("--other\r\nContent-Disposition: form-data; name=\"taxCode\"\r\n\r\n0100233488\r\n");
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=expected");
        using var response = await Client.PostAsync($"/api/calls/{_callId}/submissions", body);
        await ProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_a_413_problem()
    {
        var content = SampleProposal.Multipart(pdf: new byte[22 * 1024 * 1024]);
        using var response = await Client.PostAsync($"/api/calls/{_callId}/submissions", content);
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "/problems/too-large");
    }

    [Fact]
    public async Task A_PDF_that_is_an_executable_gets_a_415_problem()
    {
        using var response = await Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart(pdf: SampleDocuments.Executable()));
        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "/problems/unsupported-document");
    }

    [Fact]
    public async Task The_closed_Hai_Phong_call_refuses_with_its_deadline_in_Vietnam_time()
    {
        using var response = await Client.PostAsync("/api/calls/haiphong-2024/submissions", SampleProposal.Multipart());
        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "/problems/call-closed");
        problem.GetProperty("detail").GetString()!.ShouldContain("22/04/2023 00:00 (giờ Việt Nam)");
        problem.GetProperty("detailEn").GetString()!.ShouldContain("2023-04-22 00:00 (Vietnam time, UTC+7)");
    }

    [Fact]
    public async Task An_unknown_call_is_a_404_problem()
    {
        using var response = await Client.PostAsync("/api/calls/no-such-call/submissions", SampleProposal.Multipart());
        await ProblemAsync(response, HttpStatusCode.NotFound, "/problems/call-not-found");
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", null, HttpStatusCode.Forbidden)]
    [InlineData(null, "eyJjbGFpbXMiOlt7InR5cCI6InJvbGVzIiwidmFsIjoiU3RhZmYifV19", HttpStatusCode.Unauthorized)]
    public async Task Staff_routes_refuse_requests_without_staff_credentials(string? key, string? forgedPrincipal, HttpStatusCode expected)
    {
        foreach (var path in new[] { $"/api/staff/calls/{_callId}/submissions", $"/api/staff/calls/{_callId}/report" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (key is not null)
            {
                request.Headers.Add("x-staff-key", key);
            }

            if (forgedPrincipal is not null)
            {
                request.Headers.Add("x-ms-client-principal", forgedPrincipal);
            }

            using var response = await Client.SendAsync(request);
            response.StatusCode.ShouldBe(expected);
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe(type);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("titleEn").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }
}
