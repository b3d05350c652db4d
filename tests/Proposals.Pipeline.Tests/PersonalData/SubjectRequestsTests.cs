using System.IO.Compression;
using System.Text.Json;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.PersonalData;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.PersonalData;

/// <summary>
/// A person's requests over Azurite on a fake clock: the export of everything held about a tax code or an email, the
/// correction of a contact, erasure where the law allows it and its refusal, with its basis, where it does not.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SubjectRequestsTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2026, 10, 30, 17, 0, 0, TimeSpan.FromHours(7));
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, Deadline, "canbo@chicuc.test");
        settings[$"Calls:{_callId}:Retention:DaysAfterDeadline"] = "1826";
        settings["Pipeline:ClassifyAtOnce"] = "false"; // submissions wait on the classify queue, where these tests look at them
        settings[$"Calls:{_callId}:Retention:Basis"] = "Danh mục hồ sơ của Chi cục: 05 năm";
        settings[$"Calls:{_callId}:Report:Addressees:0"] = "Ủy ban nhân dân thành phố Hải Phòng";
        _pipeline = await PipelineServices.StartAsync(azurite, Deadline.AddDays(-2), settings);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private Calls.CallCatalog Calls => _pipeline.Get<CallCatalog>();

    private SubjectRequests Requests => _pipeline.Get<SubjectRequests>();

    [Fact]
    public async Task The_export_of_a_tax_code_holds_its_rows_documents_emails_and_audit_in_one_zip_and_the_trail_never_holds_the_value()
    {
        var taxCode = SampleProposal.UniqueTaxCode();
        var first = await SubmitAsync(SampleProposal.Fields(f => f["taxCode"] = taxCode));
        var second = await SubmitAsync(SampleProposal.Fields(f => (f["taxCode"], f["taskName"]) = (taxCode, "Đào tạo chuyên gia năng suất cho doanh nghiệp")));
        await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise()); // someone else: not exported
        await _pipeline.ClassifyQueuedAsync(_callId);
        var export = _pipeline.Get<PersonalDataExport>();

        var (query, errors) = PersonalDataQuery.Parse(taxCode, null);
        errors.ShouldBeEmpty();
        var matches = await export.FindAsync(query!, default);
        matches.Select(m => m.Record.ReceiptNumber).ShouldBe([first.ReceiptNumber, second.ReceiptNumber]);

        using var zipped = new MemoryStream();
        await export.WriteAsync(query!, matches, "Nguyễn Thị Hoa", zipped, default);
        zipped.Position = 0;
        using var zip = new ZipArchive(zipped, ZipArchiveMode.Read);
        output.WriteLine(string.Join("\n", zip.Entries.Select(e => $"{e.FullName} {e.Length}")));
        using var index = JsonDocument.Parse(zip.GetEntry("index.json")!.Open());
        var listed = index.RootElement.GetProperty("submissions").EnumerateArray().ToList();
        listed.Count.ShouldBe(2);
        foreach (var entry in listed)
        {
            var files = entry.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
            files.ShouldContain(f => f.EndsWith("/files/" + StorageNames.SignedScanBlob, StringComparison.Ordinal));
            files.ShouldContain(f => f.EndsWith("/files/" + StorageNames.SubmissionFieldsBlob, StringComparison.Ordinal));
            files.ShouldAllBe(f => zip.GetEntry(f) != null);
            entry.GetProperty("emailsSent").GetInt32().ShouldBeGreaterThanOrEqualTo(1); // the receipt
            entry.GetProperty("privacyNoticeVersion").ValueKind.ShouldBe(JsonValueKind.Null); // the test call shows no notice
        }

        var row = JsonDocument.Parse(zip.GetEntry($"{_callId}/{first.SubmissionId}/row.json")!.Open()).RootElement;
        row.GetProperty("taxCode").GetString().ShouldBe(taxCode);
        var emails = JsonDocument.Parse(zip.GetEntry($"{_callId}/{first.SubmissionId}/emails.json")!.Open()).RootElement;
        emails.EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "receipt");

        var trail = await _pipeline.Get<AuditTrail>().ListAsync(_callId, null, default);
        trail.Where(a => a.Action == AuditActions.ExportPersonalData).Select(a => a.SubmissionId).ShouldBe([first.SubmissionId, second.SubmissionId], ignoreOrder: true);
        trail.ShouldAllBe(a => (a.Note ?? "").Contains(taxCode) == false && (a.Reason ?? "").Contains(taxCode) == false);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0100233488", "a@b.vn")]
    [InlineData("12345", null)]
    [InlineData(null, "not an address")]
    [InlineData(null, "x@y.vn\r\nBcc: z@w.vn")]
    [InlineData("' or PartitionKey ne '", null)]
    [InlineData(null, "a@b.vn' or TaxCode ne '")]
    public void A_request_needs_exactly_one_well_formed_tax_code_or_email(string? taxCode, string? email)
    {
        var (query, errors) = PersonalDataQuery.Parse(taxCode, email);
        query.ShouldBeNull();
        errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Erasure_before_the_report_leaves_a_redacted_row_that_still_counts_toward_the_total_and_nothing_else()
    {
        var call = Calls.Find(_callId)!;
        var erased = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        var kept = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await _pipeline.ClassifyQueuedAsync(_callId);
        var store = _pipeline.Get<SubmissionStore>();
        var taxCode = (await store.FindAsync(_callId, erased.SubmissionId, default))!.TaxCode;

        // Had it come by email, the record of that email (sender, subject) would name the person too.
        var inbound = _pipeline.Get<Inbound.InboundEmails>();
        var emailKey = Guid.NewGuid().ToString("N");
        await inbound.ClaimAsync(new Inbound.InboundEmailEntry { RowKey = emailKey, CallId = _callId, SubmissionId = erased.SubmissionId, From = "binh.tran@cokhi-hp.vn", Outcome = Inbound.InboundEmailEntry.Submission }, default);

        var done = (await Requests.EraseAsync(call, erased.SubmissionId, "Thư đề nghị ngày 20/10", "Nguyễn Thị Hoa", default)).ShouldBeOfType<SubjectRequestOutcome.Done>();
        done.Audit.Action.ShouldBe(AuditActions.Erase);
        var row = (await store.FindAsync(_callId, erased.SubmissionId, default))!;
        (row.EnterpriseName, row.TaxCode, row.ContactEmail, row.Status).ShouldBe((SubjectRequests.Redacted, "", "", SubmissionStatus.Classified));
        row.ErasedAtUtc.ShouldNotBeNull();
        row.IsCounted.ShouldBeFalse();
        (await store.FolderAsync(_callId, erased.SubmissionId, default)).ShouldBeEmpty();
        (await _pipeline.Get<EmailLedger>().ListScopeAsync(erased.SubmissionId, default)).ShouldBeEmpty();
        (await inbound.FindAsync(emailKey, default)).ShouldBeNull();
        (await _pipeline.RowsAsync(_callId)).Count.ShouldBe(2, "the redacted row stays, so the counts add up");
        (await store.FolderAsync(_callId, kept.SubmissionId, default)).ShouldNotBeEmpty();

        var (query, _) = PersonalDataQuery.Parse(taxCode, null);
        (await _pipeline.Get<PersonalDataExport>().FindAsync(query!, default)).ShouldBeEmpty();
        (await Requests.EraseAsync(call, erased.SubmissionId, null, "Nguyễn Thị Hoa", default)).ShouldBeOfType<SubjectRequestOutcome.AlreadyErased>();

        // The report written afterwards counts it among the received, not among the counted.
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        var closed = await _pipeline.Get<CloseoutStage>().CloseAsync(call, default);
        output.WriteLine($"closeout: {closed}");
        var run = (await _pipeline.Get<ReportRevisions>().ListAsync(_callId, default)).Single();
        (run.SubmissionCount, run.CountedCount).ShouldBe((2, 1));
    }

    [Fact]
    public async Task Erasure_after_the_report_is_refused_with_its_basis_on_the_trail_unless_the_proposal_was_withdrawn()
    {
        var call = Calls.Find(_callId)!;
        var counted = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        var withdrawn = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await _pipeline.ClassifyQueuedAsync(_callId);
        await _pipeline.Get<Exclusions>().ExcludeAsync(_callId, withdrawn.SubmissionId, ExclusionReasons.Withdrawn, "Công văn rút hồ sơ", "Nguyễn Thị Hoa", default);
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        await _pipeline.Get<CloseoutStage>().CloseAsync(call, default);

        var refused = (await Requests.EraseAsync(call, counted.SubmissionId, null, "Nguyễn Thị Hoa", default)).ShouldBeOfType<SubjectRequestOutcome.Refused>();
        output.WriteLine(refused.BasisVi);
        output.WriteLine(refused.BasisEn);
        refused.BasisVi.ShouldContain("Danh mục hồ sơ của Chi cục: 05 năm");
        refused.BasisVi.ShouldContain("Ủy ban nhân dân thành phố Hải Phòng");
        refused.Audit.Action.ShouldBe(AuditActions.RefuseErasure);
        refused.Audit.Note.ShouldBe(refused.BasisVi);
        (await _pipeline.Get<SubmissionStore>().FolderAsync(_callId, counted.SubmissionId, default)).ShouldNotBeEmpty();

        (await Requests.EraseAsync(call, withdrawn.SubmissionId, null, "Nguyễn Thị Hoa", default)).ShouldBeOfType<SubjectRequestOutcome.Done>();
    }

    [Fact]
    public async Task A_contact_is_corrected_by_the_forms_rules_with_a_reason_and_the_trail_names_the_fields_not_the_values()
    {
        var call = Calls.Find(_callId)!;
        var submitted = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        (await Requests.CorrectAsync(call, submitted.SubmissionId, new Dictionary<string, string?> { ["contactEmail"] = "x@y.vn" }, "sửa", "Hoa", default))
            .ShouldBeOfType<SubjectRequestOutcome.InPipeline>("validated, not yet classified");
        await _pipeline.ClassifyQueuedAsync(_callId);

        (await Requests.CorrectAsync(call, submitted.SubmissionId, new Dictionary<string, string?> { ["contactEmail"] = "not an email" }, "sửa", "Hoa", default))
            .ShouldBeOfType<SubjectRequestOutcome.Invalid>().Errors.ShouldContain(e => e.Field == "contactEmail");
        (await Requests.CorrectAsync(call, submitted.SubmissionId, new Dictionary<string, string?> { ["taxCode"] = "0100233488" }, "sửa", "Hoa", default))
            .ShouldBeOfType<SubjectRequestOutcome.Invalid>();
        (await Requests.CorrectAsync(call, submitted.SubmissionId, new Dictionary<string, string?> { ["contactPhone"] = "0912 000 111" }, "  ", "Hoa", default))
            .ShouldBeOfType<SubjectRequestOutcome.Invalid>().Errors.ShouldContain(e => e.Field == "reason");

        var done = (await Requests.CorrectAsync(call, submitted.SubmissionId,
            new Dictionary<string, string?> { ["contactEmail"] = "moi.lien.he@cokhi-hp.vn", ["contactPhone"] = "0912 000 111" },
            "Doanh nghiệp đổi người liên hệ (công văn 15/CV)", "Nguyễn Thị Hoa", default)).ShouldBeOfType<SubjectRequestOutcome.Done>();
        done.Record.ContactEmail.ShouldBe("moi.lien.he@cokhi-hp.vn");
        var fields = (await _pipeline.Get<SubmissionStore>().ReadFieldsAsync(_callId, submitted.SubmissionId, default)).Fields;
        fields["contactEmail"].ShouldBe("moi.lien.he@cokhi-hp.vn");
        output.WriteLine($"contactPhone stored as {fields["contactPhone"]}");
        fields["contactPhone"].ShouldContain("0912");
        (done.Audit.Action, done.Audit.Reason, done.Audit.Note).ShouldBe((AuditActions.CorrectContact, "contactEmail,contactPhone", "Doanh nghiệp đổi người liên hệ (công văn 15/CV)"));
    }

    private async Task<SubmissionReceipt> SubmitAsync(Dictionary<string, string> fields)
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, fields), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return accepted.Receipt;
    }
}
