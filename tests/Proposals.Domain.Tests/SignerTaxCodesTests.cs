using Proposals.Domain.Signatures;

namespace Proposals.Domain.Tests;

/// <summary>
/// The tax code in a signing certificate's subject, on subjects written the way Vietnam's licensed CAs write
/// them (docs/research/signatures-inbound-research.md, section 1.1: SAFE-CA, MobiFone-CA, Ministry of Finance CA samples).
/// </summary>
public class SignerTaxCodesTests
{
    private static SubjectPart Uid(string value) => new(SignerTaxCodes.UserIdOid, value);

    private static SubjectPart Cn(string value) => new("2.5.4.3", value);

    [Fact]
    public void Reads_the_tax_code_of_an_enterprise_certificate()
    {
        SignerTaxCodes.Find([new("2.5.4.6", "VN"), Cn("MÃ SỐ THUẾ TEST 109"), Uid("MST:0106324653")]).ShouldBe(["0106324653"]);
    }

    [Fact]
    public void Reads_every_UID_value_and_keeps_only_the_tax_code_whatever_comes_first()
    {
        // An employee's certificate of an enterprise: the person's identity card before the enterprise's MST.
        SignerTaxCodes.Find([Uid("CCCD:025199009534"), Uid("MST:0100686209-199"), Cn("NGUYEN HONG NHUNG")]).ShouldBe(["0100686209-199"]);
        SignerTaxCodes.Find([Uid("CMND:079073009568"), Uid("MST:0301824642")]).ShouldBe(["0301824642"]);
        // A state budget unit: its budget code beside its tax code.
        SignerTaxCodes.Find([Uid("MST:0400260612"), Uid("MNS:1047665")]).ShouldBe(["0400260612"]);
    }

    [Theory]
    [InlineData("MST:0301519977-029", "0301519977-029")]
    [InlineData("mst:0301519977-029", "0301519977-029")]
    [InlineData("MST : 0301519977029", "0301519977-029")]
    [InlineData("MST:0100233488", "0100233488")]
    public void Reads_the_branch_form_and_stores_it_canonical(string uid, string expected)
    {
        SignerTaxCodes.Find([Uid(uid)]).ShouldBe([expected]);
    }

    [Fact]
    public void Reads_the_ETSI_organisation_identifier()
    {
        SignerTaxCodes.Find([new(SignerTaxCodes.OrganizationIdentifierOid, "VATVN-0100233488")]).ShouldBe(["0100233488"]);
        SignerTaxCodes.Find([new(SignerTaxCodes.OrganizationIdentifierOid, "NTRVN-0100233488-001")]).ShouldBe(["0100233488-001"]);
        SignerTaxCodes.Find([new(SignerTaxCodes.OrganizationIdentifierOid, "VATDE-123456789")]).ShouldBeEmpty();
    }

    [Fact]
    public void A_persons_certificate_names_no_tax_code()
    {
        SignerTaxCodes.Find([Uid("CCCD:038093015572"), Cn("Bùi Sĩ Tuấn")]).ShouldBeEmpty();
        SignerTaxCodes.Find([Uid("CMND:027202009477")]).ShouldBeEmpty();
    }

    [Fact]
    public void Digits_in_the_common_name_are_not_taken_for_a_tax_code()
    {
        SignerTaxCodes.Find([Cn("CÔNG TY 0100233488"), Uid("0100233488")]).ShouldBeEmpty();
    }

    [Fact]
    public void A_tax_code_that_does_not_parse_is_kept_as_written_and_never_matches()
    {
        var found = SignerTaxCodes.Find([Uid("MST:0100233480")]);
        found.ShouldBe(["0100233480"]);
        SignerTaxCodes.Compare(found, "0100233480").ShouldBe(TaxCodeMatch.Differs);
    }

    [Fact]
    public void The_same_tax_code_appears_once()
    {
        SignerTaxCodes.Find([Uid("MST:0100233488"), new(SignerTaxCodes.OrganizationIdentifierOid, "VATVN-0100233488")]).ShouldBe(["0100233488"]);
    }

