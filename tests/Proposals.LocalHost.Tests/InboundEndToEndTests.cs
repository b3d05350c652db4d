using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The inbound webhook through the running local host, with requests built as SendGrid Inbound Parse builds
/// them: the secret, a Vietnamese subject in a legacy charset and Vietnamese file names, a redelivery, staff
/// accepting it over the API until it is classified, the unmatched list, and a proposal entered from paper.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class InboundEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "inbound-test-secret-0123456789";
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        settings["Inbound:Secret"] = Secret;
        _host = await RunningLocalHost.StartAsync(azurite, settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_emailed_proposal_is_received_once_completed_by_staff_and_classified()
    {
        var answers = SampleProposal.Fields(f => f["taxCode"] = SampleProposal.UniqueTaxCode());
        var email = SampleEmails.Email(TestCalls.InboundAddress(_callId), [SampleEmails.WordForm(answers), SampleEmails.Scan()],
            subject: "Đề xuất nhiệm vụ năm 2024 – Công ty Cơ khí");

        // Without the secret, or with another: 401 and nothing stored.
        using (var anonymous = await PostAsync(email, password: null))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var wrong = await PostAsync(email, password: "guess"))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await StaffGetAsync($"/api/staff/calls/{_callId}/submissions")).GetProperty("total").GetInt32().ShouldBe(0);

        // The subject in windows-1258 (Vietnamese), as SendGrid passes a legacy charset on, named in "charsets".
        using var accepted = await PostAsync(email, Secret, subjectCharset: "windows-1258");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var answer = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("outcome").GetString().ShouldBe("submission");
        var receiptNumber = answer.GetProperty("receiptNumber").GetString()!;

        using var redelivered = await PostAsync(email, Secret, subjectCharset: "windows-1258");
        (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("already-received");

        // The staff list follows the table's change feed within a refresh interval.
        var listed = JsonDocument.Parse(await RunningLocalHost.EventuallyAsync(async () =>
            (await StaffGetAsync($"/api/staff/calls/{_callId}/submissions?status=needsReview")).GetProperty("items").EnumerateArray().SingleOrDefault() is { ValueKind: JsonValueKind.Object } item
                ? item.GetRawText() : null, TimeSpan.FromSeconds(10), "the emailed proposal in the staff list")).RootElement;
        listed.GetProperty("source").GetString().ShouldBe("email");
        var id = listed.GetProperty("submissionId").GetString()!;
        var detail = await StaffGetAsync($"/api/staff/calls/{_callId}/submissions/{id}");
        detail.GetProperty("email").GetProperty("subject").GetString().ShouldBe("Đề xuất nhiệm vụ năm 2024 – Công ty Cơ khí");
        detail.GetProperty("email").GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("name").GetString())
            .ShouldBe(["Phiếu đề xuất - Cơ khí Hải Phòng.docx", "Bản quét có chữ ký.pdf"]);
        var fields = detail.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        fields["taskName"].ShouldBe(answers["taskName"]);

        using var accept = await StaffPostAsync($"/api/staff/calls/{_callId}/submissions/{id}/accept", new { fields });
        accept.StatusCode.ShouldBe(HttpStatusCode.OK, await accept.Content.ReadAsStringAsync());
        await RunningLocalHost.EventuallyAsync(async () =>
            (await StaffGetAsync($"/api/staff/calls/{_callId}/submissions/{id}")).GetProperty("submission").GetProperty("status").GetString() == "classified" ? "yes" : null,
            TimeSpan.FromSeconds(45), "the accepted email to be classified");
        var emails = _host.OutboxFiles().Select(File.ReadAllText).ToList();
        emails.ShouldContain(m => m.Contains("Số tiếp nhận: " + receiptNumber) && m.Contains("To: binh.tran@cokhi-hp.vn"), "the acknowledgement, then the receipt");
    }

    [Fact]
    public async Task Mail_for_no_call_is_listed_for_staff_with_what_it_carried()
    {
        var email = SampleEmails.Email("hopthu-chung@dexuat.localhost", [SampleEmails.Scan()]);
        using var posted = await PostAsync(email, Secret);
        (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString().ShouldBe("no-call");

        var unmatched = (await StaffGetAsync("/api/staff/inbound/unmatched")).GetProperty("emails").EnumerateArray()
            .Single(e => e.GetProperty("emailId").GetString() == email.Key);
        unmatched.GetProperty("reasonVi").GetString().ShouldBe("Gửi tới địa chỉ không thuộc đợt tiếp nhận nào");
        var file = unmatched.GetProperty("files").EnumerateArray().Last();
        file.GetProperty("name").GetString().ShouldBe("Bản quét có chữ ký.pdf");
        var link = await StaffGetAsync($"/api/staff/inbound/unmatched/{email.Key}/files/{file.GetProperty("file").GetString()}");
        using var anonymous = new HttpClient();
        (await anonymous.GetByteArrayAsync(link.GetProperty("url").GetString())).ShouldBe(SampleDocuments.Pdf());
    }

    [Fact]
    public async Task Staff_enter_a_proposal_that_came_on_paper()
    {
        var form = SampleProposal.Multipart(SampleProposal.FieldsOfAnotherEnterprise());
        form.Add(new StringContent(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "paperReceivedOn");
        using var anonymous = await _host.Client.PostAsync($"/api/calls/{_callId}/paper", form);
        anonymous.StatusCode.ShouldBeOneOf([HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed], "the public has no paper route");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/calls/{_callId}/paper") { Content = form }.WithStaffKey();
        using var entered = await _host.Client.SendAsync(request);
        entered.StatusCode.ShouldBe(HttpStatusCode.Accepted, await entered.Content.ReadAsStringAsync());
        var id = (await entered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!;
        var detail = await StaffGetAsync($"/api/staff/calls/{_callId}/submissions/{id}");
        detail.GetProperty("submission").GetProperty("source").GetString().ShouldBe("paper");
        detail.GetProperty("audit").EnumerateArray().ShouldHaveSingleItem().GetProperty("action").GetString().ShouldBe("enter-paper");
    }

    private async Task<HttpResponseMessage> PostAsync(Pipeline.Inbound.InboundEmail email, string? password, string subjectCharset = "UTF-8")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/email") { Content = SampleEmails.Multipart(email, subjectCharset) };
        if (password is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sendgrid:" + password)));
        }

        return await _host.Client.SendAsync(request);
    }

    private async Task<JsonElement> StaffGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> StaffPostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }.WithStaffKey();
        return await _host.Client.SendAsync(request);
    }
}
