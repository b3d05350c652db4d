using System.Security.Cryptography.X509Certificates;
using Proposals.Domain.Signatures;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// The forger's files of issue 20, each built at test time from the test PKI, against the validator: every one ends
/// refused or not verified, with a reason in ETSI EN 319 102-1 terms, while honest files (one signature, a later
/// co-signature, a later document timestamp) stay verified.
/// </summary>
public sealed class ForgedSignatureTests : IDisposable
{
    private const string TaxCode = "0100233488";
    private static readonly string[] ServerAuth = ["1.3.6.1.5.5.7.3.1"];
    private static readonly string[] ClientAndEmail = ["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4"];
    private readonly TestPki _pki = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "trusted-roots-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SignatureTrust _trust;
    private readonly X509Certificate2 _tsa;

    public ForgedSignatureTests()
    {
        _trust = SignatureTrust.Load(_pki.WriteTrustedRoots(_folder));
        _tsa = _pki.TimestampAuthority();
    }

    private X509Certificate2Collection Chain => [_pki.Intermediate];

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public void Dispose()
    {
        _tsa.Dispose();
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private byte[] Signed() => SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain, Now.AddMinutes(-10));

    private IReadOnlyList<PdfSignature> Check(byte[] pdf) => PdfSignatures.Check(pdf, _trust, Now);

    private string DocumentState(byte[] pdf) => SignatureStates.Combine(Check(pdf).Select(s => s.StateFor(TaxCode)));

