using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Examine;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The closeout report of a call with varied proposals, over Azurite on a fake clock: the four files,
/// opened and read back; once only; revisions on request.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CloseoutReportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;
    private readonly string _callId = TestCalls.NewId();
    private readonly Dictionary<string, string?> _settings;
    private PipelineServices _pipeline = null!;

    public CloseoutReportTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        (_azurite, _output) = (azurite, output);
        _settings = TestCalls.Settings(_callId, Deadline, "canbo@chicuc.test");
        _settings["Pipeline:ClassifyAtOnce"] = "false"; // submissions wait on the classify queue, where these tests look at them
        _settings[$"Programmes:{Programme}:Title"] = "Chương trình thử nghiệm";
        _settings[$"Programmes:{Programme}:Year"] = "2024";
        _settings[$"Programmes:{Programme}:Calls:0"] = _callId;
    }

    private string Programme => "p-" + _callId;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(_azurite, Deadline.AddHours(-3), _settings);

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private PipelineStorage Storage => _pipeline.Get<PipelineStorage>();

    [Fact]
    public async Task The_report_of_a_varied_call_holds_every_counted_proposal_once_in_four_files_that_open()
    {
        var small = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        var large = await SubmitAsync(SampleProposal.Fields(f =>
        {
            (f["taxCode"], f["enterpriseName"]) = (SampleProposal.UniqueTaxCode(), "Tổng công ty Đóng tàu Bạch Đằng");
            (f["employees"], f["annualRevenueVnd"], f["totalCapitalVnd"]) = ("900", "900000000000", "700000000000");
        }));
        var training = await SubmitAsync(SampleProposal.Fields(f =>
        {
            (f["taxCode"], f["taskName"], f["priorityArea"]) = (SampleProposal.UniqueTaxCode(), "Đào tạo chuyên gia năng suất", "5");
            f["contentsAndResults"] = "Đào tạo, tập huấn chuyên gia; học phần cho trường đại học.";
        }));
        var formula = await SubmitAsync(SampleProposal.Fields(f => (f["taxCode"], f["taskName"]) = (SampleProposal.UniqueTaxCode(), "=1+1")));
        var rejected = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise(), SampleDocuments.ZipThatIsNotWord());
        var resubmittedTaxCode = SampleProposal.UniqueTaxCode();
        var firstVersion = await SubmitAsync(SampleProposal.Fields(f => f["taxCode"] = resubmittedTaxCode));
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(30));
        var secondVersion = await SubmitAsync(SampleProposal.Fields(f =>
        {
            f["taxCode"] = resubmittedTaxCode;
            f[IntakeStage.ReplacesSubmissionIdField] = firstVersion.SubmissionId;
            f[IntakeStage.ReplacesTrackingTokenField] = firstVersion.TrackingToken;
        }));
        var withdrawn = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await _pipeline.ClassifyQueuedAsync(_callId);
        (await _pipeline.Get<Exclusions>().ExcludeAsync(_callId, withdrawn.SubmissionId, ExclusionReasons.Withdrawn, "Công văn số 12/CV ngày 20/4", "Nguyễn Thị Hoa", default))
            .ShouldBeOfType<ExclusionOutcome.Done>();

        // Accepted a second before the deadline, still in the queue when it passes.
        _pipeline.Clock.SetUtcNow(Deadline.AddSeconds(-1));
        var lastSecond = await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        _pipeline.Clock.SetUtcNow(Deadline.AddSeconds(2));
        (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, SampleProposal.FieldsOfAnotherEnterprise()), default))
            .ShouldBeOfType<IntakeOutcome.CallClosed>();

        var closeout = _pipeline.Get<CloseoutStage>();
        (await CloseAsync(closeout)).State.ShouldBe(CloseoutState.Draining);
        (await ReportBlobsAsync()).ShouldBeEmpty();
        await _pipeline.ClassifyQueuedAsync(_callId);
        var written = await CloseAsync(closeout);
        written.State.ShouldBe(CloseoutState.Written);
        written.Revision.ShouldBe(1);

        var counted = new[] { small, large, training, formula, secondVersion, lastSecond };
        var blobs = await ReportBlobsAsync();
        blobs.Keys.ShouldBe([ReportStore.WorkbookName(_callId, 1), ReportStore.WordReportName(_callId, 1), ReportStore.ArchiveName(_callId, 1), ReportStore.ManifestName(_callId, 1)], ignoreOrder: true);

        // The workbook: the counted list, literal text, and what was left out with reasons.
        using var xlsx = await DownloadAsync(ReportStore.WorkbookName(_callId, 1));
        var list = WorkbookText.Sheet(xlsx, CloseoutWorkbook.ListSheet);
        list.Skip(1).Select(r => r[1]).ShouldBe(counted.Select(c => c.ReceiptNumber), ignoreOrder: true);
        list.ShouldContain(r => r.Contains("=1+1"));
        list.Single(r => r[1] == large.ReceiptNumber).ShouldContain(r => r.Contains(EligibilityFlags.Vietnamese(EligibilityFlags.LargeEnterprise)));
        list.Single(r => r[1] == training.ReceiptNumber).ShouldContain(r => r.Contains(EligibilityFlags.Vietnamese(EligibilityFlags.PriorityAreaMismatch)));
        list.Single(r => r[1] == secondVersion.ReceiptNumber).ShouldContain("2"); // the version
        list.Single(r => r[1] == small.ReceiptNumber).ShouldContain(SignatureStates.Vietnamese(SignatureStates.NotSigned));
        xlsx.Position = 0;
        WorkbookText.HasFormulas(xlsx).ShouldBeFalse();
        xlsx.Position = 0;
        var excluded = WorkbookText.Sheet(xlsx, CloseoutWorkbook.ExcludedSheet);
        excluded.Single(r => r[0] == rejected.ReceiptNumber)[2].ShouldBe("Không hợp lệ");
        excluded.Single(r => r[0] == firstVersion.ReceiptNumber)[3].ShouldContain(secondVersion.ReceiptNumber);
        excluded.Single(r => r[2] == CloseoutWorkbook.Late)[4].ShouldBe("Công ty TNHH Cơ khí Chính xác Hải Phòng");
        var withdrawnRow = excluded.Single(r => r[0] == withdrawn.ReceiptNumber);
        withdrawnRow[2].ShouldBe(CloseoutWorkbook.ExcludedByStaff);
        withdrawnRow[3].ShouldBe("Doanh nghiệp đề nghị rút: Công văn số 12/CV ngày 20/4");
        withdrawnRow[8].ShouldBe("Nguyễn Thị Hoa");
        xlsx.Position = 0;
        var summary = WorkbookText.Sheet(xlsx, CloseoutWorkbook.SummarySheet);
        summary.ShouldContain(r => r[0].StartsWith("Số đề xuất đưa vào tổng hợp") && r[2] == "6");
        summary.ShouldContain(r => r[0] == "Theo quy mô doanh nghiệp" && r[1] == "Lớn" && r[2] == "1");

        // The Word report: one table row per counted proposal, two charts.
        using var docx = await DownloadAsync(ReportStore.WordReportName(_callId, 1));
        using (var word = WordprocessingDocument.Open(docx, false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            body.InnerText.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
            var proposals = body.Descendants<Table>().Last().Elements<TableRow>().Skip(1).Select(r => r.InnerText).ToList();
            proposals.Count.ShouldBe(counted.Length);
            proposals.ShouldContain(r => r.Contains("=1+1"));
            word.MainDocumentPart.ImageParts.Count().ShouldBe(2);
        }

        // The archive: each counted proposal's two documents, under its enterprise's folder.
        using var zip = await DownloadAsync(ReportStore.ArchiveName(_callId, 1));
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Read))
        {
            archive.Entries.Count.ShouldBe(counted.Length * 2);
            archive.Entries.ShouldContain(e => e.FullName.EndsWith($"/{large.ReceiptNumber}_ban-quet-co-chu-ky.pdf") && e.FullName.Contains("_tong-cong-ty-dong-tau-bach-dang/"));
            archive.Entries.ShouldNotContain(e => e.FullName.Contains(firstVersion.ReceiptNumber) || e.FullName.Contains(rejected.ReceiptNumber));
            using var pdf = archive.Entries.First(e => e.Name.EndsWith(".pdf", StringComparison.Ordinal)).Open();
            using var copy = new MemoryStream();
            await pdf.CopyToAsync(copy);
            // The safe copy the examination stage wrote (issue 21), not the original: the same page, nothing else.
            var inspection = Proposals.Pipeline.Documents.PdfStructure.Inspect(copy.ToArray());
            (inspection.Problems.Count, inspection.Pages).ShouldBe((0, 1));
            copy.ToArray().ShouldNotBe(SampleDocuments.Pdf());
        }

        // The manifest: every file with its real size and hash, the counts, the counted submissions.
        using var manifestStream = await DownloadAsync(ReportStore.ManifestName(_callId, 1));
        var manifest = JsonDocument.Parse(manifestStream).RootElement;
        manifest.GetProperty("submissions").GetProperty("counted").GetInt32().ShouldBe(6);
        manifest.GetProperty("submissions").GetProperty("superseded").GetInt32().ShouldBe(1);
        manifest.GetProperty("submissions").GetProperty("excluded").GetInt32().ShouldBe(1);
        var excludedEntry = manifest.GetProperty("excluded").EnumerateArray().Single();
        excludedEntry.GetProperty("receiptNumber").GetString().ShouldBe(withdrawn.ReceiptNumber);
        excludedEntry.GetProperty("reason").GetString().ShouldBe(ExclusionReasons.Withdrawn);
        excludedEntry.GetProperty("by").GetString().ShouldBe("Nguyễn Thị Hoa");
        excludedEntry.TryGetProperty("note", out _).ShouldBeFalse("free text may name people: it stays in the workbook");
        manifest.GetProperty("counted").EnumerateArray().Count(c => c.TryGetProperty("taxCode", out _)).ShouldBe(0, "the manifest carries ids and counts");
        manifest.GetProperty("submissions").GetProperty("lateRejected").GetInt32().ShouldBe(1);
        manifest.GetProperty("deadline").GetString().ShouldBe("2023-04-22T00:00:00+07:00");
        manifest.GetProperty("counted").EnumerateArray().Select(c => c.GetProperty("receiptNumber").GetString()).ShouldBe(counted.Select(c => c.ReceiptNumber), ignoreOrder: true);
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            using var content = await DownloadAsync(file.GetProperty("name").GetString()!);
            file.GetProperty("bytes").GetInt64().ShouldBe(content.Length);
            file.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        }

        // The staff email links every file, and the links download.
        var email = File.ReadAllText(_pipeline.OutboxFiles().Single(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test")));
        var links = email.Split('\n').Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal) && l.Contains("http", StringComparison.Ordinal))
            .Select(l => l[l.IndexOf("http", StringComparison.Ordinal)..].Trim()).Distinct().ToList();
        links.Count.ShouldBe(4);
        var manifestLink = new Uri(links.Single(l => l.Contains("manifest.json", StringComparison.Ordinal)));
        manifestLink.AbsolutePath.ShouldEndWith($"/reports/{_callId}/r001/manifest.json");
        var query = System.Web.HttpUtility.ParseQueryString(manifestLink.Query);
        query["sp"].ShouldBe("r");
        // Valid 48 hours from the (fake) now; that they download is proven against the real clock in CloseoutEndToEndTests.
        DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(_pipeline.Clock.GetUtcNow() + TimeSpan.FromHours(48), TimeSpan.FromSeconds(2));

        // Once: a second run, and a second host, change nothing.
        (await CloseAsync(closeout)).State.ShouldBe(CloseoutState.AlreadyDone);
        await using var secondHost = await PipelineServices.StartAsync(_azurite, Deadline.AddHours(1), _settings);
        (await CloseAsync(secondHost.Get<CloseoutStage>())).State.ShouldBe(CloseoutState.AlreadyDone);
        (await ReportBlobsAsync()).ShouldBe(blobs);
        _pipeline.OutboxFiles().Count(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test")).ShouldBe(1);
        _output.WriteLine(string.Join("\n", blobs.Select(b => $"{b.Key} ({b.Value})")));
    }

    [Fact]
    public async Task Staff_ask_for_a_revision_which_is_written_in_a_folder_of_its_own_the_first_kept()
    {
        var revisions = _pipeline.Get<ReportRevisions>();
        var call = _pipeline.Get<Calls.CallCatalog>().Find(_callId)!;
        (await revisions.RequestAsync(call, "staff key", default)).ShouldBeOfType<RevisionRequest.CallStillOpen>();

        await SubmitAsync(SampleProposal.FieldsOfAnotherEnterprise());
        await _pipeline.ClassifyQueuedAsync(_callId);
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        var closeout = _pipeline.Get<CloseoutStage>();
        (await CloseAsync(closeout)).Revision.ShouldBe(1);
        var first = await ReportBlobsAsync();

        (await revisions.RequestAsync(call, "staff key", default)).ShouldBe(new RevisionRequest.Requested(2));
        (await revisions.RequestAsync(call, "staff key", default)).ShouldBe(new RevisionRequest.AlreadyPending(2), "asking twice makes one");
        var second = await CloseAsync(closeout);
        second.State.ShouldBe(CloseoutState.Written);
        second.Revision.ShouldBe(2);
        (await CloseAsync(closeout)).State.ShouldBe(CloseoutState.AlreadyDone);

        var all = await ReportBlobsAsync();
        all.Count.ShouldBe(8);
        all.Where(b => b.Key.StartsWith(ReportStore.Folder(_callId, 1), StringComparison.Ordinal)).ShouldBe(first, ignoreOrder: true);
        all.Keys.ShouldContain(ReportStore.ManifestName(_callId, 2));
        _pipeline.OutboxFiles().Count(f => File.ReadAllText(f).Contains("To: canbo@chicuc.test")).ShouldBe(2);
        var runs = await revisions.ListAsync(_callId, default);
        runs.Select(r => (r.Revision, r.RequestedBy, Completed: r.CompletedAtUtc is not null)).ShouldBe([(1, (string?)null, true), (2, "staff key", true)]);

        // The Ministry's national view shows what the newest report counted, from the revision its closeout recorded.
        var national = _pipeline.Get<NationalView>();
        var view = await national.ViewAsync(_pipeline.Get<Calls.CallCatalog>().FindProgramme(Programme)!, default);
        var agency = view.Agencies.ShouldHaveSingleItem();
        (agency.ReportStatus, agency.ReportRevision, agency.ReportCounted).ShouldBe(("report-issued", (int?)2, (int?)1));
    }

    private async Task<SubmissionReceipt> SubmitAsync(Dictionary<string, string> fields, byte[]? docx = null)
    {
        // A broken document reaches the examination stage only by another path than intake, which refuses it.
        var accepted = docx is null
            ? (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, fields), default)).ShouldBeOfType<IntakeOutcome.Accepted>()
            : await _pipeline.SubmitUncheckedAsync(Incoming.Submission(_callId, fields, docx: docx));
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return accepted.Receipt;
    }

    private Task<CloseoutOutcome> CloseAsync(CloseoutStage closeout) =>
        closeout.CloseAsync(_pipeline.Get<Calls.CallCatalog>().Find(_callId)!, default);

    /// <summary>The call's report blobs with their ETags: equal dictionaries mean nothing was rewritten.</summary>
    private async Task<Dictionary<string, string>> ReportBlobsAsync()
    {
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in Storage.Reports.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, _callId + "/", default))
        {
            blobs[blob.Name] = blob.Properties.ETag!.Value.ToString();
        }

        return blobs;
    }

    private async Task<MemoryStream> DownloadAsync(string name)
    {
        var buffer = new MemoryStream();
        await Storage.Reports.GetBlobClient(name).DownloadToAsync(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
