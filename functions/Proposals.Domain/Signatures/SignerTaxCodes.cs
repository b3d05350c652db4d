using Proposals.Domain.Validation;

namespace Proposals.Domain.Signatures;

/// <summary>One attribute of a certificate's subject (one RDN): its OID and its text value.</summary>
public sealed record SubjectPart(string Oid, string Value);

/// <summary>How the tax code a certificate names relates to the tax code a proposal was submitted under.</summary>
public enum TaxCodeMatch
{
    /// <summary>The certificate names tax codes, none of them the submitted one or its enterprise's.</summary>
    Differs,

    /// <summary>The certificate names no tax code at all (a person's certificate: <c>CCCD:</c>, <c>CMND:</c>...).</summary>
    NoneInCertificate,

    Same,

    /// <summary>The enterprise's own certificate (ten digits) on a proposal of one of its dependent branches.</summary>
    HeadOfficeForBranch,

    /// <summary>The certificate names more than one tax code: it cannot say which enterprise signed, so it matches none.</summary>
    Several,
}

/// <summary>
/// The tax code (mã số thuế, MST) in a signing certificate's subject, as Vietnam's licensed CAs write it,
/// and how it is compared with the submitted one.
/// </summary>
/// <remarks>
/// Handled (docs/research/signatures-inbound-research.md, section 1):
/// <list type="bullet">
/// <item>the userId attribute (UID, OID 0.9.2342.19200300.100.1.1) with the value <c>MST:0123456789</c> or
/// <c>MST:0123456789-001</c>, as every licensed CA's samples show (VNPT, Viettel, FPT, BKAV, MISA, SAFE-CA,
/// NC-CA, MobiFone...). A subject may carry several UID values (<c>UID=MST:…, UID=CCCD:…</c> for an employee of an
/// enterprise, <c>UID=MST:…, UID=MNS:…</c> for a budget unit): every one is read and only <c>MST:</c> ones count,
/// whatever their order. Prefix case and spaces around the colon are tolerated;</item>
/// <item>the organizationIdentifier attribute (2.5.4.97) in the ETSI EN 319 412-1 form <c>VATVN-0123456789</c> or
/// <c>NTRVN-0123456789</c>: not seen on a Vietnamese certificate yet, but it is the standard's way to name an
/// organisation, and an enterprise's registration number is its tax code (Luật Doanh nghiệp 2020, Điều 29).</item>
/// </list>
/// Not read: a tax code inside CN, OU or SERIALNUMBER (no sample found; guessing there would match the digits of
/// an identity card as readily as a tax code), and the personal identifiers <c>CMND:</c>, <c>CCCD:</c>, <c>HC:</c>,
/// which are personal data and prove nothing about an enterprise.
/// </remarks>
public static class SignerTaxCodes
{
    public const string UserIdOid = "0.9.2342.19200300.100.1.1";
    public const string OrganizationIdentifierOid = "2.5.4.97";

    private static readonly string[] OrganizationIdentifierPrefixes = ["VATVN-", "NTRVN-"];

    /// <summary>Every tax code the subject names, canonical when it parses (<c>0100233488-001</c>), else as written; in subject order, once each.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<SubjectPart> subject)
    {
        var found = new List<string>();
        foreach (var attribute in subject)
        {
            var text = attribute.Oid switch
            {
                UserIdOid => AfterMstPrefix(attribute.Value),
                OrganizationIdentifierOid => OrganizationIdentifierPrefixes
                    .Where(p => attribute.Value.Trim().StartsWith(p, StringComparison.OrdinalIgnoreCase))
                    .Select(p => attribute.Value.Trim()[p.Length..])
                    .FirstOrDefault(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var value = TaxCode.TryParse(text, out var parsed, out _) ? parsed!.Value : text.Trim();
            if (!found.Contains(value, StringComparer.Ordinal))
            {
                found.Add(value);
            }
        }

        return found;
    }

    /// <summary>
    /// Compares the certificate's tax codes with the submitted one. The same code matches. The enterprise's own
    /// ten-digit certificate also matches a proposal of one of its dependent branches (<c>0100233488</c> signs for
    /// <c>0100233488-001</c>): a dependent branch is not a legal person (Bộ luật Dân sự 2015, Điều 84) but a unit of
    /// the enterprise that acts for it (Luật Doanh nghiệp 2020, Điều 44), so the enterprise's signature binds it. Not the other way round: a branch's
    /// certificate does not sign for the enterprise or for another branch.
    /// </summary>
    public static TaxCodeMatch Compare(IReadOnlyList<string> certificateTaxCodes, string submittedTaxCode)
    {
        if (certificateTaxCodes.Count == 0)
        {
            return TaxCodeMatch.NoneInCertificate;
        }

        if (certificateTaxCodes.Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            return TaxCodeMatch.Several; // one certificate cannot act for two enterprises (issue 20)
        }

        if (!TaxCode.TryParse(submittedTaxCode, out var submitted, out _))
        {
            return TaxCodeMatch.Differs;
        }

        var best = TaxCodeMatch.Differs;
        foreach (var text in certificateTaxCodes)
        {
            if (!TaxCode.TryParse(text, out var certificate, out _))
            {
                continue;
            }

            if (certificate!.Value == submitted!.Value)
            {
                return TaxCodeMatch.Same;
            }

            if (!certificate.IsBranch && submitted.IsBranch && submitted.Enterprise == certificate.Value)
            {
                best = TaxCodeMatch.HeadOfficeForBranch;
            }
        }

        return best;
    }

    private static string? AfterMstPrefix(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && value[..colon].Trim().Equals("MST", StringComparison.OrdinalIgnoreCase) ? value[(colon + 1)..] : null;
    }
}
