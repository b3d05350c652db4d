using System.Security.Cryptography.X509Certificates;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// Digitally signed scans through intake and the examination stage over Azurite, with a test PKI whose root is the
/// one the operator configured: each signature state, what it does to the submission, and a revision proven by
/// the signature instead of the tracking token.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class SignatureValidationTests : IAsyncLifetime, IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly string _callId = TestCalls.NewId();
    private readonly TestPki _pki = new();
    private readonly string _roots = Path.Combine(Path.GetTempPath(), "trusted-roots-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _taxCode = SampleProposal.UniqueTaxCode();
    private PipelineServices _pipeline = null!;

    public SignatureValidationTests(AzuriteFixture azurite) => _azurite = azurite;

    private X509Certificate2Collection Chain => [_pki.Intermediate];

    public async Task InitializeAsync()
    {
        var settings = TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(3));
        settings["Signatures:TrustedRootsFolder"] = _pki.WriteTrustedRoots(_roots);
        _pipeline = await PipelineServices.StartAsync(_azurite, DateTimeOffset.UtcNow, settings);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_roots, recursive: true);
    }

    private Dictionary<string, string> Fields(Action<Dictionary<string, string>>? change = null) =>
        SampleProposal.Fields(f =>
        {
            f["taxCode"] = _taxCode;
            change?.Invoke(f);
        });

    [Fact]
    public async Task A_scan_signed_with_the_enterprises_certificate_is_verified_with_its_signer_CA_tax_code_and_time()
    {
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var record = await SubmitAndValidateAsync(SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain, signedAt));

        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.SignatureState.ShouldBe(SignatureStates.Verified);
        var signature = record.Signatures.ShouldHaveSingleItem();
        signature.State.ShouldBe(SignatureStates.Verified);
        signature.SignerName.ShouldBe("CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC HẢI PHÒNG");
        signature.Issuer.ShouldBe("Test-CA");
        signature.TaxCodes.ShouldBe([_taxCode]);
        signature.SignedAtUtc!.Value.ShouldBe(signedAt, TimeSpan.FromSeconds(1));
        signature.ValidAtSigningTime.ShouldBe(true);
        signature.Notes.ShouldContain(n => n.Vi.StartsWith("Chưa kiểm tra thu hồi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verified_signature_shows_in_the_receipt_on_the_status_page_and_in_the_staff_console()
    {
        var outcome = await SubmitAsync(SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain));
        var receipt = outcome.ShouldBeOfType<IntakeOutcome.Accepted>().Receipt;
        await ValidateAsync(receipt.SubmissionId);
        await ClassifyAsync(receipt.SubmissionId);
        var plain = await SubmitAndValidateAsync(SampleDocuments.Pdf());
        await ClassifyAsync(plain.SubmissionId);

        var email = _pipeline.OutboxFiles().Select(File.ReadAllText).Single(m => m.Contains(receipt.ReceiptNumber, StringComparison.Ordinal));
        email.ShouldContain($"Digital signature: Digital signature verified, tax code matches ({_taxCode}); signed by CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC HẢI PHÒNG, certificate issued by Test-CA");
        _pipeline.OutboxFiles().Select(File.ReadAllText).Single(m => m.Contains(plain.ReceiptNumber, StringComparison.Ordinal))
            .ShouldNotContain("Digital signature");

        var status = (await _pipeline.Get<SubmissionQueries>().FindForSubmitterAsync(receipt.SubmissionId, receipt.TrackingToken, default))!;
        status.Signature.ShouldNotBeNull();
        (status.Signature.TaxCode, status.Signature.Issuer, status.Signature.En).ShouldBe((_taxCode, "Test-CA", SignatureStates.English(SignatureStates.Verified)));
        (await _pipeline.Get<SubmissionQueries>().FindForSubmitterAsync(plain.SubmissionId, _pipeline.Get<TrackingTokens>().For(_callId, plain.SubmissionId), default))!
            .Signature.ShouldBeNull();

        var detail = (await _pipeline.Get<SubmissionDetails>().FindAsync(_callId, receipt.SubmissionId, default))!;
        detail.Submission.SignatureState.ShouldBe(SignatureStates.Verified);
        detail.Signature.Vi.ShouldBe("Chữ ký số hợp lệ, đúng mã số thuế");
        var shown = detail.Signature.Signatures.ShouldHaveSingleItem();
        shown.SignedAtVietnam!.ShouldContain("(giờ Việt Nam)");
        shown.TaxCodes.ShouldBe([_taxCode]);

        var search = _pipeline.Get<SubmissionSearch>();
        Task<SubmissionPage> FindAsync(string state) => search.SearchAsync(_callId, SubmissionFilter.Parse(name => name == "signature" ? state : null, out _), default);
        (await FindAsync(SignatureStates.Verified)).Items.Select(i => i.SubmissionId).ShouldBe([receipt.SubmissionId]);
        (await FindAsync(SignatureStates.NotSigned)).Items.Select(i => i.SubmissionId).ShouldBe([plain.SubmissionId]);
        SubmissionFilter.Parse(name => name == "signature" ? "signed" : null, out var errors);
        errors.ShouldHaveSingleItem().Field.ShouldBe("signature");
    }

    [Fact]
    public async Task A_scan_signed_by_another_enterprise_is_accepted_and_marked_for_staff()
    {
        var record = await SubmitAndValidateAsync(SignedPdfs.Sign(_pki.Enterprise(SampleProposal.UniqueTaxCode(), "CÔNG TY KHÁC"), Chain));

        record.Status.ShouldBe(SubmissionStatus.Classified, "shown to staff, not acted on");
        record.SignatureState.ShouldBe(SignatureStates.OtherTaxCode);
        record.RejectionReasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_scan_signed_under_a_root_the_operator_does_not_trust_is_accepted_and_marked()
    {
        using var other = new TestPki("Unknown Root", "Unknown CA");
        var record = await SubmitAndValidateAsync(SignedPdfs.Sign(other.Enterprise(_taxCode), [other.Intermediate]));

        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.SignatureState.ShouldBe(SignatureStates.Untrusted);
        record.Signatures.ShouldHaveSingleItem().Issuer.ShouldBe("Unknown CA");
    }

    [Fact]
    public async Task A_scan_altered_after_signing_is_rejected_saying_why_in_both_languages()
    {
        var altered = SignedPdfs.AlterAfterSigning(SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain));
        var record = await SubmitAndValidateAsync(altered);

        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.SignatureState.ShouldBe(SignatureStates.Invalid);
        var reason = record.RejectionReasons.ShouldHaveSingleItem();
        reason.Field.ShouldBe(ProposalFields.SignedScan);
        reason.Vi.ShouldContain("đã bị thay đổi sau khi ký số");
        reason.En.ShouldContain("changed after it was digitally signed");
    }

    [Fact]
    public async Task A_scan_whose_signature_value_is_broken_is_rejected()
    {
        var record = await SubmitAndValidateAsync(SignedPdfs.BreakSignatureValue(SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain)));

        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.SignatureState.ShouldBe(SignatureStates.Invalid);
        record.RejectionReasons.ShouldHaveSingleItem().En.ShouldContain("digital signature in the PDF is not valid");
    }

    [Fact]
    public async Task A_scan_changed_after_signing_is_never_verified_and_staff_can_download_what_was_signed()
    {
        var signed = SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain, DateTimeOffset.UtcNow.AddMinutes(-5));
        var record = await SubmitAndValidateAsync(ForgedPdfs.ShadowPage(signed));

        record.Status.ShouldBe(SubmissionStatus.Classified, "kept for staff, not acted on");
        record.SignatureState.ShouldBe(SignatureStates.ChangedAfterSigning);
        record.ReviewWarnings.ShouldContain(w => w.Field == ProposalFields.SignedScan && w.En.StartsWith("The scan was digitally signed, then changed after signing", StringComparison.Ordinal));
        var shown = (await _pipeline.Get<SubmissionDetails>().FindAsync(_callId, record.SubmissionId, default))!.Signature.Signatures.ShouldHaveSingleItem();
        (shown.Indication, shown.ChangedAfterSigning, shown.SignedRevision).ShouldBe(("TOTAL-PASSED", true, 1));
        shown.En.ShouldBe("Signed, then changed after signing");

        var access = await _pipeline.Get<SubmissionDetails>().SignedRevisionLinkAsync(_callId, record.SubmissionId, 1, false, "cán bộ A", default);
        var link = access.ShouldBeOfType<DocumentAccess.Granted>().Link;
        using var http = new HttpClient();
        (await http.GetByteArrayAsync(link.Url)).ShouldBe(signed, "the signed revision is the file as it was signed");
        var audit = await _pipeline.Get<AuditTrail>().ListAsync(_callId, record.SubmissionId, default);
        audit.ShouldContain(a => a.Action == AuditActions.DownloadSignedRevision && a.Actor == "cán bộ A");

        (await _pipeline.Get<SubmissionDetails>().SignedRevisionLinkAsync(_callId, record.SubmissionId, 2, false, "cán bộ A", default))
            .ShouldBeOfType<DocumentAccess.NotFound>();
    }

    [Fact]
    public async Task A_malformed_signature_attribute_rejects_the_submission_with_a_reason_instead_of_stalling_it()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain, tweaks: new CmsTweaks { Mutate = ForgedCms.MalformedSigningTime });

        var record = await SubmitAndValidateAsync(pdf);

        record.Status.ShouldBe(SubmissionStatus.Rejected);
        record.SignatureState.ShouldBe(SignatureStates.Invalid);
        record.RejectionReasons.ShouldHaveSingleItem().Field.ShouldBe(ProposalFields.SignedScan);
        record.Signatures.ShouldHaveSingleItem().SubIndication.ShouldBe(SubIndications.FormatFailure);
    }

    [Fact]
    public async Task A_plain_scan_is_accepted_as_before()
    {
        var record = await SubmitAndValidateAsync(SampleDocuments.Pdf());

        record.Status.ShouldBe(SubmissionStatus.Classified);
        record.SignatureState.ShouldBe(SignatureStates.NotSigned);
        record.Signatures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_revision_with_a_verified_signature_replaces_the_earlier_proposal_without_the_tracking_token()
    {
        var earlier = await SubmitAndValidateAsync(SampleDocuments.Pdf());
        await ClassifyAsync(earlier.SubmissionId);
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));

        // Signed on the fake clock: CMS signingTime has whole seconds, so real "now" may fall before the earlier receipt.
        var outcome = await SubmitAsync(SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain, _pipeline.Clock.GetUtcNow()), Fields(f =>
        {
            f["taskName"] += " (bản sửa)";
            f[ProposalFields.ReplacesSubmissionId] = earlier.SubmissionId;
        }));
        var revisionId = outcome.ShouldBeOfType<IntakeOutcome.Accepted>().Receipt.SubmissionId;
        var claimed = await RecordAsync(revisionId);
        (claimed.ReplacesBySignature, claimed.Replaces, claimed.Lineage).ShouldBe((earlier.SubmissionId, null, null), "a claim until the signature is verified");

        await ValidateAsync(revisionId);
        var revision = await RecordAsync(revisionId);
        revision.SignatureState.ShouldBe(SignatureStates.Verified);
        (revision.Replaces, revision.Lineage, revision.ReplacesBySignature).ShouldBe((earlier.SubmissionId, earlier.SubmissionId, earlier.SubmissionId));
        revision.ReviewWarnings.ShouldNotContain(w => w.Field == ProposalFields.ReplacesSubmissionId);

        await ClassifyAsync(revisionId);
        (await RecordAsync(earlier.SubmissionId)).SupersededBy.ShouldBe(revisionId);
        (await RecordAsync(revisionId)).Version.ShouldBe(2);
        _pipeline.OutboxFiles().Select(File.ReadAllText).ShouldContain(m => m.Contains($"Proposal {earlier.ReceiptNumber} was replaced by revision", StringComparison.Ordinal)
            && m.Contains("digital signature on the scan", StringComparison.Ordinal), "the earlier contact hears of every replacement");
    }

    [Fact]
    public async Task A_signature_made_before_the_earlier_version_was_received_proves_no_revision_and_both_are_flagged()
    {
        var lifted = SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain, DateTimeOffset.UtcNow.AddDays(-2)); // a file the enterprise signed for another purpose
        var earlier = await SubmitAndValidateAsync(SampleDocuments.Pdf(), Fields(f => f["contactEmail"] = "victim@example.test"));
        await ClassifyAsync(earlier.SubmissionId);
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await SubmitAsync(lifted, Fields(f =>
        {
            f["taskName"] = "Một nhiệm vụ hoàn toàn khác";
            f["contactEmail"] = "forger@example.test";
            f[ProposalFields.ReplacesSubmissionId] = earlier.SubmissionId;
        }));
        var revisionId = outcome.ShouldBeOfType<IntakeOutcome.Accepted>().Receipt.SubmissionId;
        await ValidateAsync(revisionId);
        await ClassifyAsync(revisionId);

        var revision = await RecordAsync(revisionId);
        revision.SignatureState.ShouldBe(SignatureStates.Verified, "a genuine signature, made before");
        (revision.Replaces, revision.ReplacesBySignature).ShouldBe((null, null));
        revision.ReviewWarnings.Single(w => w.Field == ProposalFields.ReplacesSubmissionId).En.ShouldContain("made before");
        var victim = await RecordAsync(earlier.SubmissionId);
        (victim.SupersededBy, victim.IsCounted, revision.IsCounted).ShouldBe((null, true, true));
        victim.PossibleDuplicateList.ShouldBe([revisionId]);
        revision.FlagList.ShouldContain(EligibilityFlags.PossibleDuplicate);
        victim.FlagList.ShouldContain(EligibilityFlags.PossibleDuplicate);
        _pipeline.OutboxFiles().Select(File.ReadAllText).ShouldContain(m => m.Contains("victim@example.test", StringComparison.Ordinal)
            && m.Contains(revision.ReceiptNumber, StringComparison.Ordinal), "the earlier contact is told, as for a same-name submission");
    }

    [Fact]
    public async Task A_revision_signed_by_another_enterprise_replaces_nothing_and_staff_are_warned()
    {
        var earlier = await SubmitAndValidateAsync(SampleDocuments.Pdf());
        await ClassifyAsync(earlier.SubmissionId);

        var outcome = await SubmitAsync(SignedPdfs.Sign(_pki.Enterprise(SampleProposal.UniqueTaxCode(), "KẺ MẠO DANH"), Chain),
            Fields(f => f[ProposalFields.ReplacesSubmissionId] = earlier.SubmissionId));
        var revisionId = outcome.ShouldBeOfType<IntakeOutcome.Accepted>().Receipt.SubmissionId;
        await ValidateAsync(revisionId);
        await ClassifyAsync(revisionId);

        var revision = await RecordAsync(revisionId);
        revision.SignatureState.ShouldBe(SignatureStates.OtherTaxCode);
        (revision.Replaces, revision.Lineage, revision.ReplacesBySignature).ShouldBe((null, null, null));
        var warning = revision.ReviewWarnings.Single(w => w.Field == ProposalFields.ReplacesSubmissionId);
        warning.Vi.ShouldContain(earlier.ReceiptNumber);
        warning.En.ShouldContain("not verified with the matching tax code");
        (await RecordAsync(earlier.SubmissionId)).IsCounted.ShouldBeTrue("nothing displaced");
        revision.IsCounted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_revision_without_the_token_and_without_a_digital_signature_is_refused_at_intake()
    {
        var earlier = await SubmitAndValidateAsync(SampleDocuments.Pdf());

        var outcome = await SubmitAsync(SampleDocuments.Pdf(), Fields(f => f[ProposalFields.ReplacesSubmissionId] = earlier.SubmissionId));

        var error = outcome.ShouldBeOfType<IntakeOutcome.Invalid>().Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(ProposalFields.ReplacesTrackingToken);
        error.Vi.ShouldContain("ký số");
    }

    [Fact]
    public async Task A_signed_revision_of_another_tax_codes_submission_is_refused_at_intake()
    {
        var stranger = await SubmitAndValidateAsync(SampleDocuments.Pdf(), SampleProposal.FieldsOfAnotherEnterprise());

        var outcome = await SubmitAsync(SignedPdfs.Sign(_pki.Enterprise(_taxCode), Chain), Fields(f => f[ProposalFields.ReplacesSubmissionId] = stranger.SubmissionId));

        outcome.ShouldBeOfType<IntakeOutcome.Invalid>().Errors.ShouldHaveSingleItem().Field.ShouldBe(ProposalFields.TaxCode);
    }

    private Task<IntakeOutcome> SubmitAsync(byte[] pdf, Dictionary<string, string>? fields = null) =>
        _pipeline.Get<IntakeStage>().SubmitAsync(Incoming.Submission(_callId, fields ?? Fields(), pdf: pdf), default);

    private async Task<SubmissionRecord> SubmitAndValidateAsync(byte[] pdf, Dictionary<string, string>? fields = null)
    {
        var outcome = await SubmitAsync(pdf, fields);
        var id = outcome.ShouldBeOfType<IntakeOutcome.Accepted>().Receipt.SubmissionId;
        await ValidateAsync(id);
        return await RecordAsync(id);
    }

    private Task ValidateAsync(string submissionId) => _pipeline.Get<ExaminationStage>().ExamineAsync(_callId, submissionId, default);

    private async Task ClassifyAsync(string submissionId) =>
        await _pipeline.Get<ClassificationStage>().ClassifyAsync(new ClassifyMessage(_callId, submissionId), default);

    private async Task<SubmissionRecord> RecordAsync(string submissionId) =>
        (await _pipeline.Get<SubmissionStore>().FindAsync(_callId, submissionId, default))!;
}
