using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>Proposals that still come by email, over Azurite: matched, read, kept, answered, completed and accepted by staff.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class InboundStageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    private string Address => TestCalls.InboundAddress(_callId);

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(azurite, Deadline.AddDays(-5), TestCalls.Settings(_callId, Deadline));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private InboundStage Stage => _pipeline.Get<InboundStage>();

    [Fact]
    public async Task A_Word_form_made_from_the_template_becomes_a_submission_waiting_for_staff_with_its_answers()
    {
        var answers = SampleProposal.Fields(f => f["taxCode"] = SampleProposal.UniqueTaxCode());
        var outcome = await Stage.ReceiveAsync(SampleEmails.Email(Address, [SampleEmails.WordForm(answers), SampleEmails.Scan()]), default);

        var submitted = outcome.ShouldBeOfType<InboundOutcome.Submitted>();
        var record = (await Record(submitted.SubmissionId))!;
        record.Status.ShouldBe(SubmissionStatus.NeedsReview);
        record.Source.ShouldBe(SubmissionSources.Email);
        record.EnterpriseName.ShouldBe(answers["enterpriseName"]);
        record.TaxCode.ShouldBe(answers["taxCode"]);
        record.SignedScanBytes.ShouldBeGreaterThan(0);
        record.EditableFormBytes.ShouldBeGreaterThan(0);

        var message = (await _pipeline.Get<SubmissionStore>().ReadInboundAsync(_callId, submitted.SubmissionId, default))!;
        message.WordFollowsTemplate.ShouldBeTrue();
        message.FieldsFromWord["taskName"].ShouldBe(answers["taskName"]);
        message.FieldsFromWord["employees"].ShouldBe(answers["employees"]);
        message.Attachments.Select(a => a.Document).ShouldBe(["editableForm", "signedScan"]);
        message.Subject.ShouldBe("Đề xuất nhiệm vụ KH&CN – Công ty Cơ khí Chính xác Hải Phòng");

        var reply = Outbox().ShouldHaveSingleItem();
        reply.ShouldContain("To: binh.tran@cokhi-hp.vn");
        reply.ShouldContain("Số tiếp nhận: " + submitted.ReceiptNumber);
        reply.ShouldContain("?call=" + _callId, customMessage: "points to the web form for next time");
    }

    [Fact]
    public async Task A_Word_file_that_does_not_follow_the_template_is_kept_and_its_fields_left_for_staff()
    {
        var outcome = await Stage.ReceiveAsync(SampleEmails.Email(Address, [new("de-xuat.docx", "application/octet-stream", SampleDocuments.Docx())]), default);

        var submitted = outcome.ShouldBeOfType<InboundOutcome.Submitted>();
        var message = (await _pipeline.Get<SubmissionStore>().ReadInboundAsync(_callId, submitted.SubmissionId, default))!;
        message.WordFollowsTemplate.ShouldBeFalse();
        message.FieldsFromWord.ShouldBeEmpty();
        var record = (await Record(submitted.SubmissionId))!;
        record.EnterpriseName.ShouldBe("Trần Thị Bình", "the sender, until staff complete it");
        record.SignedScanBytes.ShouldBe(0);
    }

    [Fact]
    public async Task Mail_without_a_usable_attachment_or_for_no_call_is_kept_in_the_unmatched_list()
    {
        (await Stage.ReceiveAsync(SampleEmails.Email(Address, [new("bang-gia.xlsx", "application/vnd.ms-excel", [1, 2, 3])]), default))
            .ShouldBeOfType<InboundOutcome.Unmatched>().Reason.ShouldBe(UnmatchedReasons.NoAttachment);
        var stray = SampleEmails.Email("hopthu@dexuat.localhost", [SampleEmails.Scan()], spamScore: 9.3);
        (await Stage.ReceiveAsync(stray, default)).ShouldBeOfType<InboundOutcome.Unmatched>().Reason.ShouldBe(UnmatchedReasons.NoCall);

        var unmatched = await _pipeline.Get<InboundEmails>().ListUnmatchedAsync(default);
        var kept = unmatched.Single(e => e.RowKey == stray.Key);
        kept.Reason.ShouldBe(UnmatchedReasons.NoCall);
        kept.AttachmentNames.ShouldBe("Bản quét có chữ ký.pdf");
        (await _pipeline.Get<InboundEmails>().Blob(stray.Key, "attachment-1.pdf").ExistsAsync()).Value.ShouldBeTrue("never lost");
        (await _pipeline.Get<InboundEmails>().Blob(stray.Key, "message.txt").ExistsAsync()).Value.ShouldBeTrue();

        // The sender of the first is told; likely spam gets no automatic answer.
        Outbox().ShouldHaveSingleItem().ShouldContain("không có tệp pdf hoặc word đính kèm");
    }

    [Fact]
    public async Task The_same_Message_ID_delivered_again_adds_nothing()
    {
        var email = SampleEmails.Email(Address, [SampleEmails.WordForm(SampleProposal.Fields())]);
        var first = (await Stage.ReceiveAsync(email, default)).ShouldBeOfType<InboundOutcome.Submitted>();
        var again = (await Stage.ReceiveAsync(email with { }, default)).ShouldBeOfType<InboundOutcome.AlreadyReceived>();

        again.Entry.ReceiptNumber.ShouldBe(first.ReceiptNumber);
        (await _pipeline.RowsAsync(_callId)).Count.ShouldBe(1);
        Outbox().Length.ShouldBe(1);
    }

    [Fact]
    public async Task Mail_received_after_the_deadline_by_the_server_clock_is_kept_as_late_whatever_its_Date_header_says()
    {
        _pipeline.Clock.SetUtcNow(Deadline.AddMinutes(1));
        var outcome = await Stage.ReceiveAsync(SampleEmails.Email(Address, [SampleEmails.WordForm(SampleProposal.Fields())]), default);

        outcome.ShouldBeOfType<InboundOutcome.Unmatched>().Reason.ShouldBe(UnmatchedReasons.Late);
        (await _pipeline.RowsAsync(_callId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_complete_and_accept_it_and_it_is_validated_classified_receipted_and_counted_like_any_other()
    {
        var answers = SampleProposal.Fields(f => f["taxCode"] = SampleProposal.UniqueTaxCode());
        var partial = answers.Where(a => a.Key != "employees").ToDictionary(); // the enterprise left one answer out
        var submitted = (await Stage.ReceiveAsync(SampleEmails.Email(Address, [SampleEmails.WordForm(partial)]), default))
            .ShouldBeOfType<InboundOutcome.Submitted>();
        var review = _pipeline.Get<InboundReview>();

        var read = (await _pipeline.Get<SubmissionStore>().ReadInboundAsync(_callId, submitted.SubmissionId, default))!.FieldsFromWord;
        var refused = (await review.AcceptAsync(_callId, submitted.SubmissionId, read, "Nguyễn Thị Hoa", default)).ShouldBeOfType<ReviewOutcome.Invalid>();
        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("employees", "the same rules as the web form");

        var completed = read.ToDictionary();
        completed["employees"] = "85";
        (await review.AcceptAsync(_callId, submitted.SubmissionId, completed, "Nguyễn Thị Hoa", default)).ShouldBeOfType<ReviewOutcome.Accepted>();
        (await review.AcceptAsync(_callId, submitted.SubmissionId, completed, "Nguyễn Thị Hoa", default)).ShouldBeOfType<ReviewOutcome.NotWaiting>();

        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, submitted.SubmissionId, default);
        await _pipeline.Get<ClassificationStage>().ClassifyAsync(new ClassifyMessage(_callId, submitted.SubmissionId), default);
        var record = (await Record(submitted.SubmissionId))!;
        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.IsCounted.ShouldBeTrue();
        record.Source.ShouldBe(SubmissionSources.Email);
        Outbox().ShouldContain(m => m.Contains("Tra cứu tình trạng hồ sơ", StringComparison.Ordinal) && m.Contains(submitted.ReceiptNumber, StringComparison.Ordinal));

        var audit = await _pipeline.Get<AuditTrail>().ListAsync(_callId, submitted.SubmissionId, default);
        audit.ShouldHaveSingleItem().Actor.ShouldBe("Nguyễn Thị Hoa");
    }

    [Fact]
    public async Task Staff_set_one_aside_as_not_a_proposal_with_a_reason_on_the_record()
    {
        var submitted = (await Stage.ReceiveAsync(SampleEmails.Email(Address, [SampleEmails.Scan()], subject: "Báo giá thiết bị"), default))
            .ShouldBeOfType<InboundOutcome.Submitted>();
        var review = _pipeline.Get<InboundReview>();
        (await review.SetAsideAsync(_callId, submitted.SubmissionId, "  ", "Nguyễn Thị Hoa", default)).ShouldBeOfType<ReviewOutcome.Invalid>();
        (await review.SetAsideAsync(_callId, submitted.SubmissionId, "Thư chào hàng, không phải đề xuất", "Nguyễn Thị Hoa", default))
            .ShouldBeOfType<ReviewOutcome.SetAside>();

        var record = (await Record(submitted.SubmissionId))!;
        record.Status.ShouldBe(SubmissionStatus.NotAProposal);
        record.NotAProposalReason.ShouldBe("Thư chào hàng, không phải đề xuất");
        record.HasLeftPipeline.ShouldBeTrue();
        record.IsCounted.ShouldBeFalse();
        (await _pipeline.Get<AuditTrail>().ListAsync(_callId, submitted.SubmissionId, default)).ShouldHaveSingleItem().Action.ShouldBe(AuditActions.NotAProposal);
    }

    [Fact]
    public async Task A_proposal_on_paper_is_judged_by_the_day_it_arrived_and_needs_no_Word_file()
    {
        _pipeline.Clock.SetUtcNow(Deadline.AddDays(2)); // entered after the deadline...
        var onTime = Incoming.Submission(_callId, SampleProposal.FieldsOfAnotherEnterprise()) with
        {
            PaperReceivedOn = new DateOnly(2023, 4, 21), // ...for a paper that came the day before it
        };
        var withoutWord = onTime with { Documents = onTime.Documents.Where(d => d.Key == "signedScan").ToDictionary() };
        var accepted = (await _pipeline.Get<IntakeStage>().SubmitAsync(withoutWord, default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        var record = (await Record(accepted.Receipt.SubmissionId))!;
        record.Source.ShouldBe(SubmissionSources.Paper);
        record.PaperReceivedOn.ShouldBe("2023-04-21");
        record.EditableFormBytes.ShouldBe(0);

        await _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, accepted.Receipt.SubmissionId, default);
        record = (await Record(accepted.Receipt.SubmissionId))!;
        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.ReviewWarnings.ShouldContain(w => w.Field == "editableForm");

        (await _pipeline.Get<IntakeStage>().SubmitAsync(onTime with { PaperReceivedOn = new DateOnly(2023, 4, 22) }, default))
            .ShouldBeOfType<IntakeOutcome.CallClosed>("the paper came on the deadline's day, 00:00 being the deadline");
    }

    private Task<SubmissionRecord?> Record(string submissionId) => _pipeline.Get<SubmissionStore>().FindAsync(_callId, submissionId, default);

    private string[] Outbox() => _pipeline.OutboxFiles().Select(File.ReadAllText).ToArray();
}
