using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Proposals.Testing;

/// <summary>
/// RFC 3161 timestamp tokens made by a test's own authority (.NET verifies tokens but makes none): a TSTInfo with
/// the SHA-256 imprint of the data, signed as CMS with the ESS signingCertificateV2 attribute that RFC 5816 asks for.
/// A forger's "authority" (a self-signed certificate) makes tokens the same way.
/// </summary>
public static class TestTimestamps
{
    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    /// <summary>A timestamp token over <paramref name="data"/> by <paramref name="authority"/> (with its private key) at <paramref name="time"/>.</summary>
    public static byte[] Token(byte[] data, X509Certificate2 authority, DateTimeOffset time)
    {
        var info = new AsnWriter(AsnEncodingRules.DER);
        using (info.PushSequence())
        {
            info.WriteInteger(1);
            info.WriteObjectIdentifier("1.3.6.1.4.1.99999.1");
            using (info.PushSequence())
            {
                using (info.PushSequence())
                {
                    info.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                    info.WriteNull();
                }

                info.WriteOctetString(SHA256.HashData(data));
            }

            info.WriteInteger(new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true));
            info.WriteGeneralizedTime(time.ToUniversalTime(), omitFractionalSeconds: true);
        }

        var essCertId = new AsnWriter(AsnEncodingRules.DER);
        using (essCertId.PushSequence())
        {
            using (essCertId.PushSequence())
            {
                using (essCertId.PushSequence())
                {
                    essCertId.WriteOctetString(SHA256.HashData(authority.RawData));
                }
            }
        }

        var cms = new SignedCms(new ContentInfo(new Oid(TstInfoOid), info.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, authority)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2Oid), essCertId.Encode()));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }
}
