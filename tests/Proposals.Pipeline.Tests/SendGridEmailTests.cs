using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Email;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>The real SendGrid client against a local stand-in for its API: retries, refusals, the ledger.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class SendGridEmailTests : IAsyncLifetime, IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private SendGridStandIn _sendGrid = null!;
    private PipelineServices _pipeline = null!;

    public SendGridEmailTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        FakeTimeProvider? clock = null;
        _sendGrid = new SendGridStandIn(() => clock!.GetUtcNow());
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        settings["Email:SendGridApiKey"] = "SG.test-key";
        settings["Email:SendGridHost"] = _sendGrid.Url;
        settings["Email:FromAddress"] = "tiepnhan@chicuc.test";
        settings["Email:MaxPerRecipientPerHour"] = "3";
        _pipeline = await PipelineServices.StartAsync(_azurite, DateTimeOffset.UtcNow, settings);
        clock = _pipeline.Clock;
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    public void Dispose() => _sendGrid.Dispose();

    private static EmailMessage Message() =>
        new(["binh.tran@cokhi-hp.vn"], "[HP24-000001] Xác nhận đã nhận đề xuất", "Nội dung", "<p>Nội dung</p>");

    [Fact]
    public async Task Sends_through_the_SendGrid_API_with_the_key()
    {
        var entry = await SendOnceAsync("s1");
        entry.State.ShouldBe(EmailLedgerEntry.Sent);
        var request = _sendGrid.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/v3/mail/send");
        request.Authorization.ShouldBe("Bearer SG.test-key");
        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("from").GetProperty("email").GetString().ShouldBe("tiepnhan@chicuc.test");
        body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString().ShouldBe("binh.tran@cokhi-hp.vn");
        body.GetProperty("subject").GetString().ShouldBe("[HP24-000001] Xác nhận đã nhận đề xuất");
        _pipeline.OutboxFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_429_is_retried_after_the_time_in_Retry_After()
    {
        _sendGrid.Then(429, ("Retry-After", "7"));
        var entry = await SendOnceAsync("s2");
        entry.State.ShouldBe(EmailLedgerEntry.Sent);
        var requests = _sendGrid.Requests.ToArray();
        requests.Length.ShouldBe(2);
        (requests[1].At - requests[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        _sendGrid.Then(500);
        _sendGrid.Then(503);
        var entry = await SendOnceAsync("s3");
        entry.State.ShouldBe(EmailLedgerEntry.Sent);
        entry.Attempts.ShouldBe(1); // one ledger attempt, three HTTP tries inside it
        _sendGrid.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_is_recorded_and_a_redelivery_sends_nothing()
    {
        _sendGrid.Then(400);
        var entry = await SendOnceAsync("s4");
        entry.State.ShouldBe(EmailLedgerEntry.Failed);
        entry.Detail!.ShouldContain("400");
        _sendGrid.Requests.Count.ShouldBe(1);

        (await SendOnceAsync("s4")).State.ShouldBe(EmailLedgerEntry.Failed);
        _sendGrid.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task When_every_try_fails_the_ledger_allows_a_later_delivery_to_try_again()
    {
        for (var i = 0; i < 4; i++)
        {
            _sendGrid.Then(500);
        }

        (await SendOnceAsync("s5")).State.ShouldBe(EmailLedgerEntry.FailedRetryable);
        (await SendOnceAsync("s5")).State.ShouldBe(EmailLedgerEntry.Sent);
        _sendGrid.Requests.Count.ShouldBe(5);
    }

    [Fact]
    public async Task One_address_gets_at_most_its_hourly_allowance_of_emails_to_enterprises()
    {
        var address = $"flooded-{Guid.NewGuid():N}@example.com";
        var ledger = _pipeline.Get<EmailLedger>();
        var states = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var entry = await ledger.SendOnceAsync($"flood-{address}-{i}", ReceiptEmail.Kind,
                () => new EmailMessage([address], "Xác nhận", "Nội dung", "<p>Nội dung</p>"), default, limitPerRecipient: true);
            states.Add(entry.State);
        }

        states.ShouldBe([EmailLedgerEntry.Sent, EmailLedgerEntry.Sent, EmailLedgerEntry.Sent, EmailLedgerEntry.Suppressed]);
        _sendGrid.Requests.Count(r => r.Body.Contains(address, StringComparison.Ordinal)).ShouldBe(3);

        // The allowance is kept under the address's hash: the address itself is not in it.
        var table = _pipeline.Get<Storage.PipelineStorage>().EmailLedgerTable;
        var slots = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var slot in table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey.CompareTo("recipient~") >= 0 && e.PartitionKey.CompareTo("recipient~~") < 0))
        {
            slots.Add(slot);
        }

        slots.ShouldNotBeEmpty();
        slots.ShouldAllBe(e => !e.PartitionKey.Contains("flooded", StringComparison.Ordinal));

        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        (await ledger.SendOnceAsync($"flood-{address}-next-hour", ReceiptEmail.Kind,
            () => new EmailMessage([address], "Xác nhận", "Nội dung", "<p>Nội dung</p>"), default, limitPerRecipient: true)).State.ShouldBe(EmailLedgerEntry.Sent);

        // The retention timer deletes the slots of hours past: the first hour's three go, the last hour's one stays.
        var partition = "recipient~" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address)));
        async Task<int> SlotsAsync() => await table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == partition).CountAsync();
        (await SlotsAsync()).ShouldBe(4);
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        await _pipeline.Get<Proposals.Pipeline.Retention.RetentionPurge>().RunAsync(default);
        (await SlotsAsync()).ShouldBe(1);
    }

    /// <summary>Runs the send while moving the fake clock, so waits pass without real sleeping.</summary>
    private async Task<EmailLedgerEntry> SendOnceAsync(string scope)
    {
        var send = _pipeline.Get<EmailLedger>().SendOnceAsync(scope, ReceiptEmail.Kind, Message, default);
        while (!send.IsCompleted)
        {
            await Task.WhenAny(send, Task.Delay(20));
            _pipeline.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return await send;
    }
}
