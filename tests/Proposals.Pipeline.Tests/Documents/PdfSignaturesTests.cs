using System.Security.Cryptography.X509Certificates;
using Proposals.Domain.Signatures;
using Proposals.LocalHost;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

/// <summary>
/// Digital signatures of signed scans checked as a PDF reader checks them: byte ranges, digest, signature value,
/// chain to the operator's roots at the signing time, and the tax code in the certificate.
/// </summary>
public sealed class PdfSignaturesTests : IDisposable
{
    private const string TaxCode = "0100233488";
    private readonly TestPki _pki = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "trusted-roots-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SignatureTrust _trust;

    public PdfSignaturesTests() => _trust = SignatureTrust.Load(_pki.WriteTrustedRoots(_folder));

    private X509Certificate2Collection Chain => [_pki.Intermediate];

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_PDF_signed_by_an_enterprise_certificate_under_a_trusted_root_verifies_and_names_its_tax_code()
    {
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain, signedAt);

        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();

        (signature.Indication, signature.SubIndication, signature.ChangedAfterSigning).ShouldBe((SignatureIndication.Passed, null, false));
        signature.SignedRevisionLength.ShouldBe(pdf.Length);
        signature.SubFilter.ShouldBe("adbe.pkcs7.detached");
        signature.SignerName.ShouldBe("CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC HẢI PHÒNG");
        signature.Issuer.ShouldBe("Test-CA");
        signature.TaxCodes.ShouldBe([TaxCode]);
        signature.SigningTimeSigned.ShouldBeTrue();
        signature.SignedAtUtc!.Value.ShouldBe(signedAt, TimeSpan.FromSeconds(1));
        signature.ValidAtSigningTime.ShouldBe(true);
        signature.Notes.ShouldContain(n => n.En.Contains("Test Vietnam National Root CA", StringComparison.Ordinal));
        signature.Notes.ShouldContain(n => n.En.StartsWith("Revocation (CRL/OCSP) not checked", StringComparison.Ordinal));
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Verified);
        signature.StateFor("0100233488-001").ShouldBe(SignatureStates.Verified, "the head office signs for its branch");
        signature.StateFor("0100112437").ShouldBe(SignatureStates.OtherTaxCode);
    }

    [Fact]
    public void A_normal_signed_PDF_passes_intakes_structure_check_and_is_seen_as_signed()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain);

        PdfStructure.Check(new MemoryStream(pdf), out var pages).ShouldBeEmpty("/Sig, /AcroForm, /SigFlags and the widget are not active content");
        pages.ShouldBe(1);
        PdfSignatures.IsSigned(new MemoryStream(pdf)).ShouldBeTrue();
        PdfSignatures.IsSigned(new MemoryStream(SampleDocuments.Pdf())).ShouldBeFalse();
        PdfSignatures.Check(SampleDocuments.Pdf(), _trust, DateTimeOffset.UtcNow).ShouldBeEmpty();
    }

    [Fact]
    public void A_byte_changed_after_signing_is_an_alteration()
    {
        var pdf = SignedPdfs.AlterAfterSigning(SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain));

        PdfStructure.Check(new MemoryStream(pdf)).ShouldBeEmpty("still a sound PDF");
        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.HashFailure));
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Invalid);
    }

    [Fact]
    public void An_unsigned_update_after_the_signature_is_signed_then_changed_after_signing()
    {
        var signed = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain);
        var pdf = SignedPdfs.AppendUnsignedUpdate(signed);

        PdfStructure.Check(new MemoryStream(pdf)).ShouldBeEmpty();
        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        signature.Indication.ShouldBe(SignatureIndication.Passed, "its own revision is intact");
        signature.ChangedAfterSigning.ShouldBeTrue();
        signature.SignedRevisionLength.ShouldBe(signed.Length);
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.ChangedAfterSigning);
        signature.Notes[0].En.ShouldContain("changed after signing");
    }

    [Fact]
    public void A_broken_signature_value_is_invalid()
    {
        var pdf = SignedPdfs.BreakSignatureValue(SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain));

        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Failed, SubIndications.SigCryptoFailure));
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Invalid);
    }

    [Fact]
    public void A_second_signature_in_an_incremental_update_leaves_the_first_covering_its_revision()
    {
        var first = SignedPdfs.Sign(_pki.Enterprise(TaxCode, "NGUYỄN VĂN AN"), Chain);
        var pdf = SignedPdfs.AddSignature(first, _pki.Enterprise("0100112437", "TRẦN THỊ BÌNH"), Chain);

        PdfStructure.Check(new MemoryStream(pdf)).ShouldBeEmpty();
        var signatures = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow);
        signatures.Count.ShouldBe(2);
        signatures.ShouldAllBe(s => s.Indication == SignatureIndication.Passed && !s.ChangedAfterSigning, "a later signature is allowed after signing");
        signatures.Select(s => s.SignerName).ShouldBe(["NGUYỄN VĂN AN", "TRẦN THỊ BÌNH"], ignoreOrder: true);
        SignatureStates.Combine(signatures.Select(s => s.StateFor(TaxCode))).ShouldBe(SignatureStates.Verified);

        // The first revision altered under the second signature: the first signature no longer holds.
        var alteredFirst = SignedPdfs.AddSignature(SignedPdfs.AlterAfterSigning(first), _pki.Enterprise("0100112437"), Chain);
        var states = PdfSignatures.Check(alteredFirst, _trust, DateTimeOffset.UtcNow).Select(s => s.StateFor(TaxCode)).ToList();
        SignatureStates.Combine(states).ShouldBe(SignatureStates.Invalid);
    }

    [Fact]
    public void A_certificate_of_another_hierarchy_is_not_trusted()
    {
        using var other = new TestPki("Some Other Root", "Some Other CA");
        var pdf = SignedPdfs.Sign(other.Enterprise(TaxCode), [other.Intermediate]);

        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Indeterminate, SubIndications.NoCertificateChainFound));
        signature.Notes.ShouldContain(n => n.En == "The chain does not reach any configured trusted root.");
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.Untrusted);
    }

    [Fact]
    public void Without_configured_roots_nothing_is_trusted_and_staff_are_told_why()
    {
        var pdf = SignedPdfs.Sign(_pki.Enterprise(TaxCode), Chain);

        var signature = PdfSignatures.Check(pdf, SignatureTrust.Load(null), DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        signature.Indication.ShouldBe(SignatureIndication.Indeterminate);
        signature.Notes.ShouldContain(n => n.En.Contains("No trusted root is configured", StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_expired_at_the_signing_time_is_not_trusted()
    {
        var expired = _pki.Enterprise("CÔNG TY HẾT HẠN", [$"MST:{TaxCode}"], DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddDays(-1));
        var pdf = SignedPdfs.Sign(expired, Chain, DateTimeOffset.UtcNow);

        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        signature.ValidAtSigningTime.ShouldBe(false);
        (signature.Indication, signature.SubIndication).ShouldBe((SignatureIndication.Indeterminate, SubIndications.OutOfBoundsNoPoe));
        signature.Notes.ShouldContain(n => n.En.Contains("expired or not yet valid", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tax_code_is_found_among_several_UID_values()
    {
        var employee = _pki.Enterprise("NGUYEN HONG NHUNG", ["CCCD:025199009534", "MST:0100233488-001"]);
        var pdf = SignedPdfs.Sign(employee, Chain);

        var signature = PdfSignatures.Check(pdf, _trust, DateTimeOffset.UtcNow).ShouldHaveSingleItem();
        signature.TaxCodes.ShouldBe(["0100233488-001"]);
        signature.StateFor("0100233488-001").ShouldBe(SignatureStates.Verified);
        signature.StateFor(TaxCode).ShouldBe(SignatureStates.OtherTaxCode, "a branch's certificate does not sign for the enterprise");
    }

    [Theory]
    [InlineData("D:20240301083000+07'00'", "2024-03-01T01:30:00Z")]
    [InlineData("D:20240301083000Z", "2024-03-01T08:30:00Z")]
    [InlineData("D:20240301083000-05'30", "2024-03-01T14:00:00Z")]
    [InlineData("D:2024030108", "2024-03-01T08:00:00Z")]
    public void Reads_PDF_dates(string text, string expected)
    {
        PdfSignatures.ParsePdfDate(text).ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("yesterday")]
    [InlineData("D:20241399")]
    public void Unreadable_PDF_dates_are_no_date(string? text)
    {
        PdfSignatures.ParsePdfDate(text).ShouldBeNull();
    }
}

/// <summary>
/// Real certificates of Vietnam's public key infrastructure (public data, copied from public code; see
/// Fixtures/vn-ca-sample-certs.pem and docs/research/signatures-inbound-research.md, section 1.5): the Vietnam
/// National Root CA (SHA-256, G2), the Viettel-CA RS CA it issued, and two enterprise test certificates of
/// SAFE-CA and LCS-CA. Only tests read them; the product ships no roots.
/// </summary>
public sealed class VietnameseCaCertificatesTests : IDisposable
{
    private static readonly X509Certificate2Collection Samples = Load();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vn-roots-" + Guid.NewGuid().ToString("N")[..8]);

    private static X509Certificate2Collection Load()
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(Path.Combine(RepositoryRoot.Find(), "tests", "Proposals.Pipeline.Tests", "Documents", "Fixtures", "vn-ca-sample-certs.pem"));
        return certificates;
    }

    private static X509Certificate2 Named(string commonName) =>
        Samples.Single(c => c.GetNameInfo(X509NameType.SimpleName, false) == commonName);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The folder as an operator fills it: the root as PEM, the licensed CA as DER (.crt), as CAs publish them.</summary>
    private SignatureTrust TrustTheNationalRoot()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "vnrca256.pem"), Named("Vietnam National Root CA").ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(_folder, "viettel-ca-rs.crt"), Named("Viettel-CA RS").Export(X509ContentType.Cert));
        File.WriteAllText(Path.Combine(_folder, "README.txt"), "not a certificate: ignored by its extension");
        return SignatureTrust.Load(_folder);
    }

    [Fact]
    public void The_national_root_is_a_trust_anchor_and_the_licensed_CA_an_intermediate()
    {
        var trust = TrustTheNationalRoot();

        trust.Roots.ShouldHaveSingleItem().Subject.ShouldContain("Vietnam National Root CA");
        trust.Intermediates.ShouldHaveSingleItem().Subject.ShouldContain("Viettel-CA RS");
    }

    [Fact]
    public void Viettel_CA_chains_to_the_national_root_while_its_certificate_is_valid()
    {
        var trust = TrustTheNationalRoot();
        var viettel = Named("Viettel-CA RS");

        var (trusted, notes) = trust.Evaluate(viettel, [], new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero));
        trusted.ShouldBeTrue();
        notes.ShouldHaveSingleItem().En.ShouldContain("\"Vietnam National Root CA\"");

        var (later, laterNotes) = trust.Evaluate(viettel, [], new DateTimeOffset(2028, 1, 15, 0, 0, 0, TimeSpan.Zero));
        later.ShouldBeFalse("Viettel-CA RS expires on 2027-09-26");
        laterNotes.ShouldContain(n => n.En.Contains("expired or not yet valid", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MÃ SỐ THUẾ TEST 109", "0106324653")]
    [InlineData("MÃ SỐ THUẾ TEST 97", "0106323762")]
    public void The_tax_code_of_real_enterprise_certificates_is_read_from_their_UID(string commonName, string taxCode)
    {
        PdfSignatures.TaxCodesOf(Named(commonName)).ShouldBe([taxCode]);
    }

    [Fact]
    public void A_real_enterprise_certificate_whose_CA_is_not_installed_does_not_chain()
    {
        var trust = TrustTheNationalRoot();

        var (trusted, notes) = trust.Evaluate(Named("MÃ SỐ THUẾ TEST 109"), [], new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero));
        trusted.ShouldBeFalse("SAFE-CA's own certificate is not in the folder");
        notes.ShouldContain(n => n.En == "The chain does not reach any configured trusted root.");
    }

    [Fact]
    public void A_folder_holding_something_that_is_not_a_certificate_stops_the_app()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "root.cer"), "not a certificate");

        Should.Throw<InvalidDataException>(() => SignatureTrust.Load(_folder)).Message.ShouldContain("root.cer");
        Should.Throw<DirectoryNotFoundException>(() => SignatureTrust.Load(_folder + "-missing"));
    }
}
