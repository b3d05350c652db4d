using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>Logs name submissions by id; a submitter's email address and phone number never appear in them.</summary>
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
}
