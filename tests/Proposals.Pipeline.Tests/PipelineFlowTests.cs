using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>A submission through intake → validate → classify → closeout over real Azurite, time on a fake clock.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class PipelineFlowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly AzuriteFixture _azurite;
    private readonly string _callId;
    private readonly Dictionary<string, string?> _settings;
    private PipelineServices _pipeline = null!;

    public PipelineFlowTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _callId = TestCalls.NewId();
        _settings = TestCalls.Settings(_callId, Deadline, "canbo@chicuc.test");
        _settings["Pipeline:ClassifyAtOnce"] = "false"; // submissions wait on the classify queue, where these tests look at them
    }

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(_azurite, Deadline.AddHours(-2), _settings);

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private PipelineStorage Storage => _pipeline.Get<PipelineStorage>();

    [Fact]
    public async Task A_submission_travels_from_intake_to_the_closeout_report()
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, idempotencyKey: "flow-1"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();
        var receipt = accepted.Receipt;
        receipt.ReceiptNumber.ShouldMatch(@"^T[0-9A-F]{6}-000001$");
        receipt.Status.ShouldBe(SubmissionStatus.Received);
        receipt.TrackingToken.Length.ShouldBeGreaterThanOrEqualTo(40);

        var record = await Record(receipt.SubmissionId);
        record.Status.ShouldBe(SubmissionStatus.Received);
        record.TaxCode.ShouldBe("0100233488");
        record.TrackingTokenHash.ShouldNotContain(receipt.TrackingToken);
        var blobs = await BlobNames();
        blobs.ShouldBe([
            $"{_callId}/{receipt.SubmissionId}/editable-form.docx",
            $"{_callId}/{receipt.SubmissionId}/signed-scan.pdf",
            $"{_callId}/{receipt.SubmissionId}/submission.json",
        ]);

        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, receipt.SubmissionId, default);
        (await Record(receipt.SubmissionId)).Status.ShouldBe(SubmissionStatus.Validated);

        await _pipeline.ClassifyQueuedAsync(_callId);
        record = await Record(receipt.SubmissionId);
        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.EnterpriseSize.ShouldBe("small");
        record.EnterpriseSizeEvidence!.ShouldContain("85 lao động");
        record.RegionId.ShouldBe("red-river-delta");
        record.VsicSection.ShouldBe("C");
        record.PriorityArea.ShouldBe(2);
        record.FlagList.ShouldBeEmpty();

        var receiptEmail = File.ReadAllText(_pipeline.OutboxFiles().ShouldHaveSingleItem());
        receiptEmail.ShouldContain("To: binh.tran@cokhi-hp.vn");
        receiptEmail.ShouldContain("Số tiếp nhận: " + receipt.ReceiptNumber);
        receiptEmail.ShouldContain("Thời điểm nhận: 21/04/2023 22:00 (giờ Việt Nam)");
        receiptEmail.ShouldContain("/status.html#submission=" + receipt.SubmissionId + "&token=" + Uri.EscapeDataString(receipt.TrackingToken));
        await TokenIsStoredNowhere(receipt.TrackingToken);

        var closeout = _pipeline.Get<CloseoutStage>();
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(-1));
        (await CloseOwnCall(closeout)).State.ShouldBe(CloseoutState.NotDue);
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        var written = await CloseOwnCall(closeout);
        written.State.ShouldBe(CloseoutState.Written);
        written.SubmissionCount.ShouldBe(1);

        var report = await ReportAsync();
        var list = WorkbookText.Sheet(report, CloseoutWorkbook.ListSheet);
        list[0][0].ShouldBe("STT");
        list.Count.ShouldBe(2);
        list[1][0].ShouldBe("1");
        list[1].ShouldContain(receipt.ReceiptNumber);
        list[1].ShouldContain("Nhỏ");
        list[1].ShouldContain("Đồng bằng sông Hồng");
        WorkbookText.FirstRowIsFrozen(report, CloseoutWorkbook.ListSheet).ShouldBeTrue();
        WorkbookText.Sheet(report, CloseoutWorkbook.SummarySheet).ShouldContain(row => row.Contains("Tổng số hồ sơ đã nhận") && row.Contains("1"));
        (await BlobNames(StorageNames.ReportsContainer)).ShouldBe([
            ReportStore.WordReportName(_callId, 1), ReportStore.ArchiveName(_callId, 1),
            ReportStore.WorkbookName(_callId, 1), ReportStore.ManifestName(_callId, 1),
        ], ignoreOrder: true);

        var staffEmail = File.ReadAllText(_pipeline.OutboxFiles().Last());
        staffEmail.ShouldContain("To: canbo@chicuc.test");
        staffEmail.ShouldContain($"/staff/?call={_callId}");
        staffEmail.ShouldContain($"{_callId}-tong-hop-de-xuat.xlsx: http");
        staffEmail.ShouldContain("sig=");

        (await CloseOwnCall(closeout)).State.ShouldBe(CloseoutState.AlreadyDone);
        _pipeline.OutboxFiles().Length.ShouldBe(2);
    }

    [Fact]
    public async Task The_classify_message_is_base64_JSON_as_the_queue_trigger_expects()
    {
        var receipt = await SubmitAndValidateAsync();
        var raw = new QueueClient(_azurite.ConnectionString, StorageNames.ClassifyQueue); // no decoding: what is on the wire
        var messages = (await raw.ReceiveMessagesAsync(32)).Value;
        var message = messages.Single(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString())).Contains(receipt.SubmissionId));
        var json = JsonDocument.Parse(Convert.FromBase64String(message.Body.ToString())).RootElement;
        json.GetProperty("callId").GetString().ShouldBe(_callId);
        json.GetProperty("submissionId").GetString().ShouldBe(receipt.SubmissionId);
        await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    [Fact]
    public async Task A_redelivered_message_classifies_once_and_emails_once()
    {
        var receipt = await SubmitAndValidateAsync();
        var stage = _pipeline.Get<ClassificationStage>();
        await stage.ClassifyAsync(new ClassifyMessage(_callId, receipt.SubmissionId), default);
        var first = await Record(receipt.SubmissionId);
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(10));
        await stage.ClassifyAsync(new ClassifyMessage(_callId, receipt.SubmissionId), default);
        await stage.ClassifyAsync(new ClassifyMessage(_callId, receipt.SubmissionId), default);

        (await Record(receipt.SubmissionId)).ClassifiedAtUtc.ShouldBe(first.ClassifiedAtUtc);
        _pipeline.OutboxFiles().Length.ShouldBe(1);
        var ledger = await _pipeline.Get<EmailLedger>().FindAsync(receipt.SubmissionId, ReceiptEmail.Kind, default);
        ledger!.State.ShouldBe(EmailLedgerEntry.Sent);
        ledger.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_document_that_fails_the_deep_checks_is_rejected_and_the_submitter_told_what_to_fix()
    {
        // Intake refuses such a file today; one that reached storage another way is still caught here.
        var accepted = await _pipeline.SubmitUncheckedAsync(Incoming.Submission(_callId, docx: SampleDocuments.DocxWithMacros()));
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        var record = await Record(accepted.Receipt.SubmissionId);
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.RejectionReasons.ShouldHaveSingleItem().En.ShouldContain("macros");

        await _pipeline.ClassifyQueuedAsync(_callId);
        record = await Record(accepted.Receipt.SubmissionId);
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.HasLeftPipeline.ShouldBeTrue();
        var email = File.ReadAllText(_pipeline.OutboxFiles().ShouldHaveSingleItem());
        email.ShouldContain("macro");
        email.ShouldContain("vui lòng sửa và gửi lại");
    }

    [Fact]
    public async Task Validating_twice_changes_nothing()
    {
        var receipt = await SubmitAndValidateAsync();
        var before = await Record(receipt.SubmissionId);
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(1));
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, receipt.SubmissionId, default);
        (await Record(receipt.SubmissionId)).ValidatedAtUtc.ShouldBe(before.ValidatedAtUtc);
    }

    [Fact]
    public async Task The_closeout_waits_for_submissions_in_flight_and_then_reports_them_marked()
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();
        var closeout = _pipeline.Get<CloseoutStage>();

        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(5));
        var draining = await CloseOwnCall(closeout);
        draining.State.ShouldBe(CloseoutState.Draining);
        draining.InFlightCount.ShouldBe(1);
        (await BlobNames(StorageNames.ReportsContainer)).ShouldBeEmpty();

        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(31));
        var written = await CloseOwnCall(closeout);
        written.State.ShouldBe(CloseoutState.Written);
        written.InFlightCount.ShouldBe(1);
        var row = WorkbookText.Sheet(await ReportAsync(), CloseoutWorkbook.ExcludedSheet)[1];
        row.ShouldContain(accepted.Receipt.ReceiptNumber);
        row.ShouldContain("Đang xử lý");
        File.ReadAllText(_pipeline.OutboxFiles().ShouldHaveSingleItem()).ShouldContain("1 hồ sơ chưa xử lý xong");
    }

    [Fact]
    public async Task Two_closeouts_at_once_write_one_report_and_one_staff_email()
    {
        await SubmitAndValidateAsync();
        await _pipeline.ClassifyQueuedAsync(_callId);
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(2));
        await using var secondHost = await PipelineServices.StartAsync(_azurite, Deadline.AddMinutes(2), _settings);

        var outcomes = await Task.WhenAll(
            CloseOwnCall(_pipeline.Get<CloseoutStage>()),
            CloseOwnCall(secondHost.Get<CloseoutStage>()));

        outcomes.ShouldAllBe(o => o.State == CloseoutState.Written || o.State == CloseoutState.AlreadyDone);
        (await BlobNames(StorageNames.ReportsContainer)).Count.ShouldBe(4);
        var staffEmails = _pipeline.OutboxFiles().Concat(secondHost.OutboxFiles())
            .Count(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test"));
        staffEmails.ShouldBe(1);
    }

    [Fact]
    public async Task A_poisoned_submission_is_shown_to_staff_named_in_the_report_and_replayed_once_fixed()
    {
        var receipt = await SubmitAndValidateAsync();
        var fields = _pipeline.SubmissionBlob(_callId, receipt.SubmissionId, StorageNames.SubmissionFieldsBlob);
        var saved = (await fields.DownloadContentAsync()).Value.Content;
        await fields.DeleteAsync(); // the fault: classification cannot read the submitted fields
        var message = (await Storage.ClassifyQueue.ReceiveMessagesAsync(32)).Value
            .Single(m => ClassifyMessage.Parse(m.MessageText).SubmissionId == receipt.SubmissionId);
        for (var attempt = 0; attempt < PipelineOptions.ClassifyMaxDequeueCount; attempt++)
        {
            await Should.ThrowAsync<Azure.RequestFailedException>(
                () => _pipeline.Get<ClassificationStage>().ClassifyAsync(ClassifyMessage.Parse(message.MessageText), default));
        }

        // What the queue trigger does after the last try.
        await Storage.ClassifyPoisonQueue.SendMessageAsync(message.MessageText);
        await Storage.ClassifyQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        var stuck = _pipeline.Get<Staff.StuckSubmissions>();
        var listed = (await stuck.ListAsync(_callId, default)).Submissions.ShouldHaveSingleItem();
        listed.SubmissionId.ShouldBe(receipt.SubmissionId);
        listed.Poisoned.ShouldBeTrue();
        listed.Status.ShouldBe(SubmissionStatus.Validated);
        listed.ClassifyFailures.ShouldBe(5);
        listed.LastError!.ShouldContain("BlobNotFound");

        // The closeout does not wait for it until the drain timeout, and names it with the reason.
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        (await CloseOwnCall(_pipeline.Get<CloseoutStage>())).State.ShouldBe(CloseoutState.Written);
        var row = WorkbookText.Sheet(await ReportAsync(), CloseoutWorkbook.ExcludedSheet)[1];
        row.ShouldContain("Lỗi xử lý, chờ cán bộ");
        row.ShouldContain(r => r.Contains("BlobNotFound"));
        var staffEmail = File.ReadAllText(_pipeline.OutboxFiles().Single(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test")));
        staffEmail.ShouldContain(receipt.ReceiptNumber + " (" + receipt.SubmissionId + "): lỗi xử lý");

        await fields.UploadAsync(saved); // fixed
        (await stuck.ReplayAsync(_callId, receipt.SubmissionId, "test staff", default)).ShouldBeTrue();
        (await Storage.ClassifyPoisonQueue.PeekMessagesAsync(32)).Value.ShouldBeEmpty();
        await _pipeline.ClassifyQueuedAsync(_callId);
        (await Record(receipt.SubmissionId)).Status.ShouldBe(SubmissionStatus.Classified);
        (await stuck.ReplayAsync(_callId, receipt.SubmissionId, "test staff", default)).ShouldBeTrue(); // again: nothing to do
        (await Storage.ClassifyQueue.PeekMessagesAsync(32)).Value.ShouldNotContain(m => m.MessageText.Contains(receipt.SubmissionId));
        (await stuck.ListAsync(_callId, default)).Submissions.ShouldBeEmpty();
        _pipeline.OutboxFiles().Count(f => File.ReadAllText(f).Contains("To: binh.tran@cokhi-hp.vn")).ShouldBe(1);
    }

    [Fact]
    public async Task A_host_down_over_the_deadline_writes_the_report_on_its_first_run_after_it()
    {
        var receipt = await SubmitAndValidateAsync();
        await _pipeline.ClassifyQueuedAsync(_callId);
        _pipeline.Clock.SetUtcNow(Deadline.AddSeconds(-1));
        (await CloseOwnCall(_pipeline.Get<CloseoutStage>())).State.ShouldBe(CloseoutState.NotDue);
        (await BlobNames(StorageNames.ReportsContainer)).ShouldBeEmpty();

        // The host goes down before the deadline and comes back three hours after it.
        await using var restarted = await PipelineServices.StartAsync(_azurite, Deadline.AddHours(3), _settings);
        var outcome = (await restarted.Get<CloseoutStage>().RunAsync(default)).Single(o => o.CallId == _callId);
        outcome.State.ShouldBe(CloseoutState.Written);
        outcome.SubmissionCount.ShouldBe(1);
        WorkbookText.Sheet(await ReportAsync(), CloseoutWorkbook.ListSheet)[1].ShouldContain(receipt.ReceiptNumber);
        restarted.OutboxFiles().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_reconciler_removes_what_intake_never_finished_and_sends_stalled_ones_on_and_reports_it()
    {
        var orphanId = Guid.NewGuid().ToString("N");
        await _pipeline.SubmissionBlob(_callId, orphanId, StorageNames.SignedScanBlob).UploadAsync(BinaryData.FromString("%PDF-1.7"));
        var unfinished = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        await _pipeline.SubmissionBlob(_callId, unfinished.SubmissionId, StorageNames.SubmissionFieldsBlob).DeleteAsync(); // died before its last write
        var received = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        var validated = await SubmitAndValidateAsync();
        var reconciler = _pipeline.Get<Reconcile.Reconciler>();

        (await reconciler.ReconcileAsync(_callId, default)).ChangedAnything.ShouldBeFalse(); // all younger than StuckAfter

        _pipeline.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(11));
        var report = await reconciler.ReconcileAsync(_callId, default);
        report.OrphanBlobsDeleted.ShouldBe([orphanId]);
        report.UnfinishedIntakesRemoved.ShouldBe([unfinished.SubmissionId]);
        report.Revalidated.ShouldBe([received.SubmissionId]);
        report.RequeuedForClassification.ShouldBe([validated.SubmissionId]);
        (await Submissions.FindAsync(_callId, unfinished.SubmissionId, default)).ShouldBeNull();
        (await BlobNames()).ShouldAllBe(name => name.Contains(received.SubmissionId) || name.Contains(validated.SubmissionId));

        await _pipeline.ClassifyQueuedAsync(_callId);
        (await Record(received.SubmissionId)).Status.ShouldBe(SubmissionStatus.Classified);
        (await Record(validated.SubmissionId)).Status.ShouldBe(SubmissionStatus.Classified);
        (await reconciler.ReconcileAsync(_callId, default)).ChangedAnything.ShouldBeFalse();
        _pipeline.OutboxFiles().Length.ShouldBe(2);
    }

    private SubmissionStore Submissions => _pipeline.Get<SubmissionStore>();

    private async Task<SubmissionReceipt> SubmitAndValidateAsync()
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return accepted.Receipt;
    }

    private Task<CloseoutOutcome> CloseOwnCall(CloseoutStage closeout) =>
        closeout.CloseAsync(_pipeline.Get<Calls.CallCatalog>().Find(_callId)!, default);

    /// <summary>Every blob and every table row the pipeline wrote, read back as text: none holds the token.</summary>
    private async Task TokenIsStoredNowhere(string token)
    {
        await foreach (var blob in Storage.Submissions.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, _callId + "/", default))
        {
            var content = (await Storage.Submissions.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            System.Text.Encoding.Latin1.GetString(content).ShouldNotContain(token, customMessage: blob.Name);
        }

        foreach (var table in new[] { Storage.SubmissionsTable, Storage.IntakeKeysTable, Storage.EmailLedgerTable, Storage.TaxCodeIndexTable })
        {
            await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                string.Join('|', row.Select(column => column.Value)).ShouldNotContain(token, customMessage: table.Name);
            }
        }
    }

    private async Task<SubmissionRecord> Record(string submissionId) =>
        (await _pipeline.Get<SubmissionStore>().FindAsync(_callId, submissionId, default)).ShouldNotBeNull();

    private async Task<List<string>> BlobNames(string container = StorageNames.SubmissionsContainer)
    {
        var client = _pipeline.Get<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(container);
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, _callId + "/", default))
        {
            names.Add(blob.Name);
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    private async Task<MemoryStream> ReportAsync()
    {
        var blob = Storage.Reports.GetBlobClient(ReportStore.WorkbookName(_callId, CloseoutStage.FirstRevision));
        var buffer = new MemoryStream();
        await blob.DownloadToAsync(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
