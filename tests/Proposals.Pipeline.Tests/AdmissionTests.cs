using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Storage;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// One door for every way in (<c>Submissions/Admission</c>): a scan that came by email is stored exactly as one sent
/// through the web form, down to its headers, and a sender's file name never reaches a header unescaped.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class AdmissionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7));
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(azurite, Deadline.AddDays(-5), TestCalls.Settings(_callId, Deadline));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task A_scan_sent_by_email_is_stored_with_the_same_headers_as_one_sent_through_the_form()
    {
        var web = (await _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId), default)).ShouldBeOfType<IntakeOutcome.Accepted>();
        var hostileName = new InboundFile("..\\..\\evil\"; filename=x.exe\r\nX-Injected: 1.pdf", "application/pdf", SampleDocuments.Pdf());
        var email = (await _pipeline.Get<InboundStage>().ReceiveAsync(
            SampleEmails.Email(TestCalls.InboundAddress(_callId), [hostileName]), default)).ShouldBeOfType<InboundOutcome.Submitted>();

        var fromWeb = (await _pipeline.SubmissionBlob(_callId, web.Receipt.SubmissionId, StorageNames.SignedScanBlob).GetPropertiesAsync()).Value;
        var fromEmail = (await _pipeline.SubmissionBlob(_callId, email.SubmissionId, StorageNames.SignedScanBlob).GetPropertiesAsync()).Value;

        fromEmail.ContentType.ShouldBe(fromWeb.ContentType);
        fromEmail.ContentType.ShouldBe("application/pdf");
        fromEmail.ContentDisposition.ShouldStartWith("attachment; filename=\"signed-scan.pdf\"; filename*=UTF-8''");
        fromWeb.ContentDisposition.ShouldStartWith("attachment; filename=\"signed-scan.pdf\"; filename*=UTF-8''");
        fromEmail.ContentDisposition.ShouldNotContain("\r");
        fromEmail.ContentDisposition.ShouldNotContain("\n");
        fromEmail.ContentDisposition.ShouldNotContain("x.exe\"");
        fromEmail.Metadata.Keys.ShouldBe(fromWeb.Metadata.Keys);
        fromEmail.TagCount.ShouldBe(fromWeb.TagCount, "the retention backstop tags every path's documents alike");
    }
}
