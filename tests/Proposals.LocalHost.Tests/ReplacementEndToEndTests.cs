using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Who may replace a proposal, over HTTP against the running local host: the enterprise with its tracking
/// token replaces its own; a wrong or missing proof is refused with nothing stored; and staff decide what the
/// report counts, on the audit trail.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ReplacementEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _callId = TestCalls.NewId();
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RunningLocalHost.StartAsync(azurite, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Client => _host.Client;

    [Fact]
    public async Task The_enterprise_replaces_its_proposal_with_its_token_and_the_earlier_is_kept_as_a_version()
    {
        var taxCode = SampleProposal.UniqueTaxCode();
        var earlier = await SubmitAsync(SampleProposal.Fields(f => f["taxCode"] = taxCode));
        await ClassifiedAsync(earlier);

        // The form opens filled in with what was sent, read with the token (and only with it).
        using var answers = await SendAsync(HttpMethod.Get, $"/api/submissions/{earlier.Id}/answers", token: earlier.Token);
        answers.StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await answers.Content.ReadFromJsonAsync<JsonElement>();
        read.GetProperty("canRevise").GetBoolean().ShouldBeTrue();
        read.GetProperty("fields").GetProperty("taxCode").GetString().ShouldBe(taxCode);
        answers.Headers.CacheControl!.NoStore.ShouldBeTrue();
        using var guessed = await SendAsync(HttpMethod.Get, $"/api/submissions/{earlier.Id}/answers", token: "guess");
        guessed.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var revised = await SubmitAsync(SampleProposal.Fields(f =>
        {
            f["taxCode"] = taxCode;
            f["durationMonths"] = "20";
            f["replacesSubmissionId"] = earlier.Id;
            f["replacesTrackingToken"] = earlier.Token;
        }));
        await ClassifiedAsync(revised);

        var old = await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var status = await Client.GetStatusAsync(earlier.Id, earlier.Token);
            var body = await status.Content.ReadFromJsonAsync<JsonElement>();
            return body.TryGetProperty("replacedBy", out var by) && by.ValueKind == JsonValueKind.String ? body.GetRawText() : null;
        }, TimeSpan.FromSeconds(30), "the earlier version to be marked replaced");
        var oldStatus = JsonDocument.Parse(old).RootElement;
        oldStatus.GetProperty("replacedBy").GetString().ShouldBe(revised.ReceiptNumber);
        oldStatus.GetProperty("canRevise").GetBoolean().ShouldBeFalse("a replaced submission is revised from its replacement");

        var listed = await StaffList.AllAsync(Client, _callId);
        var first = listed.Single(s => s.GetProperty("submissionId").GetString() == earlier.Id);
        var second = listed.Single(s => s.GetProperty("submissionId").GetString() == revised.Id);
        first.GetProperty("supersededBy").GetString().ShouldBe(revised.Id);
        first.GetProperty("counted").GetBoolean().ShouldBeFalse();
        second.GetProperty("counted").GetBoolean().ShouldBeTrue();
        second.GetProperty("version").GetInt32().ShouldBe(2);

        // The old token cannot replace it a second time.
        using var again = await PostAsync(SampleProposal.Fields(f =>
        {
            f["taxCode"] = taxCode;
            f["replacesSubmissionId"] = earlier.Id;
            f["replacesTrackingToken"] = earlier.Token;
        }));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain(revised.ReceiptNumber);
    }

    [Fact]
    public async Task A_wrong_proof_is_refused_and_nothing_is_stored()
    {
        var taxCode = SampleProposal.UniqueTaxCode();
        var earlier = await SubmitAsync(SampleProposal.Fields(f => f["taxCode"] = taxCode));
        var rowsBefore = await RowCountAsync();
        var blobsBefore = await BlobCountAsync();

        var attempts = new (string Id, string Token, HttpStatusCode Expected, string Type)[]
        {
            (earlier.Id, "not-the-token", HttpStatusCode.Forbidden, "replace-forbidden"),
            (Guid.NewGuid().ToString("N"), earlier.Token, HttpStatusCode.NotFound, "replaced-not-found"),
        };
        foreach (var (id, token, expected, type) in attempts)
        {
            using var refused = await PostAsync(SampleProposal.Fields(f =>
            {
                f["taxCode"] = taxCode;
                f["replacesSubmissionId"] = id;
                f["replacesTrackingToken"] = token;
            }));
            refused.StatusCode.ShouldBe(expected);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("type").GetString().ShouldBe("/problems/" + type);
            problem.GetProperty("detail").GetString()!.ShouldContain("Chưa có gì được lưu");
        }

        // Another enterprise's tax code with the right token: refused too.
        using var otherTaxCode = await PostAsync(SampleProposal.Fields(f =>
        {
            f["taxCode"] = SampleProposal.UniqueTaxCode();
            f["replacesSubmissionId"] = earlier.Id;
            f["replacesTrackingToken"] = earlier.Token;
        }));
        otherTaxCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await RowCountAsync()).ShouldBe(rowsBefore, "no row");
        (await BlobCountAsync()).ShouldBe(blobsBefore, "no blob");

        // No receipt number was used up: the next accepted submission takes the very next one.
        var next = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        Sequence(next.ReceiptNumber).ShouldBe(Sequence(earlier.ReceiptNumber) + 1);
    }

    [Fact]
    public async Task Staff_exclude_a_submission_with_a_reason_include_it_again_and_both_are_on_the_record()
    {
        var submission = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await ClassifiedAsync(submission);
        var path = $"/api/staff/calls/{_callId}/submissions/{submission.Id}/exclusion";

        using var anonymous = await SendAsync(HttpMethod.Post, path, json: """{"reason":"withdrawn"}""", staff: false);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var noReason = await SendAsync(HttpMethod.Post, path, json: """{"reason":"because"}""");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var otherWithoutNote = await SendAsync(HttpMethod.Post, path, json: """{"reason":"other"}""");
        otherWithoutNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var notJson = await SendAsync(HttpMethod.Post, path, json: "reason=withdrawn");
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var excluded = await SendAsync(HttpMethod.Post, path, json: """{"reason":"withdrawn","note":"Công văn số 15/CV-DN"}""");
        excluded.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await excluded.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("counted").GetBoolean().ShouldBeFalse();
        answer.GetProperty("exclusion").GetProperty("reasonVi").GetString().ShouldBe("Doanh nghiệp đề nghị rút");

        var detail = await StaffGetAsync($"/api/staff/calls/{_callId}/submissions/{submission.Id}");
        detail.GetProperty("exclusion").GetProperty("note").GetString().ShouldBe("Công văn số 15/CV-DN");
        detail.GetProperty("exclusion").GetProperty("by").GetString().ShouldBe("staff key");
        detail.GetProperty("submission").GetProperty("counted").GetBoolean().ShouldBeFalse();

        using var included = await SendAsync(HttpMethod.Delete, path, json: null);
        included.StatusCode.ShouldBe(HttpStatusCode.OK);
        detail = await StaffGetAsync($"/api/staff/calls/{_callId}/submissions/{submission.Id}");
        detail.GetProperty("exclusion").ValueKind.ShouldBe(JsonValueKind.Null);
        detail.GetProperty("submission").GetProperty("counted").GetBoolean().ShouldBeTrue();
        var audit = detail.GetProperty("audit").EnumerateArray().ToList();
        audit.Select(a => a.GetProperty("action").GetString()).ShouldBe(["exclude", "include"]);
        audit[0].GetProperty("reason").GetString().ShouldBe("withdrawn");
        audit[0].GetProperty("actor").GetString().ShouldBe("staff key");

        // The record is append-only: the table holds both rows, and nothing in the API changes them.
        var rows = new TableClient(azurite.ConnectionString, StorageNames.AuditTrailTable).QueryAsync<TableEntity>(e => e.PartitionKey == _callId);
        var count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        count.ShouldBe(2);

        // A rejected submission is not counted anyway: nothing to exclude.
        var unknown = $"/api/staff/calls/{_callId}/submissions/{Guid.NewGuid():N}/exclusion";
        using var missing = await SendAsync(HttpMethod.Post, unknown, json: """{"reason":"duplicate"}""");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed record Submitted(string Id, string Token, string ReceiptNumber);

    private async Task<Submitted> SubmitAsync(Dictionary<string, string> fields)
    {
        using var response = await PostAsync(fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(receipt.GetProperty("submissionId").GetString()!, receipt.GetProperty("trackingToken").GetString()!, receipt.GetProperty("receiptNumber").GetString()!);
    }

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{_callId}/submissions") { Content = SampleProposal.Multipart(fields) };
        return await Client.SendAsync(request);
    }

    private async Task ClassifiedAsync(Submitted submission) =>
        await RunningLocalHost.EventuallyAsync(async () =>
        {
            using var status = await Client.GetStatusAsync(submission.Id, submission.Token);
            var body = await status.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("status").GetString() == "classified" ? "yes" : null;
        }, TimeSpan.FromSeconds(45), $"{submission.ReceiptNumber} to be classified");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? token = null, bool staff = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Add("X-Tracking-Token", token);
        }
        else if (staff)
        {
            request.WithStaffKey();
        }
        else
        {
            request.FromConsole(); // the console's headers without credentials: the gate answers on the credentials
        }

        return await Client.SendAsync(request);
    }

    private async Task<JsonElement> StaffGetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Submission rows of the call (not the staff list's change entries, which every stage's update adds).</summary>
    private async Task<int> RowCountAsync()
    {
        var count = 0;
        await foreach (var row in new TableClient(azurite.ConnectionString, StorageNames.SubmissionsTable).QueryAsync<TableEntity>(e => e.PartitionKey == _callId, select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith(Pipeline.Submissions.SubmissionStore.ChangePrefix, StringComparison.Ordinal) ? 0 : 1;
        }

        return count;
    }

    private async Task<int> BlobCountAsync()
    {
        var count = 0;
        await foreach (var blob in new BlobContainerClient(azurite.ConnectionString, StorageNames.SubmissionsContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, _callId + "/", default))
        {
            count += blob.Name.Contains("/safe/", StringComparison.Ordinal) ? 0 : 1; // the examination stage's safe copies come later, on their own
        }

        return count;
    }

    private static int Sequence(string receiptNumber) => int.Parse(receiptNumber[(receiptNumber.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
