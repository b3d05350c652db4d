using Proposals.Pipeline.Inbound;
using Azure.Data.Tables;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Retention;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Retention;

/// <summary>
/// A call's retention carried out by the system, over Azurite on a fake clock: nothing goes before staff confirm the
/// report is archived; then everything of the call goes, a tombstone stays, and a second run finds nothing to do.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class RetentionPurgeTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2026, 10, 30, 17, 0, 0, TimeSpan.FromHours(7));
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, Deadline, "canbo@chicuc.test");
        settings[$"Calls:{_callId}:Retention:DaysAfterDeadline"] = "0"; // the test configuration: purge as soon as confirmed
        settings[$"Calls:{_callId}:Retention:Basis"] = "Cấu hình thử nghiệm";
        _pipeline = await PipelineServices.StartAsync(azurite, Deadline.AddDays(-2), settings);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private Calls.CallCatalog Calls => _pipeline.Get<CallCatalog>();

    private RetentionPurge Purge => _pipeline.Get<RetentionPurge>();

    [Fact]
    public async Task A_call_kept_zero_days_is_purged_only_after_confirmation_keeps_a_tombstone_and_a_rerun_finds_nothing()
    {
        var call = Calls.Find(_callId)!;
        var first = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        var second = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await _pipeline.ClassifyQueuedAsync(_callId);
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, SampleProposal.FieldsOfAnotherEnterprise()), default); // late: recorded
        await _pipeline.Get<CloseoutStage>().CloseAsync(call, default);

        // Due (0 days), but not confirmed: nothing is deleted, and the dry run lists what would be.
        (await Purge.PurgeAsync(call, default)).ShouldBeOfType<PurgeOutcome.AwaitingConfirmation>();
        var preview = await Purge.PreviewAsync(call, default);
        output.WriteLine($"preview: {preview.Counts}, reports {string.Join(", ", preview.ReportFiles)}");
        preview.Due.ShouldBeTrue();
        preview.ReceiptNumbers.ShouldBe(new[] { first.ReceiptNumber, second.ReceiptNumber }.Order(StringComparer.Ordinal));
        preview.Counts.Submissions.ShouldBe(2);
        preview.Counts.Documents.ShouldBe(10); // two documents, submission.json and the two safe copies the examination stage wrote, each
        preview.Counts.Emails.ShouldBeGreaterThanOrEqualTo(3); // two receipts, the staff email
        preview.Counts.LateAttempts.ShouldBe(1);
        preview.ReportFiles.ShouldNotBeEmpty();
        (await _pipeline.RowsAsync(_callId)).Count.ShouldBe(2);

        // The records of emails that became the call's submissions (sender, subject) go with it; another call's stay.
        var inbound = _pipeline.Get<InboundEmails>();
        var ofThisCall = Guid.NewGuid().ToString("N");
        var ofAnotherCall = Guid.NewGuid().ToString("N");
        await inbound.ClaimAsync(new InboundEmailEntry { RowKey = ofThisCall, CallId = _callId, From = "binh.tran@cokhi-hp.vn", Outcome = InboundEmailEntry.Submission }, default);
        await inbound.ClaimAsync(new InboundEmailEntry { RowKey = ofAnotherCall, CallId = "another-call", From = "lan@example.vn", Outcome = InboundEmailEntry.Submission }, default);

        var confirmed = (await Purge.ConfirmArchivedAsync(call, "Nguyễn Thị Hoa", "Lưu tại Văn thư, hồ sơ số 12/2026", default))
            .ShouldBeOfType<ArchiveConfirmation.Done>();
        confirmed.Audit!.Action.ShouldBe(AuditActions.ConfirmArchived);

        var purged = (await Purge.PurgeAsync(call, default)).ShouldBeOfType<PurgeOutcome.Purged>();
        var tombstone = purged.Tombstone;
        output.WriteLine($"tombstone: {PurgeCounts.Of(tombstone)}, confirmed by {tombstone.ArchivedConfirmedBy} at {tombstone.ArchivedConfirmedAtUtc}, purged {tombstone.PurgedAtUtc}");
        PurgeCounts.Of(tombstone).ShouldBe(preview.Counts);
        tombstone.ArchivedConfirmedBy.ShouldBe("Nguyễn Thị Hoa");
        tombstone.PurgedAtUtc.ShouldNotBeNull();

        await ShouldHoldNothingOfTheCallAsync(first.SubmissionId, second.SubmissionId);
        (await inbound.FindAsync(ofThisCall, default)).ShouldBeNull();
        (await inbound.FindAsync(ofAnotherCall, default)).ShouldNotBeNull();
        (await _pipeline.Get<AuditTrail>().ListAsync(_callId, null, default)).Select(e => e.Action)
            .ShouldBe([AuditActions.ConfirmArchived, AuditActions.Purge], ignoreOrder: true); // both at one instant of the fake clock: their order is not defined

        // A second run, and the closeout that comes every minute, find nothing to do: no report is written again.
        (await Purge.PurgeAsync(call, default)).ShouldBeOfType<PurgeOutcome.AlreadyPurged>();
        await Purge.RunAsync(default);
        await _pipeline.Get<CloseoutStage>().CloseAsync(call, default);
        (await _pipeline.Get<ReportStore>().ListCallAsync(_callId, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_cannot_confirm_before_the_deadline_nor_before_a_report_exists()
    {
        var call = Calls.Find(_callId)!;
        (await Purge.ConfirmArchivedAsync(call, "Nguyễn Thị Hoa", null, default)).ShouldBeOfType<ArchiveConfirmation.CallStillOpen>();
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        (await Purge.ConfirmArchivedAsync(call, "Nguyễn Thị Hoa", null, default)).ShouldBeOfType<ArchiveConfirmation.NoReport>();
        (await Purge.ConfirmArchivedAsync(call, "Nguyễn Thị Hoa", new string('x', 501), default)).ShouldBeOfType<ArchiveConfirmation.NoteTooLong>();
        (await Purge.PurgeAsync(call, default)).ShouldBeOfType<PurgeOutcome.AwaitingConfirmation>();
        (await _pipeline.Get<AuditTrail>().ListAsync(_callId, null, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_purge_cut_short_elsewhere_is_taken_over_when_its_lease_runs_out_and_two_runs_at_once_purge_once()
    {
        var call = Calls.Find(_callId)!;
        var submitted = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await _pipeline.ClassifyQueuedAsync(_callId);
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        await _pipeline.Get<CloseoutStage>().CloseAsync(call, default);
        await Purge.ConfirmArchivedAsync(call, "Trần Văn Nam", null, default);

        // Another instance started, counted, deleted the documents, and died holding the lease.
        var ledger = _pipeline.Get<RetentionLedger>();
        await ledger.UpdateAsync(_callId, state =>
        {
            (state.LeaseOwner, state.LeaseUntilUtc, state.PurgeStartedAtUtc, state.Submissions, state.Documents) =
                ("another-instance", _pipeline.Clock.GetUtcNow() + RetentionPurge.Lease, _pipeline.Clock.GetUtcNow(), 1, 3);
            return true;
        }, retryOnConflict: true, default);
        await _pipeline.Get<SubmissionStore>().DeleteFolderAsync(_callId, submitted.SubmissionId, default);

        (await Purge.PurgeAsync(call, default)).ShouldBeOfType<PurgeOutcome.HeldElsewhere>();
        (await _pipeline.RowsAsync(_callId)).Count.ShouldBe(1);

        _pipeline.Clock.Advance(RetentionPurge.Lease + TimeSpan.FromSeconds(1));
        var outcomes = await Task.WhenAll(Purge.PurgeAsync(call, default), Purge.PurgeAsync(call, default));
        output.WriteLine(string.Join(", ", outcomes.Select(o => o.GetType().Name)));
        outcomes.Count(o => o is PurgeOutcome.Purged).ShouldBe(1);
        outcomes.ShouldAllBe(o => o is PurgeOutcome.Purged || o is PurgeOutcome.HeldElsewhere || o is PurgeOutcome.AlreadyPurged);
        var tombstone = (await ledger.FindAsync(_callId, default))!;
        (tombstone.Submissions, tombstone.Documents).ShouldBe((1, 3)); // the counts found when the purge first started
        await ShouldHoldNothingOfTheCallAsync(submitted.SubmissionId);
    }

    [Fact]
    public async Task Every_uploaded_document_carries_the_lifecycle_backstop_tag()
    {
        // Intake only: a validated submission would leave a message in the queue the other tests share.
        var submitted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, SampleProposal.FieldsOfAnotherEnterprise()), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        var store = _pipeline.Get<SubmissionStore>();
        foreach (var blob in new[] { StorageNames.SignedScanBlob, StorageNames.EditableFormBlob })
        {
            var tags = (await _pipeline.SubmissionBlob(_callId, submitted.SubmissionId, blob).GetTagsAsync()).Value.Tags;
            output.WriteLine($"{blob}: {string.Join(", ", tags.Select(t => t.Key + "=" + t.Value))}");
            tags[RetentionBackstop.TagName].ShouldBe("y2"); // purge within a year (two days), plus a year of grace
        }
    }

    private async Task ShouldHoldNothingOfTheCallAsync(params string[] submissionIds)
    {
        var storage = _pipeline.Get<PipelineStorage>();
        var rows = storage.BlobService.GetBlobContainerClient(StorageNames.SubmissionsContainer);
        (await rows.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, _callId + "/", default).ToListAsync()).ShouldBeEmpty("documents left");
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in new[] { StorageNames.IntakeKeysTable, StorageNames.LateSubmissionsTable })
        {
            (await tables.GetTableClient(table).QueryAsync<TableEntity>($"PartitionKey eq '{_callId}'").ToListAsync()).ShouldBeEmpty(table);
        }

        // Only the "deleted" change entries the purge itself wrote remain: ids, no listed columns.
        var left = await tables.GetTableClient(StorageNames.SubmissionsTable).QueryAsync<TableEntity>($"PartitionKey eq '{_callId}'").ToListAsync();
        left.ShouldAllBe(e => e.RowKey.StartsWith(SubmissionStore.ChangePrefix, StringComparison.Ordinal) && e.GetBoolean("Deleted") == true);
        (await tables.GetTableClient(StorageNames.TaxCodeIndexTable).QueryAsync<TableEntity>($"PartitionKey ge '{_callId}_' and PartitionKey lt '{_callId}`'").ToListAsync()).ShouldBeEmpty();
        var ledger = _pipeline.Get<EmailLedger>();
        foreach (var scope in submissionIds.Append(_callId))
        {
            (await ledger.ListScopeAsync(scope, default)).ShouldBeEmpty($"emails of {scope}");
        }

        (await _pipeline.Get<ReportStore>().ListCallAsync(_callId, default)).ShouldBeEmpty();
    }

    private async Task<Pipeline.Intake.SubmissionReceipt> SubmitAsync(Dictionary<string, string> fields)
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, fields), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return accepted.Receipt;
    }
}
