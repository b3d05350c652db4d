using System.Text;
using Azure.Storage.Blobs;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The staff list kept in memory by each instance, over Azurite: two instances that agree through the
/// change feed, the checkpoint a new instance loads, changes applied once whatever their order, and
/// names in Vietnamese alphabetical order.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class StaffListTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _first = null!;
    private PipelineServices _second = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30));
        settings["StaffList:RefreshInterval"] = "00:00:00"; // the fake clock stands still: look at the feed on every request
        _first = await PipelineServices.StartAsync(azurite, DateTimeOffset.UtcNow, settings);
        _second = await PipelineServices.StartAsync(azurite, DateTimeOffset.UtcNow, settings);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static Task<List<SubmissionRecord>> ListAsync(PipelineServices instance, string callId) =>
        instance.Get<Pipeline.Staff.StaffList>().QueryAsync(callId, rows => rows.Records().OrderBy(r => r.ReceiptNumber, StringComparer.Ordinal).ToList(), default);

    [Fact]
    public async Task A_second_instance_loads_the_checkpoint_and_both_follow_every_write()
    {
        await SeededSubmissions.InsertAsync(azurite.ConnectionString, SeededSubmissions.Rows(_callId, 40));
        (await ListAsync(_first, _callId)).Count.ShouldBe(40); // the first listing anywhere: a scan, then a checkpoint
        var checkpoint = new BlobClient(azurite.ConnectionString, StorageNames.StaffListsContainer, StaffListCheckpoints.Name(_callId));
        await RunningLocalHost.EventuallyAsync(async () => (await checkpoint.ExistsAsync()).Value ? "written" : null, TimeSpan.FromSeconds(10), "the checkpoint");

        (await ListAsync(_second, _callId)).Count.ShouldBe(40);

        // A write through either instance's store is seen by the other on its next request.
        var store = _first.Get<SubmissionStore>();
        await store.UpdateAsync(_callId, SeededSubmissions.Row(_callId, 7).RowKey, r =>
        {
            r.EnterpriseName = "Công ty Đổi Tên";
            return true;
        }, default);
        (await ListAsync(_second, _callId)).Single(r => r.RowKey == SeededSubmissions.Row(_callId, 7).RowKey).EnterpriseName.ShouldBe("Công ty Đổi Tên");
        var gone = (await store.FindAsync(_callId, SeededSubmissions.Row(_callId, 8).RowKey, default))!;
        await store.DeleteAsync(gone, default);
        (await ListAsync(_second, _callId)).Count.ShouldBe(39);
        (await ListAsync(_first, _callId)).Count.ShouldBe(39);
    }

    [Fact]
    public void A_change_seen_twice_or_out_of_order_changes_nothing()
    {
        var list = new CallList(_callId);
        var newer = SeededSubmissions.Row(_callId, 1);
        newer.Revision = 3;
        newer.Status = "classified";
        var older = SeededSubmissions.Row(_callId, 1);
        older.Revision = 2;
        older.Status = "validated";

        list.Apply(newer).ShouldBeTrue();
        list.Apply(older).ShouldBeFalse();
        list.Apply(newer).ShouldBeFalse();

        list.Find(newer.RowKey)!.Record.Status.ShouldBe("classified");
        list.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Names_sort_in_Vietnamese_alphabetical_order_whatever_their_normal_form()
    {
        // Code-point order would put Đ after every Latin letter and Ă, Â after Z; Vietnamese puts Ă after A
        // and Đ right after D, with tones only a secondary difference.
        string[] names = ["Đặng", "Dương", "Ăn", "Anh", "An", "Ấn", "Bình", "Ê-đê", "Em", "đa"];
        var rows = names.Select((name, i) =>
        {
            var row = SeededSubmissions.Row(_callId, 1_000 + i);
            row.EnterpriseName = i % 2 == 0 ? name.Normalize(NormalizationForm.FormD) : name;
            return row;
        }).ToList();
        await SeededSubmissions.InsertAsync(azurite.ConnectionString, rows);

        var sorted = await _first.Get<SubmissionSearch>().SearchAsync(_callId,
            SubmissionFilter.Parse(name => name switch { "sort" => "enterpriseName", "pageSize" => "200", _ => null }, out _), default);

        sorted.Items.Select(i => i.EnterpriseName.Normalize(NormalizationForm.FormC))
            .ShouldBe(["An", "Anh", "Ăn", "Ấn", "Bình", "Dương", "đa", "Đặng", "Em", "Ê-đê"]);
    }
}
