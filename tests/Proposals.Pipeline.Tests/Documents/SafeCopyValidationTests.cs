using System.IO.Compression;
using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// The examination stage writes a safe copy of each accepted document, over Azurite; staff and the report's ZIP get
/// the safe copy, and the original only on request, on the audit trail.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SafeCopyValidationTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public SafeCopyValidationTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(_azurite, DateTimeOffset.UtcNow, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(3)));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task The_validate_stage_writes_safe_copies_and_lists_the_PDF_web_links_for_staff()
    {
        var id = await SubmitAndValidateAsync();

        var record = (await _pipeline.Get<SubmissionStore>().FindAsync(_callId, id, default))!;
        record.ReviewWarnings.ShouldContain(w => w.Field == ProposalFields.SignedScan && w.En.Contains("https://cokhi-hp.vn/gioi-thieu", StringComparison.Ordinal));
        var pdf = await DownloadAsync(id, StorageNames.SafeCopyBlob(StorageNames.SignedScanBlob));
        var inspection = PdfStructure.Inspect(pdf);
        (inspection.Problems.Count, inspection.Pages, inspection.Links.Count).ShouldBe((0, 2, 0));
        var docx = await DownloadAsync(id, StorageNames.SafeCopyBlob(StorageNames.EditableFormBlob));
        DocumentChecks.CheckDocx(new MemoryStream(docx)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_get_the_safe_copy_by_default_and_the_original_on_request_on_the_audit_trail()
    {
        var id = await SubmitAndValidateAsync();
        var details = _pipeline.Get<SubmissionDetails>();

        var safe = (await details.DocumentLinkAsync(_callId, id, ProposalFields.SignedScan, confirmed: false, "Nguyễn Văn An", default))
            .ShouldBeOfType<DocumentAccess.Granted>();
        safe.Link.Url.ShouldContain("/safe/" + StorageNames.SignedScanBlob);
        (await _pipeline.Get<AuditTrail>().ListAsync(_callId, id, default)).ShouldBeEmpty("opening the safe copy is ordinary");

        var original = (await details.DocumentLinkAsync(_callId, id, ProposalFields.SignedScan, confirmed: false, original: true, "Nguyễn Văn An", default))
            .ShouldBeOfType<DocumentAccess.Granted>();
        original.Link.Url.ShouldNotContain("/safe/");
        var audit = (await _pipeline.Get<AuditTrail>().ListAsync(_callId, id, default)).ShouldHaveSingleItem();
        (audit.Action, audit.Actor, audit.Note).ShouldBe((AuditActions.DownloadOriginalDocument, "Nguyễn Văn An", ProposalFields.SignedScan));
    }

    [Fact]
    public async Task The_report_ZIP_holds_the_safe_copies()
    {
        var id = await SubmitAndValidateAsync();
        var store = _pipeline.Get<SubmissionStore>();
        var record = (await store.FindAsync(_callId, id, default))!;

        using var zip = new MemoryStream();
        await AttachmentsArchive.WriteAsync(zip, [record], store, default);

        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        var entries = archive.Entries.ToDictionary(e => Path.GetExtension(e.Name), e => Read(e));
        entries[".pdf"].ShouldBe(await DownloadAsync(id, StorageNames.SafeCopyBlob(StorageNames.SignedScanBlob)));
        entries[".docx"].ShouldBe(await DownloadAsync(id, StorageNames.SafeCopyBlob(StorageNames.EditableFormBlob)));
    }

    private async Task<string> SubmitAndValidateAsync()
    {
        var outcome = await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId,
            pdf: HostileDocuments.PdfWithWebLink("https://cokhi-hp.vn/gioi-thieu"), docx: HostileDocuments.DocxWithHyperlinkPicturesAndTable()), default);
        var id = outcome.ShouldBeOfType<IntakeOutcome.Accepted>().Receipt.SubmissionId;
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, id, default);
        return id;
    }

    private async Task<byte[]> DownloadAsync(string id, string blob) =>
        (await _pipeline.SubmissionBlob(_callId, id, blob).DownloadContentAsync()).Value.Content.ToArray();

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
