using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Logs name submissions by id; a submitter's names, email address, phone number and tax code never appear in them, over a
/// run from intake to the purge (export, correction, erasure, closeout, archive confirmation). The report's manifest and
/// the staff email carry ids and counts, no contact details.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class LogPrivacyEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task The_logs_of_a_full_submission_carry_its_id_but_not_the_contact_email_or_phone()
    {
        var callId = TestCalls.NewId();
        var recorder = new RecordingLoggerProvider();
        await using var host = await RunningLocalHost.StartAsync(azurite, TestCalls.Settings(callId, DateTimeOffset.UtcNow.AddDays(30)),
            services => services.AddSingleton<ILoggerProvider>(recorder));
        const string Email = "lan.pham@thep-hp.vn";
        const string Phone = "0912 345 678";
        var fields = SampleProposal.Fields(f => (f["contactEmail"], f["contactPhone"]) = (Email, Phone));

        using var posted = await host.Client.PostAsync($"/api/calls/{callId}/submissions", SampleProposal.Multipart(fields));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await posted.Content.ReadFromJsonAsync<JsonElement>();
        var submissionId = receipt.GetProperty("submissionId").GetString()!;
        var receiptNumber = receipt.GetProperty("receiptNumber").GetString()!;
        await RunningLocalHost.EventuallyAsync(
            () => Task.FromResult(host.OutboxFiles().Any(f => File.ReadAllText(f).Contains(receiptNumber)) ? "sent" : null),
            TimeSpan.FromSeconds(45), "the receipt email");

        var lines = recorder.Lines.ToList();
        output.WriteLine($"{lines.Count} log lines recorded; {lines.Count(l => l.Contains(submissionId, StringComparison.Ordinal))} name the submission id");
        lines.ShouldContain(l => l.Contains(submissionId, StringComparison.Ordinal));
        string[] personal = [Email, "lan.pham", Phone, Phone.Replace(" ", string.Empty, StringComparison.Ordinal), "912345678"];
        foreach (var secret in personal)
        {
            lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty($"logs revealing {secret}");
        }
    }

    [Fact]
    public async Task A_run_from_intake_to_purge_logs_no_name_email_phone_or_tax_code_and_the_manifest_and_staff_email_carry_none()
    {
        var callId = TestCalls.NewId();
        var settings = TestCalls.Settings(callId, DateTimeOffset.UtcNow.AddSeconds(30), "canbo@chicuc.test");
        settings[$"Calls:{callId}:PrivacyNotice:Version"] = "t-2026-01";
        settings[$"Calls:{callId}:Retention:DaysAfterDeadline"] = "0"; // the test configuration: purged once confirmed
        settings[$"Calls:{callId}:Retention:Basis"] = "Cấu hình thử nghiệm";
        var recorder = new RecordingLoggerProvider();
        await using var host = await RunningLocalHost.StartAsync(azurite, settings, services => services.AddSingleton<ILoggerProvider>(recorder));
        var (taxA, taxB) = (SampleProposal.UniqueTaxCode(), SampleProposal.UniqueTaxCode());
        var people = new[]
        {
            (Tax: taxA, Enterprise: "Công ty TNHH Thép Quỳnh Lâm", Representative: "Phạm Quỳnh Lâm", Contact: "Đỗ Hằng Nga", Email: "hang.nga.do@thep-lam.vn", Phone: "0913 246 802"),
            (Tax: taxB, Enterprise: "Công ty CP Đóng tàu Minh Khoa", Representative: "Vương Đình Phúc", Contact: "Lưu Minh Khoa", Email: "minh.khoa@dong-tau.vn", Phone: "0987 654 321"),
        };
        var ids = new List<string>();
        foreach (var p in people)
        {
            var fields = SampleProposal.Fields(f => (f["taxCode"], f["enterpriseName"], f["legalRepresentative"], f["contactName"], f["contactEmail"], f["contactPhone"]) =
                (p.Tax, p.Enterprise, p.Representative, p.Contact, p.Email, p.Phone));
            using var posted = await host.Client.PostAsync($"/api/calls/{callId}/submissions", SampleProposal.Multipart(fields));
            posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            ids.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetString()!);
        }

        foreach (var p in people)
        {
            var receipt = await RunningLocalHost.EventuallyAsync(
                () => Task.FromResult(host.OutboxFiles().Select(File.ReadAllText).FirstOrDefault(t => t.Contains("To: " + p.Email, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(45), "the receipt email");
            receipt.ShouldContain($"privacy.html?call={callId}", customMessage: "the receipt email links the notice");
        }

        // Export: one ZIP, with the notice version the form showed.
        using (var export = await StaffAsync(host, HttpMethod.Get, $"/api/staff/personal-data?taxCode={taxA}"))
        {
            export.StatusCode.ShouldBe(HttpStatusCode.OK);
            export.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
            using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            var index = JsonDocument.Parse(zip.GetEntry("index.json")!.Open()).RootElement;
            var listed = index.GetProperty("submissions").EnumerateArray().ShouldHaveSingleItem();
            listed.GetProperty("submissionId").GetString().ShouldBe(ids[0]);
            listed.GetProperty("privacyNoticeVersion").GetString().ShouldBe("t-2026-01");
        }

        (await StaffAsync(host, HttpMethod.Post, $"/api/staff/calls/{callId}/submissions/{ids[0]}/contact",
            new { fields = new { contactPhone = "0913 246 803" }, reason = "Doanh nghiệp báo đổi số điện thoại" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StaffAsync(host, HttpMethod.Post, $"/api/staff/calls/{callId}/submissions/{ids[1]}/exclusion",
            new { reason = "withdrawn", note = "Thư rút hồ sơ" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StaffAsync(host, HttpMethod.Post, $"/api/staff/calls/{callId}/submissions/{ids[1]}/erasure", new { note = "Theo thư đề nghị" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The deadline passes: the report, its manifest and the staff email name no one.
        var report = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var response = await StaffAsync(host, HttpMethod.Get, $"/api/staff/calls/{callId}/report");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("ready").GetBoolean() ? body.GetRawText() : null;
        }, TimeSpan.FromSeconds(90), "the closeout report");
        var manifestUrl = JsonDocument.Parse(report).RootElement.GetProperty("revisions")[0].GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString()!.EndsWith("manifest.json", StringComparison.Ordinal)).GetProperty("url").GetString()!;
        using var download = new HttpClient();
        var manifest = await download.GetStringAsync(manifestUrl);
        var staffEmail = await RunningLocalHost.EventuallyAsync(
            () => Task.FromResult(host.OutboxFiles().Select(File.ReadAllText).FirstOrDefault(t => t.Contains("To: canbo@chicuc.test", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(15), "the staff email");
        var personal = people.SelectMany(p => new[]
        {
            p.Tax, p.Enterprise, p.Representative, p.Contact, p.Email, p.Email.Split('@')[0], p.Phone,
            p.Phone.Replace(" ", string.Empty, StringComparison.Ordinal), p.Phone.Replace(" ", string.Empty, StringComparison.Ordinal)[1..],
        }).Append("0913 246 803").Append("0913246803").ToList();
        foreach (var secret in personal)
        {
            manifest.ShouldNotContain(secret, Case.Insensitive, $"the manifest reveals {secret}");
            staffEmail.ShouldNotContain(secret, Case.Insensitive, $"the staff email reveals {secret}");
        }

        // After the report the counted proposal may not be erased: refused with its basis. Then the archive is confirmed and the timer purges.
        using (var refused = await StaffAsync(host, HttpMethod.Post, $"/api/staff/calls/{callId}/submissions/{ids[0]}/erasure", new { }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("/problems/erasure-refused");
        }

        (await StaffAsync(host, HttpMethod.Post, $"/api/staff/calls/{callId}/retention/archived", new { note = "Lưu tại Văn thư" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var purged = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var response = await StaffAsync(host, HttpMethod.Get, $"/api/staff/calls/{callId}/retention");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("state").GetString() == "purged" ? body.GetRawText() : null;
        }, TimeSpan.FromSeconds(30), "the purge");
        output.WriteLine(purged);
        JsonDocument.Parse(purged).RootElement.GetProperty("counts").GetProperty("submissions").GetInt32().ShouldBe(2);

        var lines = recorder.Lines.ToList();
        output.WriteLine($"{lines.Count} log lines recorded over the run");
        foreach (var secret in personal)
        {
            lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty($"logs revealing {secret}");
        }
    }

    private static async Task<HttpResponseMessage> StaffAsync(RunningLocalHost host, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.WithStaffKey();
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await host.Client.SendAsync(request);
    }
}
