using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>The classify stage over Azurite: suggested area and evidence, flags, duplicates and versions.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ClassificationStageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private const string TaskName = "Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí";
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public ClassificationStageTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(_azurite, Deadline.AddDays(-3), TestCalls.Settings(_callId, Deadline));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task Stores_the_suggested_area_with_its_evidence_and_flags_a_mismatch()
    {
        var matching = await SubmitAndValidateAsync(SampleProposal.Fields());
        var mismatched = await SubmitAndValidateAsync(SampleProposal.Fields(f =>
        {
            f["taxCode"] = "0314409058-002";
            f["taskName"] = "Đào tạo chuyên gia năng suất cho doanh nghiệp";
            f["priorityArea"] = "5";
            f["contentsAndResults"] = "Đào tạo, tập huấn chuyên gia; xây dựng học phần cho trường đại học.";
        }));
        await ClassifyAsync(matching, mismatched);

        var first = await RecordAsync(matching);
        first.SuggestedPriorityArea.ShouldBe(2);
        first.PriorityEvidence!.ShouldContain("«mô hình điểm» ×1");
        first.PriorityRulesVersion.ShouldBe("nsclq-2024.1");
        first.FlagList.ShouldBeEmpty();

        var second = await RecordAsync(mismatched);
        second.PriorityArea.ShouldBe(5, "the declared area is never changed");
        second.SuggestedPriorityArea.ShouldBe(3);
        second.FlagList.ShouldContain(EligibilityFlags.PriorityAreaMismatch);
    }

    [Fact]
    public async Task A_revised_version_sent_with_the_tracking_token_supersedes_the_earlier_which_is_kept()
    {
        var (earlier, earlierToken) = await SubmitWithTokenAsync(SampleProposal.Fields());
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await SubmitAndValidateAsync(SampleProposal.Fields(f =>
        {
            f["taskName"] = TaskName + " (bản sửa)";
            f["durationMonths"] = "18";
            f[IntakeStage.ReplacesSubmissionIdField] = earlier;
            f[IntakeStage.ReplacesTrackingTokenField] = earlierToken;
        }));

        await ClassifyAsync(later, earlier); // order of classification does not matter

        var first = await RecordAsync(earlier);
        var second = await RecordAsync(later);
        second.Replaces.ShouldBe(earlier);
        first.SupersededBy.ShouldBe(later);
        first.Version.ShouldBe(1);
        first.IsCounted.ShouldBeFalse();
        first.Status.ShouldBe(SubmissionStatus.Classified, "kept as a version, not deleted");
        second.SupersededBy.ShouldBeNull();
        second.Version.ShouldBe(2);
        second.IsCounted.ShouldBeTrue();
        second.PossibleDuplicateList.ShouldBeEmpty("versions are not duplicates");
        _pipeline.OutboxFiles().Count(f => File.ReadAllText(f).Contains("tax-code-used", StringComparison.Ordinal)).ShouldBe(0);
    }

    [Fact]
    public async Task A_stranger_sending_the_same_task_under_the_same_tax_code_displaces_nothing_and_the_first_contact_is_told()
    {
        var owner = await SubmitAndValidateAsync(SampleProposal.Fields());
        await ClassifyAsync(owner);
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));
        var stranger = await SubmitAndValidateAsync(SampleProposal.Fields(f =>
        {
            f["taskName"] = TaskName.ToUpperInvariant().Normalize(System.Text.NormalizationForm.FormD); // the same name, folded
            f["contactEmail"] = "someone.else@example.com";
        }));
        await ClassifyAsync(stranger);

        var first = await RecordAsync(owner);
        var second = await RecordAsync(stranger);
        first.IsCounted.ShouldBeTrue("nothing is displaced without the tracking token");
        second.IsCounted.ShouldBeTrue();
        first.SupersededBy.ShouldBeNull();
        first.PossibleDuplicateList.ShouldBe([stranger]);
        second.PossibleDuplicateList.ShouldBe([owner]);
        first.FlagList.ShouldContain(EligibilityFlags.PossibleDuplicate);
        second.FlagList.ShouldContain(EligibilityFlags.PossibleDuplicate);

        var told = _pipeline.OutboxFiles().Select(File.ReadAllText)
            .Where(m => m.Contains("binh.tran@cokhi-hp.vn", StringComparison.Ordinal) && m.Contains("under your tax code", StringComparison.Ordinal))
            .ToList();
        told.Count.ShouldBe(1, "the earlier submission's contact learns of it");
        told[0].ShouldContain(first.ReceiptNumber);
        told[0].ShouldContain(second.ReceiptNumber);
        told[0].ShouldContain("0904.577.972", customMessage: "with how to reach the Sub-department");

        await ClassifyAsync(stranger); // redelivered: told once
        _pipeline.OutboxFiles().Count(f => File.ReadAllText(f).Contains("under your tax code", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Versions_classified_concurrently_end_linked_the_same_way()
    {
        // A chain of revisions, each sent with the token of the one before.
        var ids = new List<string>();
        string? previous = null, previousToken = null;
        for (var i = 0; i < 4; i++)
        {
            var (id, token) = await SubmitWithTokenAsync(SampleProposal.Fields(f =>
            {
                if (previous is not null)
                {
                    f[IntakeStage.ReplacesSubmissionIdField] = previous;
                    f[IntakeStage.ReplacesTrackingTokenField] = previousToken!;
                }
            }));
            ids.Add(id);
            (previous, previousToken) = (id, token);
            _pipeline.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        var stage = _pipeline.Get<ClassificationStage>();
        await Task.WhenAll(ids.Select(id => Task.Run(() => stage.ClassifyAsync(new ClassifyMessage(_callId, id), default))));

        for (var i = 0; i < ids.Count; i++)
        {
            var record = await RecordAsync(ids[i]);
            record.Version.ShouldBe(i + 1);
            record.SupersededBy.ShouldBe(i == ids.Count - 1 ? null : ids[^1]);
            record.PossibleDuplicateList.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_similar_task_name_makes_both_possible_duplicates_of_each_other()
    {
        var first = await SubmitAndValidateAsync(SampleProposal.Fields());
        var second = await SubmitAndValidateAsync(SampleProposal.Fields(f => f["taskName"] = "Ap dung Lean, TPM nang cao nang suat day chuyen co khi chinh xac"));
        var unrelated = await SubmitAndValidateAsync(SampleProposal.Fields(f => f["taskName"] = "Xây dựng TCVN cho sản phẩm OCOP"));
        await ClassifyAsync(first, second, unrelated);

        (await RecordAsync(first)).PossibleDuplicateList.ShouldBe([second]);
        (await RecordAsync(second)).PossibleDuplicateList.ShouldBe([first]);
        (await RecordAsync(first)).FlagList.ShouldContain(EligibilityFlags.PossibleDuplicate);
        (await RecordAsync(second)).FlagList.ShouldContain(EligibilityFlags.PossibleDuplicate);
        (await RecordAsync(unrelated)).PossibleDuplicateList.ShouldBeEmpty();
        (await RecordAsync(first)).SupersededBy.ShouldBeNull();

        // A redelivered message changes nothing.
        await ClassifyAsync(second);
        (await RecordAsync(first)).PossibleDuplicateList.ShouldBe([second]);
    }

    [Fact]
    public async Task Rejected_documents_are_flagged_and_a_rejected_resubmission_supersedes_nothing()
    {
        var valid = await SubmitAndValidateAsync(SampleProposal.Fields());
        var broken = await SubmitAndValidateAsync(SampleProposal.Fields(), docx: SampleDocuments.ZipThatIsNotWord());
        await ClassifyAsync(valid, broken);

        var rejected = await RecordAsync(broken);
        rejected.Status.ShouldBe(SubmissionStatus.Rejected);
        rejected.FlagList.ShouldContain(EligibilityFlags.DocumentsRejected);
        (await RecordAsync(valid)).SupersededBy.ShouldBeNull();
        (await RecordAsync(valid)).IsCounted.ShouldBeTrue();
    }

    private async Task<(string Id, string Token)> SubmitWithTokenAsync(Dictionary<string, string> fields)
    {
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, fields), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return (accepted.Receipt.SubmissionId, accepted.Receipt.TrackingToken);
    }

    private async Task<string> SubmitAndValidateAsync(Dictionary<string, string> fields, byte[]? docx = null)
    {
        // A broken document reaches the examination stage only by another path than intake, which refuses it.
        var accepted = docx is null
            ? (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, fields), default)).ShouldBeOfType<IntakeOutcome.Accepted>()
            : await _pipeline.SubmitUncheckedAsync(Incoming.Submission(_callId, fields, docx: docx));
        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        return accepted.Receipt.SubmissionId;
    }

    private async Task ClassifyAsync(params string[] submissionIds)
    {
        foreach (var id in submissionIds)
        {
            await _pipeline.Get<ClassificationStage>().ClassifyAsync(new ClassifyMessage(_callId, id), default);
        }
    }

    private Task<SubmissionRecord> RecordAsync(string submissionId) =>
        _pipeline.Get<SubmissionStore>().FindAsync(_callId, submissionId, default)!;
}
