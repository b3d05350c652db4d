using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Proposals.Domain.Signatures;

namespace Proposals.Pipeline.Documents;

/// <summary>A timestamp that verified: when, and which authority (TSA) vouches for it.</summary>
public sealed record VerifiedTimestamp(DateTimeOffset Time, string Authority);

/// <summary>
/// RFC 3161 timestamps as PAdES uses them: the signature timestamp (an unsigned attribute of the signer,
/// id-aa-signatureTimeStampToken, over the signature value) and the document timestamp (a <c>/DocTimeStamp</c>
/// dictionary, SubFilter <c>ETSI.RFC3161</c>, over its byte ranges). A timestamp's time counts only when the token
/// verifies (.NET's <see cref="Rfc3161TimestampToken"/>: the imprint and the TSA's signature), the TSA's certificate
/// may stamp time (extended key usage timeStamping) and chains to the trusted-roots folder at that time, and the
/// time is not after the file was received. A timestamp anyone can make (a self-signed "TSA") proves nothing.
/// </summary>
public static class Rfc3161Timestamps
{
    public const string SignatureTimestampOid = "1.2.840.113549.1.9.16.2.14";
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    /// <summary>The signer's signature timestamp: null without one; otherwise the verified time, or why it does not count.</summary>
    public static (VerifiedTimestamp? Timestamp, SignatureNote? Note)? OfSignature(SignerInfo signer, SignatureTrust trust, DateTimeOffset receivedAt)
    {
        var tokens = signer.UnsignedAttributes.Cast<CryptographicAttributeObject>()
            .Where(a => a.Oid.Value == SignatureTimestampOid)
            .SelectMany(a => a.Values.Cast<AsnEncodedData>())
            .ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        if (tokens.Count > 1 || !Rfc3161TimestampToken.TryDecode(tokens[0].RawData, out var token, out _))
        {
            return (null, Refused("không đọc được", "cannot be read"));
        }

        return token.VerifySignatureForSignerInfo(signer, out var authority, trust.Intermediates)
            ? Trusted(token, authority!, trust, receivedAt)
            : (null, Refused("không khớp với chữ ký hoặc chữ ký của đơn vị cấp dấu thời gian không hợp lệ", "does not match the signature, or the authority's signature does not verify"));
    }

    /// <summary>A document timestamp's token over the bytes its byte ranges cover.</summary>
    public static (VerifiedTimestamp? Timestamp, SignatureNote? Note) OfDocument(byte[] contents, byte[] covered, SignatureTrust trust, DateTimeOffset receivedAt)
    {
        if (!Rfc3161TimestampToken.TryDecode(contents, out var token, out _))
        {
            return (null, Refused("(tài liệu) không đọc được", "(document) cannot be read"));
        }

        return token.VerifySignatureForData(covered, out var authority, trust.Intermediates)
            ? Trusted(token, authority!, trust, receivedAt)
            : (null, Refused("(tài liệu) không khớp với nội dung hoặc chữ ký của đơn vị cấp dấu thời gian không hợp lệ", "(document) does not match the content, or the authority's signature does not verify"));
    }

    private static (VerifiedTimestamp?, SignatureNote?) Trusted(Rfc3161TimestampToken token, X509Certificate2 authority, SignatureTrust trust, DateTimeOffset receivedAt)
    {
        var time = token.TokenInfo.Timestamp;
        var name = authority.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var ekus = authority.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToList();
        if (!ekus.Contains(TimeStampingEku))
        {
            return (null, Refused($"của \"{name}\": chứng thư không được phép cấp dấu thời gian", $"by \"{name}\": the certificate may not issue timestamps"));
        }

        if (time > receivedAt)
        {
            return (null, Refused($"của \"{name}\" ghi thời điểm sau lúc nhận hồ sơ", $"by \"{name}\" is dated after the file was received"));
        }

        var (chained, _, _) = trust.Judge(authority, token.AsSignedCms().Certificates, time);
        return chained
            ? (new VerifiedTimestamp(time, name), null)
            : (null, Refused($"của \"{name}\": đơn vị cấp dấu thời gian không thuộc CA tin cậy", $"by \"{name}\": the timestamp authority does not chain to a trusted root"));
    }

    private static SignatureNote Refused(string vi, string en) =>
        new($"Dấu thời gian {vi}; thời điểm của nó không được dùng.", $"The timestamp {en}; its time is not used.");
}