    [Theory]
    [InlineData("0100233488", "0100233488", TaxCodeMatch.Same)]
    [InlineData("0100233488-001", "0100233488-001", TaxCodeMatch.Same)]
    [InlineData("0100233488", "0100233488-001", TaxCodeMatch.HeadOfficeForBranch)]
    [InlineData("0100233488-001", "0100233488", TaxCodeMatch.Differs)]
    [InlineData("0100233488-001", "0100233488-002", TaxCodeMatch.Differs)]
    [InlineData("0100112437", "0100233488", TaxCodeMatch.Differs)]
    [InlineData("0100112437", "0100233488-001", TaxCodeMatch.Differs)]
    public void Compares_the_certificates_tax_code_with_the_submitted_one(string inCertificate, string submitted, TaxCodeMatch expected)
    {
        SignerTaxCodes.Compare([inCertificate], submitted).ShouldBe(expected);
    }

    [Fact]
    public void A_certificate_without_a_tax_code_matches_no_enterprise()
    {
        SignerTaxCodes.Compare([], "0100233488").ShouldBe(TaxCodeMatch.NoneInCertificate);
    }

    [Theory]
    [InlineData(SignatureIndication.Passed, false, TaxCodeMatch.Same, SignatureStates.Verified)]
    [InlineData(SignatureIndication.Passed, false, TaxCodeMatch.HeadOfficeForBranch, SignatureStates.Verified)]
    [InlineData(SignatureIndication.Passed, false, TaxCodeMatch.Differs, SignatureStates.OtherTaxCode)]
    [InlineData(SignatureIndication.Passed, false, TaxCodeMatch.NoneInCertificate, SignatureStates.OtherTaxCode)]
    [InlineData(SignatureIndication.Passed, false, TaxCodeMatch.Several, SignatureStates.OtherTaxCode)]
    [InlineData(SignatureIndication.Passed, true, TaxCodeMatch.Same, SignatureStates.ChangedAfterSigning)]
    [InlineData(SignatureIndication.Indeterminate, false, TaxCodeMatch.Same, SignatureStates.Untrusted)]
    [InlineData(SignatureIndication.Indeterminate, true, TaxCodeMatch.Same, SignatureStates.ChangedAfterSigning)]
    [InlineData(SignatureIndication.Failed, true, TaxCodeMatch.Same, SignatureStates.Invalid)]
    public void One_signatures_state(SignatureIndication indication, bool changedAfterSigning, TaxCodeMatch match, string expected)
    {
        SignatureStates.Of(indication, changedAfterSigning, match).ShouldBe(expected);
    }

    [Fact]
    public void A_certificate_naming_two_tax_codes_matches_neither()
    {
        SignerTaxCodes.Compare(["0100233488", "0100112437"], "0100233488").ShouldBe(TaxCodeMatch.Several);
    }

    [Fact]
    public void A_documents_state_is_invalid_if_any_signature_is_else_the_strongest_proof()
    {
        SignatureStates.Combine([]).ShouldBe(SignatureStates.NotSigned);
        SignatureStates.Combine([SignatureStates.Verified, SignatureStates.Invalid]).ShouldBe(SignatureStates.Invalid);
        SignatureStates.Combine([SignatureStates.Untrusted, SignatureStates.Verified]).ShouldBe(SignatureStates.Verified);
        SignatureStates.Combine([SignatureStates.Untrusted, SignatureStates.OtherTaxCode]).ShouldBe(SignatureStates.OtherTaxCode);
        SignatureStates.Combine([SignatureStates.Untrusted]).ShouldBe(SignatureStates.Untrusted);
    }

    [Fact]
    public void Every_state_has_words_in_both_languages()
    {
        foreach (var state in SignatureStates.All)
        {
            SignatureStates.Vietnamese(state).ShouldNotBe(SignatureStates.Vietnamese(null));
            SignatureStates.English(state).ShouldNotBe(SignatureStates.English(null));
        }
    }
}
