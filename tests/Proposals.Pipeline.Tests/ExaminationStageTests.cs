using Proposals.Domain.Submissions;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>The examination stage's deep checks over Azurite: broken documents reject, a drifting Word file warns.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ExaminationStageTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public ExaminationStageTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(_azurite, DateTimeOffset.UtcNow, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(3)));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task A_Word_form_that_matches_the_posted_answers_passes_without_warnings()
    {
        var record = await SubmitAndValidateAsync(docx: A1Form.Filled(SampleProposal.Fields()));
        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.ReviewWarnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_Word_form_with_another_task_name_is_validated_with_a_warning_for_staff()
    {
        var inWord = SampleProposal.Fields(f => f["taskName"] = "Xây dựng TCVN cho sản phẩm OCOP");
        var record = await SubmitAndValidateAsync(docx: A1Form.Filled(inWord));
        record.Status.ShouldBe(SubmissionStatus.Classified);
        var warning = record.ReviewWarnings.ShouldHaveSingleItem();
        warning.Field.ShouldBe("taskName");
        warning.Vi.ShouldContain("Xây dựng TCVN cho sản phẩm OCOP");
    }

    [Fact]
    public async Task A_Word_file_that_does_not_follow_the_template_is_noted_not_rejected()
    {
        var record = await SubmitAndValidateAsync(docx: SampleDocuments.Docx());
        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.ReviewWarnings.ShouldHaveSingleItem().Field.ShouldBe("editableForm");
    }

    // Intake refuses such documents (IntakeTests); the examination stage still checks documents that reached
    // storage another way, i.e. whose submission.json does not say intake checked them.
    [Fact]
    public async Task A_PDF_that_starts_right_but_does_not_parse_is_rejected_when_intake_did_not_check_it()
    {
        var record = await ArrivedAnotherWayAndValidateAsync(pdf: "%PDF-1.7\nthis is not a PDF body at all"u8.ToArray());
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.RejectionReasons.ShouldHaveSingleItem().Field.ShouldBe("signedScan");
    }

    [Fact]
    public async Task A_zip_that_is_not_a_Word_document_is_rejected_when_intake_did_not_check_it()
    {
        var record = await ArrivedAnotherWayAndValidateAsync(docx: SampleDocuments.ZipThatIsNotWord());
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.RejectionReasons.ShouldHaveSingleItem().En.ShouldContain("not a Word document");
    }

    [Fact]
    public async Task A_PDF_with_script_is_rejected_when_intake_did_not_check_it()
    {
        var record = await ArrivedAnotherWayAndValidateAsync(pdf: SampleDocuments.Pdf("/OpenAction << /S /JavaScript /JS (x) >> "));
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.RejectionReasons.ShouldHaveSingleItem().En.ShouldContain("script");
    }

    [Fact]
    public async Task A_decided_submission_is_classified_at_once_and_its_receipt_sent_without_a_classify_message()
    {
        var record = await SubmitAndValidateAsync();
        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.EnterpriseSize.ShouldNotBeNull();
        _pipeline.OutboxFiles().ShouldContain(f => File.ReadAllText(f).Contains(record.ReceiptNumber!));
        (await ClassifyMessagesAsync()).ShouldNotContain(m => m.Contains(record.SubmissionId));
    }

    [Fact]
    public async Task When_classifying_at_once_fails_the_submission_goes_on_the_classify_queue_for_its_retries()
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        var id = accepted.Receipt.SubmissionId;

        // An instance that no longer serves the call: the examination rejects the submission, and classifying it throws.
        var otherCall = TestCalls.NewId();
        await using (var other = await PipelineServices.StartAsync(_azurite, DateTimeOffset.UtcNow, TestCalls.Settings(otherCall, DateTimeOffset.UtcNow.AddDays(3))))
        {
            await other.Get<ExaminationStage>().ExamineAsync(_callId, id, default);
        }

        var record = (await _pipeline.Get<SubmissionStore>().FindAsync(_callId, id, default)).ShouldNotBeNull();
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        (await ClassifyMessagesAsync()).ShouldContain(m => m.Contains(id));
    }

    private async Task<List<string>> ClassifyMessagesAsync() =>
        [.. (await _pipeline.Get<PipelineStorage>().ClassifyQueue.PeekMessagesAsync(32)).Value
            .Select(m => m.MessageText)]; // the client decodes the queue trigger's base64

    [Fact]
    public async Task A_PDF_over_the_size_limit_that_arrived_another_way_is_rejected_from_its_length_alone()
    {
        var oversized = new byte[(int)new PipelineOptions().MaxDocumentBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(oversized);
        var record = await ArrivedAnotherWayAndValidateAsync(pdf: oversized);
        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.RejectionReasons.ShouldHaveSingleItem().En.ShouldBe("The PDF file is too large.");
        (await _pipeline.SubmissionBlob(_callId, record.SubmissionId, StorageNames.SafeCopyBlob(StorageNames.SignedScanBlob)).ExistsAsync()).Value.ShouldBeFalse();
    }

    /// <summary>A submission whose documents were put in storage without intake's checks (another path, an older version).</summary>
    private async Task<SubmissionRecord> ArrivedAnotherWayAndValidateAsync(byte[]? pdf = null, byte[]? docx = null)
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        var store = _pipeline.Get<SubmissionStore>();
        var id = accepted.Receipt.SubmissionId;
        if (pdf is not null)
        {
            await _pipeline.SubmissionBlob(_callId, id, StorageNames.SignedScanBlob).UploadAsync(new BinaryData(pdf), overwrite: true);
        }

        if (docx is not null)
        {
            await _pipeline.SubmissionBlob(_callId, id, StorageNames.EditableFormBlob).UploadAsync(new BinaryData(docx), overwrite: true);
        }

        await store.WriteFieldsAsync((await store.ReadFieldsAsync(_callId, id, default)) with { DocumentsCheckedAtIntake = false }, default);
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, id, default);
        return (await store.FindAsync(_callId, id, default)).ShouldNotBeNull();
    }

    private async Task<SubmissionRecord> SubmitAndValidateAsync(byte[]? pdf = null, byte[]? docx = null)
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, pdf: pdf, docx: docx), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return (await _pipeline.Get<SubmissionStore>().FindAsync(_callId, accepted.Receipt.SubmissionId, default)).ShouldNotBeNull();
    }
}