    [Fact]
    public void A_page_rewritten_in_an_update_after_the_signature_is_signed_then_changed_after_signing()
    {
        var signed = Signed();
        var forged = ForgedPdfs.ShadowPage(signed);

        PdfStructure.Check(new MemoryStream(forged)).ShouldBeEmpty("a reader opens it and shows the forged page");
        var signature = Check(forged).ShouldHaveSingleItem();
        signature.Indication.ShouldBe(SignatureIndication.Passed, "the signed revision itself is intact");
        signature.ChangedAfterSigning.ShouldBeTrue();
        signature.SignedRevisionLength.ShouldBe(signed.Length, "staff can read the revision that was signed");
        signature.Notes[0].En.ShouldContain("rewrites object");
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.ChangedAfterSigning);
    }

    [Fact]
    public void A_page_rewritten_inside_an_object_stream_is_seen_as_well()
    {
        var forged = ForgedPdfs.ShadowPageInObjectStream(Signed());

        PdfStructure.Check(new MemoryStream(forged)).ShouldBeEmpty();
        var signature = Check(forged).ShouldHaveSingleItem();
        signature.ChangedAfterSigning.ShouldBeTrue();
        signature.Notes[0].En.ShouldContain("/Page");
        DocumentState(forged).ShouldBe(SignatureStates.ChangedAfterSigning);
    }

    [Fact]
    public void A_fake_document_timestamp_over_a_forged_page_does_not_cover_it()
    {
        var forger = TestPki.SelfSigned("Forged TSA", [], timestamping: true);
        var forged = SignedPdfs.AddDocumentTimestamp(ForgedPdfs.ShadowPage(Signed()), forger);

        var signature = Check(forged).ShouldHaveSingleItem("a document timestamp is not a signer");
        signature.ChangedAfterSigning.ShouldBeTrue();
        signature.Notes.ShouldContain(n => n.En.Contains("timestamp authority does not chain to a trusted root", StringComparison.Ordinal));
        DocumentState(forged).ShouldBe(SignatureStates.ChangedAfterSigning);
    }

    [Fact]
    public void Even_a_genuine_document_timestamp_over_a_forged_page_does_not_make_the_change_allowed()
    {
        var forged = SignedPdfs.AddDocumentTimestamp(ForgedPdfs.ShadowPage(Signed()), _tsa);

        DocumentState(forged).ShouldBe(SignatureStates.ChangedAfterSigning);
    }

    [Fact]
    public void A_fake_document_timestamp_alone_is_a_change_after_signing()
    {
        var selfSigned = SignedPdfs.AddDocumentTimestamp(Signed(), TestPki.SelfSigned("Forged TSA", [], timestamping: true));
        var wrongImprint = SignedPdfs.AddDocumentTimestamp(Signed(), _tsa, wrongImprint: true);

        DocumentState(selfSigned).ShouldBe(SignatureStates.ChangedAfterSigning);
        var signature = Check(wrongImprint).ShouldHaveSingleItem();
        signature.ChangedAfterSigning.ShouldBeTrue();
        signature.Notes.ShouldContain(n => n.En.Contains("does not match the content", StringComparison.Ordinal));
    }

    [Fact]
    public void An_honest_document_timestamp_after_signing_keeps_the_signature_verified_and_gives_its_time()
    {
        var stampedAt = Now.AddMinutes(-2);
        var pdf = SignedPdfs.AddDocumentTimestamp(Signed(), _tsa, stampedAt);

        PdfStructure.Check(new MemoryStream(pdf)).ShouldBeEmpty();
        var signature = Check(pdf).ShouldHaveSingleItem();
        (signature.Indication, signature.ChangedAfterSigning).ShouldBe((SignatureIndication.Passed, false), string.Join(" | ", signature.Notes.Select(n => n.En)));
        signature.TimestampUtc!.Value.ShouldBe(stampedAt, TimeSpan.FromSeconds(1));
        signature.Notes.ShouldContain(n => n.En.StartsWith("Timestamp by \"Test TSA\" verified", StringComparison.Ordinal));
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Verified);
    }

    [Fact]
    public void A_signature_with_an_unknown_SubFilter_over_a_forged_page_hides_nothing()
    {
        var cms = CmsDigitalSigner.Sign([1, 2, 3], TestPki.SelfSigned("KẺ MẠO DANH", [$"MST:{TaxCode}"]), [], Now);
        var forged = SignedPdfs.AppendSignature(ForgedPdfs.ShadowPage(Signed()), "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /forged.custom", _ => cms);

        var signatures = Check(forged);
        signatures.Count.ShouldBe(2);
        signatures.ShouldContain(s => s.SubFilter == "forged.custom" && s.Indication == SignatureIndication.Indeterminate && s.SubIndication == SubIndications.FormatFailure);
        DocumentState(forged).ShouldBe(SignatureStates.ChangedAfterSigning);
    }

    [Fact]
    public void The_forgers_own_self_signed_signature_over_a_forged_page_hides_nothing()
    {
        var forger = TestPki.SelfSigned("CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC HẢI PHÒNG", [$"MST:{TaxCode}"]);
        var forged = SignedPdfs.AddSignature(ForgedPdfs.ShadowPage(Signed()), forger, []);

        var signatures = Check(forged);
        signatures.Count.ShouldBe(2);
        var last = signatures.Single(s => !s.ChangedAfterSigning);
        (last.Indication, last.SubIndication).ShouldBe((SignatureIndication.Indeterminate, SubIndications.NoCertificateChainFound));
        DocumentState(forged).ShouldBe(SignatureStates.ChangedAfterSigning);
    }

    [Fact]
    public void A_byte_range_whose_gap_is_a_decoy_string_instead_of_its_own_Contents_fails()
    {
        var forged = SignedPdfs.AppendSignature(SampleDocuments.Pdf(), "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached",
            content => CmsDigitalSigner.Sign(content, _pki.Enterprise(TaxCode), Chain, Now), decoyGap: true);

        var signature = Check(forged).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.FormatFailure));
        signature.Notes.ShouldHaveSingleItem().En.ShouldBe("The byte range's gap is not the signature's own /Contents.");
        DocumentState(forged).ShouldBe(SignatureStates.Invalid);
    }

    [Fact]
    public void A_signing_time_after_receipt_is_indeterminate()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain, Now.AddDays(1));

        var signature = Check(pdf).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Indeterminate, SubIndications.SigConstraintsFailure));
        signature.Notes[0].En.ShouldContain("later than the file's receipt");
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Untrusted);
    }

    [Fact]
    public void An_expired_certificate_with_a_backdated_signing_time_is_out_of_bounds_without_proof_of_existence()
    {
        var expired = _pki.Enterprise("CÔNG TY HẾT HẠN", [$"MST:{TaxCode}"], Now.AddYears(-1), Now.AddDays(-1));
        var pdf = SignedPdfs.Sign(expired, Chain, Now.AddDays(-30));

        var signature = Check(pdf).ShouldHaveSingleItem();
        signature.ValidAtSigningTime.ShouldBe(true, "the claim alone would pass");
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Indeterminate, SubIndications.OutOfBoundsNoPoe));
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Untrusted);
    }

    [Fact]
    public void A_signature_timestamp_from_a_trusted_authority_proves_the_signature_existed_while_the_certificate_was_valid()
    {
        var expired = _pki.Enterprise("CÔNG TY HẾT HẠN", [$"MST:{TaxCode}"], Now.AddYears(-1), Now.AddDays(-1));
        var stampedAt = Now.AddDays(-10);
        var pdf = SignedPdfs.Sign(expired, Chain, stampedAt, tweaks: new CmsTweaks { SignatureTimestampBy = _tsa, SignatureTimestampAt = stampedAt });

        var signature = Check(pdf).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Passed, null), string.Join(" | ", signature.Notes.Select(n => n.En)));
        signature.TimestampUtc!.Value.ShouldBe(stampedAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_signature_timestamp_by_the_forgers_own_authority_gives_no_time()
    {
        var expired = _pki.Enterprise("CÔNG TY HẾT HẠN", [$"MST:{TaxCode}"], Now.AddYears(-1), Now.AddDays(-1));
        var forger = TestPki.SelfSigned("Forged TSA", [], timestamping: true);
        var pdf = SignedPdfs.Sign(expired, Chain, Now.AddDays(-10), tweaks: new CmsTweaks { SignatureTimestampBy = forger, SignatureTimestampAt = Now.AddDays(-10) });

        var signature = Check(pdf).ShouldHaveSingleItem();
        signature.TimestampUtc.ShouldBeNull();
        signature.SubIndication.ShouldBe(SubIndications.OutOfBoundsNoPoe);
        signature.Notes.ShouldContain(n => n.En.Contains("timestamp authority does not chain to a trusted root", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_for_TLS_servers_only_may_not_sign_documents()
    {
        var tls = _pki.Enterprise("www.example.vn", [$"MST:{TaxCode}"], X509KeyUsageFlags.DigitalSignature, ServerAuth);

        var signature = Check(SignedPdfs.Sign(tls, Chain)).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Indeterminate, SubIndications.ChainConstraintsFailure));
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Untrusted);
    }

    [Fact]
    public void A_certificate_without_key_usage_may_not_sign_documents()
    {
        var bare = _pki.Enterprise("CÔNG TY KHÔNG KU", [$"MST:{TaxCode}"], null, []);

        Check(SignedPdfs.Sign(bare, Chain)).ShouldHaveSingleItem().SubIndication.ShouldBe(SubIndications.ChainConstraintsFailure);
    }

    [Fact]
    public void The_client_and_email_usages_Vietnams_CAs_issue_may_sign()
    {
        var usual = _pki.Enterprise("CÔNG TY THƯỜNG", [$"MST:{TaxCode}"], X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, ClientAndEmail);

        Check(SignedPdfs.Sign(usual, Chain)).ShouldHaveSingleItem().StateFor(TaxCode).ShouldBe(SignatureStates.Verified);
    }

    [Fact]
    public void A_certificate_naming_two_tax_codes_verifies_for_neither()
    {
        var both = _pki.Enterprise("HAI DOANH NGHIỆP", ["MST:0100233488", "MST:0100112437"]);

        var signature = Check(SignedPdfs.Sign(both, Chain)).ShouldHaveSingleItem();
        signature.Indication.ShouldBe(SignatureIndication.Passed);
        signature.StateFor("0100233488").ShouldBe(SignatureStates.OtherTaxCode);
        signature.StateFor("0100112437").ShouldBe(SignatureStates.OtherTaxCode);
    }

    [Fact]
    public void A_malformed_messageDigest_attribute_is_a_format_failure_not_an_exception()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain, tweaks: new CmsTweaks { Mutate = ForgedCms.MalformedMessageDigest });

        var signature = Check(pdf).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.FormatFailure));
        signature.Notes.ShouldHaveSingleItem().En.ShouldContain("signed attributes");
    }

    [Fact]
    public void A_malformed_signingTime_attribute_is_a_format_failure_not_an_exception()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain, tweaks: new CmsTweaks { Mutate = ForgedCms.MalformedSigningTime });

        (Check(pdf).ShouldHaveSingleItem().Indication, Check(pdf)[0].SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.FormatFailure));
    }

    [Fact]
    public void A_CMS_with_two_signers_fails()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain, tweaks: new CmsTweaks { SecondSigner = TestPki.SelfSigned("NGƯỜI THỨ HAI", []) });

        var signature = Check(pdf).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.FormatFailure));
        signature.Notes.ShouldHaveSingleItem().En.ShouldContain("exactly one");
    }

    [Theory]
    [InlineData("[0 9223372036854775807 9223372036854775807 9223372036854775807]")]
    [InlineData("[0 99999999999999999999999999 1 1]")]
    [InlineData("[0 -5 10 20]")]
    [InlineData("[0 515 5275 1.5]")]
    [InlineData("[5 515 5275 2535]")]
    [InlineData("[0 515 /x 2535]")]
    public void A_byte_range_that_overflows_or_is_not_four_whole_offsets_fails(string range)
    {
        var pdf = ForgedPdfs.WithByteRange(Signed(), range);

        var signatures = Should.NotThrow(() => Check(pdf));
        foreach (var signature in signatures)
        {
            (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.FormatFailure));
            signature.Notes.ShouldNotBeEmpty();
        }
    }
}
