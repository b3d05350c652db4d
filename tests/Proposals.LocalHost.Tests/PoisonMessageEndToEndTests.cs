using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Proposals.Domain.Submissions;
using Proposals.Pipeline;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// A classify message that fails on every try, run by the real queue trigger: it lands in
/// <c>classify-poison</c> after five tries, staff see it with the reason, fix the cause and replay it.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class PoisonMessageEndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public PoisonMessageEndToEndTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_classification_that_always_fails_ends_in_poison_is_listed_for_staff_and_replays_once_fixed()
    {
        using var accepted = await _host.Client.PostAsync($"/api/calls/{_callId}/submissions", SampleProposal.Multipart());
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var submissionId = receipt.GetProperty("submissionId").GetString()!;
        var receiptNumber = receipt.GetProperty("receiptNumber").GetString()!;
        await StatusAsync(submissionId, "classified");

        // The fault: classify cannot read the submitted fields on any try. (Not "not validated yet":
        // the local host's sweep would rightly validate such a row and heal it by itself.)
        var table = new TableClient(_azurite.ConnectionString, StorageNames.SubmissionsTable);
        var fields = new BlobClient(_azurite.ConnectionString, StorageNames.SubmissionsContainer, StorageNames.SubmissionBlob(_callId, submissionId, StorageNames.SubmissionFieldsBlob));
        var saved = (await fields.DownloadContentAsync()).Value.Content;
        await fields.DeleteAsync();
        await SetRowAsync(table, submissionId, SubmissionStatus.Validated);
        var queue = new QueueClient(_azurite.ConnectionString, StorageNames.ClassifyQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync(ClassifyMessage.Serialize(new(_callId, submissionId)));

        var poisoned = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var stuck = await StaffAsync(HttpMethod.Get, $"/api/staff/calls/{_callId}/stuck");
            var listed = (await stuck.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissions").EnumerateArray()
                .SingleOrDefault(s => s.GetProperty("submissionId").GetString() == submissionId && s.GetProperty("poisoned").GetBoolean());
            return listed.ValueKind == JsonValueKind.Object ? listed.GetRawText() : null;
        }, TimeSpan.FromSeconds(40), "the message to reach classify-poison");
        var view = JsonDocument.Parse(poisoned).RootElement;
        view.GetProperty("receiptNumber").GetString().ShouldBe(receiptNumber);
        view.GetProperty("status").GetString().ShouldBe("validated");
        view.GetProperty("classifyFailures").GetInt32().ShouldBe(PipelineOptions.ClassifyMaxDequeueCount);
        view.GetProperty("lastError").GetString()!.ShouldContain("BlobNotFound");

        using var anonymous = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/{submissionId}/replay").FromConsole());
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await fields.UploadAsync(saved); // fixed
        using (var replay = await StaffAsync(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/{submissionId}/replay"))
        using (var again = await StaffAsync(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/{submissionId}/replay"))
        using (var unknown = await StaffAsync(HttpMethod.Post, $"/api/staff/calls/{_callId}/submissions/0123456789abcdef/replay"))
        {
            replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        await StatusAsync(submissionId, "classified");
        var poison = new QueueClient(_azurite.ConnectionString, StorageNames.ClassifyPoisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        (await poison.PeekMessagesAsync(32)).Value.ShouldNotContain(m => m.MessageText.Contains(submissionId));
        using var after = await StaffAsync(HttpMethod.Get, $"/api/staff/calls/{_callId}/stuck");
        (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissions").GetArrayLength().ShouldBe(0);
        _host.OutboxFiles().Count(f => File.ReadAllText(f).Contains("Số tiếp nhận: " + receiptNumber)).ShouldBe(1);
    }

    private async Task SetRowAsync(TableClient table, string submissionId, string status)
    {
        var record = (await table.GetEntityAsync<SubmissionRecord>(_callId, submissionId)).Value;
        record.Status = status;
        record.ClassifiedAtUtc = null;
        await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);
    }

    private async Task<HttpResponseMessage> StaffAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path).WithStaffKey();
        return await _host.Client.SendAsync(request);
    }

    private Task<string> StatusAsync(string submissionId, string status) =>
        RunningLocalHost.EventuallyAsync(async () =>
        {
            using var response = await StaffAsync(HttpMethod.Get, $"/api/staff/calls/{_callId}/submissions");
            var listed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
                .SingleOrDefault(s => s.GetProperty("submissionId").GetString() == submissionId);
            return listed.ValueKind == JsonValueKind.Object && listed.GetProperty("status").GetString() == status ? status : null;
        }, TimeSpan.FromSeconds(45), $"the submission to be {status}");
}
