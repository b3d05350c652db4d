using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// The generated corpus of malformed and hostile requests against the running local host: no 5xx, a
/// ProblemDetails for every refusal and nothing stored for it; the valid-but-hostile ones stored as sent.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class MalformedRequestCorpusTests : IAsyncLifetime
{
    private const int Parallelism = 6;
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public MalformedRequestCorpusTests(AzuriteFixture azurite, ITestOutputHelper output) => (_azurite, _output) = (azurite, output);

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(_azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_thousand_malformed_requests_get_problems_store_nothing_and_never_a_5xx()
    {
        var corpus = MalformedRequestCorpus.Generate(_callId);
        corpus.Count(r => !r.MustBeAccepted).ShouldBeGreaterThanOrEqualTo(1000);
        var answers = new ConcurrentBag<(CorpusRequest Request, int Status, string? Type, string? SubmissionId)>();
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = timeout.Token }, async (request, cancellationToken) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{request.CallId ?? _callId}/submissions") { Content = request.Body() };
            if (request.IdempotencyKey is not null)
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
            }

            using var response = await _host.Client.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            string? type = null, submissionId = null;
            if (status == 202)
            {
                submissionId = JsonDocument.Parse(body).RootElement.GetProperty("submissionId").GetString();
            }
            else if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                type = JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            }

            answers.Add((request, status, type, submissionId));
        });
        clock.Stop();

        var refused = answers.Where(a => !a.Request.MustBeAccepted).ToList();
        var accepted = answers.Where(a => a.Request.MustBeAccepted).ToList();
        var stored = await StoredSubmissionIdsAsync();
        Report([.. answers], clock.Elapsed, stored.Count);

        answers.Count(a => a.Status >= 500).ShouldBe(0, "5xx answers: " + Describe(answers.Where(a => a.Status >= 500)));
        refused.Where(a => a.Status is < 400 or >= 500 || a.Type is null).ShouldBeEmpty(
            "refusals without a 4xx ProblemDetails: " + Describe(refused.Where(a => a.Status is < 400 or >= 500 || a.Type is null)));
        accepted.Where(a => a.Status != 202).ShouldBeEmpty("valid hostile text refused: " + Describe(accepted.Where(a => a.Status != 202)));

        var acceptedIds = accepted.Select(a => a.SubmissionId!).ToHashSet();
        stored.Keys.ToHashSet().SetEquals(acceptedIds).ShouldBeTrue($"stored {stored.Count} submissions, accepted {acceptedIds.Count}");
        // What intake stored: the two documents and submission.json (the examination stage adds the safe copies under safe/).
        stored.Values.ShouldAllBe(blobs => blobs.Count(b => !b.Contains("/safe/", StringComparison.Ordinal)) == 3);
        (await StaffListAsync()).ToHashSet().SetEquals(acceptedIds).ShouldBeTrue("the staff list holds exactly the accepted submissions");

        var container = new BlobContainerClient(_azurite.ConnectionString, "submissions");
        foreach (var (request, _, _, submissionId) in accepted)
        {
            var json = (await container.GetBlobClient($"{_callId}/{submissionId}/submission.json").DownloadContentAsync()).Value.Content.ToString();
            var fields = JsonDocument.Parse(json).RootElement.GetProperty("fields");
            foreach (var (key, sent) in request.Fields!)
            {
                if (key is "enterpriseName" or "address" or "legalRepresentative" or "contactName" or "taskName" or "objectives" or "urgency" or "contentsAndResults" or "application" or "expectedBenefits")
                {
                    fields.GetProperty(key).GetString().ShouldBe(sent.Normalize(NormalizationForm.FormC), $"{request.Kind}: {key} stored as sent");
                }
            }
        }
    }

    private void Report(List<(CorpusRequest Request, int Status, string? Type, string? SubmissionId)> answers, TimeSpan elapsed, int stored)
    {
        _output.WriteLine($"corpus seed {MalformedRequestCorpus.Seed}: {answers.Count} requests in {elapsed.TotalSeconds:0.0} s, {Parallelism} in parallel");
        foreach (var kind in answers.GroupBy(a => a.Request.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", kind.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
            _output.WriteLine($"  {kind.Key,-28} {kind.Count(),4}  {statuses}");
        }

        var refused = answers.Where(a => !a.Request.MustBeAccepted).ToList();
        _output.WriteLine($"refused (must be): {refused.Count}; 4xx by status: " +
            string.Join(", ", refused.Where(a => a.Status is >= 400 and < 500).GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        _output.WriteLine($"problem types: " + string.Join(", ", refused.GroupBy(a => a.Type ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}")));
        _output.WriteLine($"5xx: {answers.Count(a => a.Status >= 500)}");
        _output.WriteLine($"valid hostile text (must be accepted): {answers.Count(a => a.Request.MustBeAccepted)}, 202: {answers.Count(a => a.Request.MustBeAccepted && a.Status == 202)}");
        _output.WriteLine($"stored submissions: {stored} (expected {answers.Count(a => a.Request.MustBeAccepted)})");
    }

    private static string Describe(IEnumerable<(CorpusRequest Request, int Status, string? Type, string? SubmissionId)> answers) =>
        string.Join("; ", answers.Take(10).Select(a => $"{a.Request.Kind} → {a.Status} {a.Type}"));

    /// <summary>Every blob under the call's prefix, grouped by submission id.</summary>
    private async Task<Dictionary<string, List<string>>> StoredSubmissionIdsAsync()
    {
        var container = new BlobContainerClient(_azurite.ConnectionString, "submissions");
        var stored = new Dictionary<string, List<string>>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _callId + "/", default))
        {
            var id = blob.Name.Split('/')[1];
            (stored.TryGetValue(id, out var names) ? names : stored[id] = []).Add(blob.Name);
        }

        return stored;
    }

    private async Task<IEnumerable<string>> StaffListAsync() =>
        (await StaffList.AllAsync(_host.Client, _callId)).Select(s => s.GetProperty("submissionId").GetString()!).ToList();
}
