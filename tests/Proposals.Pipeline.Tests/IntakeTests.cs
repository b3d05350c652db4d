using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>Intake over real Azurite: what it accepts, and that what it refuses leaves nothing behind.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class IntakeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public IntakeTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(_azurite, Deadline.AddDays(-1), TestCalls.Settings(_callId, Deadline));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private IntakeStage Intake => _pipeline.Get<IntakeStage>();

    [Fact]
    public async Task Rejects_a_submission_after_the_deadline_and_says_when_it_closed()
    {
        _pipeline.Clock.SetUtcNow(Deadline);
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId), default);
        outcome.ShouldBeOfType<IntakeOutcome.CallClosed>().Call.Id.ShouldBe(_callId);
        await ShouldHaveStoredNothingAsync();
    }

    [Fact]
    public async Task Late_attempts_are_recorded_only_with_a_valid_tax_code_and_a_few_per_tax_code()
    {
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(3));
        var taxCode = SampleProposal.UniqueTaxCode();
        for (var i = 0; i < 6; i++)
        {
            await Intake.SubmitAsync(Incoming.Submission(_callId, SampleProposal.Fields(f =>
            {
                f["taxCode"] = taxCode;
                f["taskName"] = $"Lần thử {i}";
            })), default);
        }

        // Free text under a tax code that is no tax code: nothing is kept.
        foreach (var garbage in new[] { "not-a-tax-code", "0100233489", string.Empty })
        {
            await Intake.SubmitAsync(Incoming.Submission(_callId, SampleProposal.Fields(f =>
            {
                f["taxCode"] = garbage;
                f["enterpriseName"] = new string('x', 300);
            })), default);
        }

        var late = await _pipeline.Get<LateAttempts>().ListAsync(_callId, default);
        late.Count.ShouldBe(LateAttempts.MaxPerTaxCode);
        late.ShouldAllBe(a => a.TaxCode == taxCode);
        late.Select(a => a.TaskName).ShouldBe(["Lần thử 0", "Lần thử 1", "Lần thử 2"]);
    }

    [Fact]
    public async Task A_scan_longer_than_the_form_is_refused_with_the_reason_and_nothing_is_stored()
    {
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, pdf: SampleDocuments.PdfWithPages(7)), default);

        var error = outcome.ShouldBeOfType<IntakeOutcome.Invalid>().Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("signedScan");
        error.Vi.ShouldBe("Bản quét có 7 trang; phiếu đề xuất tối đa 4 trang A4. Hãy chỉ quét phiếu đề xuất đã ký, đóng dấu.");
        await ShouldHaveStoredNothingAsync();
        (await Intake.SubmitAsync(Incoming.Submission(_callId, pdf: SampleDocuments.PdfWithPages(4)), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>("four pages is the form");
    }

    [Fact]
    public async Task Accepts_a_submission_one_tick_before_the_deadline()
    {
        _pipeline.Clock.SetUtcNow(Deadline.AddTicks(-1));
        (await Intake.SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
    }

    [Fact]
    public async Task Unknown_calls_are_not_found() =>
        (await Intake.SubmitAsync(Incoming.Submission("no-such-call"), default)).ShouldBeOfType<IntakeOutcome.UnknownCall>();

    [Fact]
    public async Task Invalid_fields_are_listed_and_nothing_is_stored()
    {
        var fields = SampleProposal.Fields(f =>
        {
            f["taxCode"] = "0100233480";
            f.Remove("taskName");
        });
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, fields), default);
        outcome.ShouldBeOfType<IntakeOutcome.Invalid>().Errors.Select(e => e.Field).ShouldBe(["taskName", "taxCode"], ignoreOrder: true);
        await ShouldHaveStoredNothingAsync();
    }

    [Theory]
    [InlineData("signedScan")]
    [InlineData("editableForm")]
    public async Task A_missing_document_is_a_field_error(string field)
    {
        var submission = Incoming.Submission(_callId);
        var documents = submission.Documents.Where(d => d.Key != field).ToDictionary();
        var outcome = await Intake.SubmitAsync(submission with { Documents = documents }, default);
        outcome.ShouldBeOfType<IntakeOutcome.Invalid>().Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
        await ShouldHaveStoredNothingAsync();
    }

    [Fact]
    public async Task A_PDF_holding_an_executable_is_refused_by_its_bytes()
    {
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, pdf: SampleDocuments.Executable()), default);
        outcome.ShouldBeOfType<IntakeOutcome.UnsupportedDocument>().Errors.ShouldHaveSingleItem().Field.ShouldBe("signedScan");
        await ShouldHaveStoredNothingAsync();
    }

    [Theory]
    [InlineData("phieu.docm")]
    [InlineData("phieu.docx.exe")]
    public async Task Only_docx_names_are_accepted_for_the_editable_form(string name)
    {
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, docxName: name), default);
        outcome.ShouldBeOfType<IntakeOutcome.UnsupportedDocument>();
        await ShouldHaveStoredNothingAsync();
    }

    public static TheoryData<string, byte[]?, byte[]?, string> HostileDocuments() => new()
    {
        { "a PDF that only starts like one", "%PDF-1.7\nnot a PDF body"u8.ToArray(), null, "cannot be read" },
        { "a PDF that runs script when opened", SampleDocuments.Pdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> "), null, "script" },
        { "a PDF that launches a program", SampleDocuments.Pdf("/OpenAction << /S /Launch /F (cmd.exe) >> "), null, "launches a program" },
        { "a PDF with an embedded file", SampleDocuments.Pdf("/Names << /EmbeddedFiles << /Names [(x.exe) 4 0 R] >> >> ", "", "<< /Type /Filespec /F (x.exe) >>"), null, "attached files" },
        { "an encrypted PDF", SampleDocuments.EncryptedPdf(), null, "encrypted" },
        { "a .docm saved as .docx", null, SampleDocuments.DocxWithContentType("application/vnd.ms-word.document.macroEnabled.main+xml"), "macros" },
        { "a Word file with a remote template", null, SampleDocuments.DocxWithExternalRelationship("attachedTemplate", "https://attacker.example/t.dotm"), "remote template" },
        { "a zip that is not a Word document", null, SampleDocuments.ZipThatIsNotWord(), "not a Word document" },
    };

    /// <summary>Decided from the bytes intake holds, so the enterprise hears it at once and can send a corrected file.</summary>
    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task A_hostile_or_broken_document_is_refused_at_intake_and_nothing_is_stored(string what, byte[]? pdf, byte[]? docx, string reason)
    {
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, pdf: pdf, docx: docx), default);

        outcome.ShouldBeOfType<IntakeOutcome.UnsupportedDocument>(what).Errors.ShouldHaveSingleItem().En.ShouldContain(reason);
        await ShouldHaveStoredNothingAsync();
    }

    public static TheoryData<GeneratedDocument> GeneratedHostileDocuments() =>
        [.. Testing.HostileDocuments.HostilePdfs().Where(d => d.Refusal is not null), .. Testing.HostileDocuments.HostileDocxs()];

    /// <summary>Every class of the generated corpus, through intake: a refusal that names what was found (415 ProblemDetails), nothing stored.</summary>
    [Theory]
    [MemberData(nameof(GeneratedHostileDocuments))]
    public async Task Every_generated_hostile_document_is_refused_at_intake_with_what_was_found_and_nothing_is_stored(GeneratedDocument document)
    {
        var isPdf = document.FileName.EndsWith(".pdf", StringComparison.Ordinal);
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, pdf: isPdf ? document.Bytes : null, docx: isPdf ? null : document.Bytes), default);

        var errors = outcome.ShouldBeOfType<IntakeOutcome.UnsupportedDocument>(document.Class).Errors;
        errors.ShouldContain(e => e.En.Contains(document.Refusal!, StringComparison.Ordinal), document.Class);
        errors.ShouldAllBe(e => e.Vi.Length > 0);
        await ShouldHaveStoredNothingAsync();
    }

    [Fact]
    public async Task The_benign_controls_a_PDF_with_a_web_link_and_a_Word_file_with_a_hyperlink_pictures_and_a_table_are_accepted()
    {
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId,
            pdf: Testing.HostileDocuments.PdfWithWebLink(), docx: Testing.HostileDocuments.DocxWithHyperlinkPicturesAndTable()), default);

        outcome.ShouldBeOfType<IntakeOutcome.Accepted>();
    }

    [Fact]
    public async Task A_DOCX_that_is_not_a_zip_is_refused()
    {
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, docx: SampleDocuments.Pdf()), default);
        outcome.ShouldBeOfType<IntakeOutcome.UnsupportedDocument>().Errors.ShouldHaveSingleItem().Field.ShouldBe("editableForm");
        await ShouldHaveStoredNothingAsync();
    }

    [Fact]
    public async Task A_document_over_the_limit_is_too_large()
    {
        var big = new byte[11 * 1024 * 1024];
        "%PDF-"u8.CopyTo(big);
        var outcome = await Intake.SubmitAsync(Incoming.Submission(_callId, pdf: big), default);
        outcome.ShouldBeOfType<IntakeOutcome.DocumentTooLarge>().Errors.ShouldHaveSingleItem().Field.ShouldBe("signedScan");
        await ShouldHaveStoredNothingAsync();
    }

    [Theory]
    [InlineData("../../x.pdf", "x.pdf")]
    [InlineData("a.php%00.pdf", "a.php.pdf")]
    [InlineData("C:\\Users\\An\\Bản quét.pdf", "Bản quét.pdf")]
    public async Task Hostile_file_names_are_stored_under_generated_names_and_kept_sanitised(string name, string kept)
    {
        var accepted = (await Intake.SubmitAsync(Incoming.Submission(_callId, pdfName: name), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        var record = await _pipeline.Get<SubmissionStore>().FindAsync(_callId, accepted.Receipt.SubmissionId, default);
        record!.SignedScanOriginalName.ShouldBe(kept);
        var blob = _pipeline.SubmissionBlob(_callId, accepted.Receipt.SubmissionId, StorageNames.SignedScanBlob);
        (await blob.ExistsAsync()).Value.ShouldBeTrue();
    }

    [Fact]
    public async Task A_300_character_file_name_is_shortened_keeping_its_extension()
    {
        var accepted = (await Intake.SubmitAsync(Incoming.Submission(_callId, pdfName: new string('a', 296) + ".pdf"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();
        var record = await _pipeline.Get<SubmissionStore>().FindAsync(_callId, accepted.Receipt.SubmissionId, default);
        record!.SignedScanOriginalName.Length.ShouldBe(DocumentNames.MaxLength);
        record.SignedScanOriginalName.ShouldEndWith(".pdf");
    }

    [Fact]
    public async Task The_same_Idempotency_Key_gives_the_same_receipt_and_one_submission()
    {
        var first = (await Intake.SubmitAsync(Incoming.Submission(_callId, idempotencyKey: "form-attempt-1"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();
        var again = (await Intake.SubmitAsync(Incoming.Submission(_callId, idempotencyKey: "form-attempt-1"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>();

        again.Replayed.ShouldBeTrue();
        again.Receipt.ShouldBe(first.Receipt);
        (await _pipeline.RowsAsync(_callId)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_retry_after_an_attempt_died_half_way_finishes_it_under_the_same_identity()
    {
        var submissions = _pipeline.Get<SubmissionStore>();
        var storage = _pipeline.Get<PipelineStorage>();
        var otherEnterprise = SampleProposal.FieldsOfAnotherEnterprise();

        // One attempt died after its row (no submission.json); another before its row (only the claim and documents).
        var diedAfterRow = (await Intake.SubmitAsync(Incoming.Submission(_callId, idempotencyKey: "died-after-row"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        await _pipeline.SubmissionBlob(_callId, diedAfterRow.SubmissionId, StorageNames.SubmissionFieldsBlob).DeleteAsync();
        var diedBeforeRow = (await Intake.SubmitAsync(Incoming.Submission(_callId, otherEnterprise, idempotencyKey: "died-before-row"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        await _pipeline.SubmissionBlob(_callId, diedBeforeRow.SubmissionId, StorageNames.SubmissionFieldsBlob).DeleteAsync();
        await storage.SubmissionsTable.DeleteEntityAsync(_callId, diedBeforeRow.SubmissionId);

        (await Intake.SubmitAsync(Incoming.Submission(_callId, idempotencyKey: "died-after-row"), default))
            .ShouldBeOfType<IntakeOutcome.DuplicateInFlight>("the first attempt may still be running");
        _pipeline.Clock.Advance(ClaimOnce.AbandonedClaimAge + TimeSpan.FromSeconds(1));

        var afterRow = (await Intake.SubmitAsync(Incoming.Submission(_callId, idempotencyKey: "died-after-row"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        afterRow.ShouldBe(diedAfterRow, "same submission, token and the receipt number its row already had");
        var beforeRow = (await Intake.SubmitAsync(Incoming.Submission(_callId, otherEnterprise, idempotencyKey: "died-before-row"), default))
            .ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        beforeRow.SubmissionId.ShouldBe(diedBeforeRow.SubmissionId);
        beforeRow.TrackingToken.ShouldBe(diedBeforeRow.TrackingToken);

        (await _pipeline.RowsAsync(_callId)).Select(r => r.SubmissionId)
            .ShouldBe([diedAfterRow.SubmissionId, diedBeforeRow.SubmissionId], ignoreOrder: true);
        (await _pipeline.SubmissionBlob(_callId, diedAfterRow.SubmissionId, StorageNames.SubmissionFieldsBlob).ExistsAsync()).Value.ShouldBeTrue();
        (await _pipeline.SubmissionBlob(_callId, diedBeforeRow.SubmissionId, StorageNames.SubmissionFieldsBlob).ExistsAsync()).Value.ShouldBeTrue();
    }

    [Fact]
    public async Task Receipt_numbers_count_up_per_call()
    {
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await Intake.SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>().Receipt.ReceiptNumber);
        }

        numbers.Select(n => n[^6..]).ShouldBe(["000001", "000002", "000003"]);
    }

    private async Task ShouldHaveStoredNothingAsync()
    {
        (await _pipeline.RowsAsync(_callId)).ShouldBeEmpty();
        var storage = _pipeline.Get<PipelineStorage>();
        await foreach (var blob in storage.Submissions.GetBlobsAsync(
            Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, _callId + "/", default))
        {
            throw new ShouldAssertException($"Blob {blob.Name} was stored for a refused submission.");
        }
    }
}
