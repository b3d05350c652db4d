using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>One Idempotency-Key, one submission: however many times and however concurrently it is sent.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class IdempotencyEndToEndTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public IdempotencyEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output) => (_azurite, _output) = (azurite, output);

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Route => $"/api/calls/{_callId}/submissions";

    [Fact]
    public async Task Twenty_concurrent_posts_with_one_key_make_one_record_one_blob_set_one_email_and_one_receipt()
    {
        var key = Guid.NewGuid().ToString();
        var fields = SampleProposal.Fields();
        var (pdf, docx) = (SampleDocuments.Pdf(), SampleDocuments.Docx());
        var firstAnswers = new ConcurrentBag<int>();
        var retries = 0;

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                using var response = await PostAsync(key, SampleProposal.Multipart(fields, pdf, docx));
                if (attempt == 0)
                {
                    firstAnswers.Add((int)response.StatusCode);
                }

                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText();
                }

                response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("/problems/in-progress");
                var wait = response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull();
                Interlocked.Increment(ref retries);
                await Task.Delay(wait);
            }

            throw new ShouldAssertException("no receipt after 10 tries");
        }));

        var distinct = receipts.Select(r => JsonDocument.Parse(r).RootElement)
            .Select(r => (Id: r.GetProperty("submissionId").GetString(), Number: r.GetProperty("receiptNumber").GetString(), Token: r.GetProperty("trackingToken").GetString()))
            .Distinct().ToList();
        var receipt = distinct.ShouldHaveSingleItem();

        var staff = await StaffListAsync();
        staff.ShouldBe([receipt.Id!]);
        var blobs = await BlobNamesAsync();
        blobs.Count.ShouldBe(3);
        blobs.ShouldAllBe(b => b.StartsWith($"{_callId}/{receipt.Id}/", StringComparison.Ordinal));

        await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var answer = await _host.Client.GetStatusAsync(receipt.Id!, receipt.Token);
            var status = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return status.GetProperty("status").GetString() == "classified" ? "done" : null;
        }, TimeSpan.FromSeconds(45), "the submission to be classified");
        await RunningLocalHost.EventuallyAsync(
            () => Task.FromResult(_host.OutboxFiles().Any(f => File.ReadAllText(f).Contains(receipt.Number!)) ? "sent" : null),
            TimeSpan.FromSeconds(10), "the receipt email");
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second email, if one were coming, has had its chance
        var emails = _host.OutboxFiles().Count(f => File.ReadAllText(f).Contains(receipt.Number!));
        emails.ShouldBe(1);

        _output.WriteLine($"20 concurrent posts, one key: first answers {string.Join(", ", firstAnswers.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}; " +
            $"retries after Retry-After: {retries}; distinct receipts: {distinct.Count}; records: {staff.Count}; blobs: {blobs.Count}; receipt emails: {emails}");
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_409_and_stores_nothing_more()
    {
        var key = Guid.NewGuid().ToString();
        using (var first = await PostAsync(key, SampleProposal.Multipart()))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var otherField = SampleProposal.Multipart(SampleProposal.Fields(f => f["taskName"] = "Một nhiệm vụ khác"));
        var otherDocument = SampleProposal.Multipart(docx: SampleDocuments.Docx("Một tệp Word khác"));
        foreach (var different in new[] { otherField, otherDocument })
        {
            using var response = await PostAsync(key, different);
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("type").GetString().ShouldBe("/problems/idempotency-key-reused");
            problem.GetProperty("titleEn").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        // NFD and NFC of the same text are the same submission: the hash is over normalised fields.
        var nfd = SampleProposal.Fields(f => f["enterpriseName"] = f["enterpriseName"].Normalize(System.Text.NormalizationForm.FormD));
        using (var same = await PostAsync(key, SampleProposal.Multipart(nfd)))
        {
            same.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        (await StaffListAsync()).Count.ShouldBe(1);
        (await BlobNamesAsync()).Count.ShouldBe(3);
    }

    private async Task<HttpResponseMessage> PostAsync(string key, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return await _host.Client.SendAsync(request);
    }

    private async Task<List<string>> StaffListAsync() =>
        (await StaffList.AllAsync(_host.Client, _callId)).Select(s => s.GetProperty("submissionId").GetString()!).ToList();

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var blob in new BlobContainerClient(_azurite.ConnectionString, "submissions").GetBlobsAsync(BlobTraits.None, BlobStates.None, _callId + "/", default))
        {
            if (!blob.Name.Contains("/safe/", StringComparison.Ordinal)) // what intake stored, not the examination stage's safe copies
            {
                names.Add(blob.Name);
            }
        }

        return names;
    }
}
