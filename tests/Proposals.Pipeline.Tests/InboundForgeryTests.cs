using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// Emailed proposals against someone who knows a Message-ID first (in CC, say) or writes any From header he likes:
/// the claim is keyed by the Message-ID with the sender and the attachments' bytes, so a different message under a
/// known Message-ID is stored beside the real one and marked for staff; only a sender whose domain passes DKIM or
/// SPF aligned with From (DMARC-style) is answered.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class InboundForgeryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    private string Address => TestCalls.InboundAddress(_callId);

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(azurite, Deadline.AddDays(-5), TestCalls.Settings(_callId, Deadline));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private InboundStage Stage => _pipeline.Get<InboundStage>();

    private List<string> Outbox() => _pipeline.OutboxFiles().Select(File.ReadAllText).ToList();

    [Fact]
    public async Task A_different_message_sent_first_under_a_known_Message_ID_does_not_suppress_the_real_one()
    {
        const string messageId = "<da-lo-trong-cc@mail.cokhi-hp.vn>";
        var decoy = SampleEmails.Email(Address, [new("rac.pdf", "application/pdf", SampleDocuments.Pdf(catalogExtra: "/Lang (vi) "))], messageId: messageId,
            from: "Kẻ mạo danh <ai-do@mail.example.net>") with { Dkim = "{@mail.example.net : pass}", EnvelopeFrom = "ai-do@mail.example.net" };
        var real = SampleEmails.Email(Address, [SampleEmails.Scan()], messageId: messageId);

        var first = (await Stage.ReceiveAsync(decoy, default)).ShouldBeOfType<InboundOutcome.Submitted>();
        var second = (await Stage.ReceiveAsync(real, default)).ShouldBeOfType<InboundOutcome.Submitted>("stored, not taken for a redelivery");
        (await Stage.ReceiveAsync(real, default)).ShouldBeOfType<InboundOutcome.AlreadyReceived>("a true redelivery still adds nothing");

        second.SubmissionId.ShouldNotBe(first.SubmissionId);
        var message = (await _pipeline.Get<SubmissionStore>().ReadInboundAsync(_callId, second.SubmissionId, default))!;
        message.SameMessageIdDifferentContent.ShouldBeTrue();
        InboundNotes.Of(message.NotAcknowledged, message.SameMessageIdDifferentContent).Select(n => n.En).ShouldContain("Same Message-ID, different content");
        (await _pipeline.Get<InboundEmails>().FindAsync(real.Key, default))!.SameMessageIdAs.ShouldBe(decoy.Key);
        (await _pipeline.Get<SubmissionStore>().ReadInboundAsync(_callId, first.SubmissionId, default))!.SameMessageIdDifferentContent.ShouldBeFalse();
        var staffView = (await _pipeline.Get<Staff.SubmissionDetails>().FindAsync(_callId, second.SubmissionId, default))!.Email!;
        staffView.Notes.Select(n => n.Vi).ShouldContain(SameMessageId.Vi);
    }

    [Theory]
    [InlineData("{@cokhi-hp.vn : pass}", "none", true)]
    [InlineData("{@mail.cokhi-hp.vn : pass}", "none", true)]
    [InlineData("{@esp.example.net : pass}", "pass", true)]
    [InlineData("{@esp.example.net : pass}", "softfail", false)]
    [InlineData("{@cokhi-hp.vn : fail}", "none", false)]
    [InlineData("{@cokhi-hp.vn.evil.net : pass}", "none", false)]
    [InlineData("", "neutral", false)]
    public void The_sender_is_authenticated_only_by_DKIM_or_SPF_aligned_with_the_From_domain(string dkim, string spf, bool authenticated)
    {
        var email = SampleEmails.Email(Address) with { Dkim = dkim, Spf = spf };

        email.SenderAuthenticated.ShouldBe(authenticated);
    }

    [Fact]
    public async Task A_sender_who_is_not_authenticated_is_stored_but_not_answered_and_staff_are_told()
    {
        var forged = SampleEmails.Email(Address, [SampleEmails.Scan()], from: "Công ty thật <giam-doc@congty-that.vn>")
            with { Dkim = "{@mailer.example.net : pass}", Spf = "pass", EnvelopeFrom = "x@mailer.example.net" };

        var stored = (await Stage.ReceiveAsync(forged, default)).ShouldBeOfType<InboundOutcome.Submitted>();

        Outbox().ShouldNotContain(m => m.Contains("giam-doc@congty-that.vn", StringComparison.Ordinal), "nobody makes this app mail an enterprise in its name");
        var message = (await _pipeline.Get<SubmissionStore>().ReadInboundAsync(_callId, stored.SubmissionId, default))!;
        message.NotAcknowledged.ShouldBe(NotAcknowledgedReasons.SenderNotAuthenticated);
        (await _pipeline.Get<Staff.SubmissionDetails>().FindAsync(_callId, stored.SubmissionId, default))!.Email!.Notes
            .Select(n => n.En).ShouldContain(n => n.StartsWith("Not acknowledged: sender not authenticated", StringComparison.Ordinal));

        var unmatched = SampleEmails.Email("khong-co-dot@dexuat.localhost", [SampleEmails.Scan()], from: "Công ty thật <giam-doc@congty-that.vn>")
            with { Dkim = null, Spf = "none" };
        (await Stage.ReceiveAsync(unmatched, default)).ShouldBeOfType<InboundOutcome.Unmatched>();
        Outbox().ShouldBeEmpty();
        (await _pipeline.Get<InboundEmails>().FindAsync(unmatched.Key, default))!.NotAcknowledged.ShouldBe(NotAcknowledgedReasons.SenderNotAuthenticated);
    }

    [Fact]
    public async Task An_authenticated_sender_is_answered()
    {
        (await Stage.ReceiveAsync(SampleEmails.Email(Address, [SampleEmails.Scan()]), default)).ShouldBeOfType<InboundOutcome.Submitted>();

        Outbox().ShouldHaveSingleItem().ShouldContain("To: binh.tran@cokhi-hp.vn");
    }
}
