using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Proposals.Domain.Signatures;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Proposals.Pipeline.Documents;

/// <summary>One digital signature of a PDF and what validating it showed (ETSI EN 319 102-1), before whose tax code it is compared with.</summary>
/// <param name="Indication">Passed, indeterminate or failed.</param>
/// <param name="SubIndication">The standard's reason when not passed (<see cref="SubIndications"/>).</param>
/// <param name="ChangedAfterSigning">A later incremental update changed what PDF does not allow after signing.</param>
/// <param name="SignedRevisionLength">The bytes up to the end of the signed range (the signed revision, for staff to read); 0 when the byte range is malformed.</param>
/// <param name="SignedAtUtc">The signing time the signer claims (the signed signingTime attribute, else the PDF's <c>/M</c>).</param>
/// <param name="TimestampUtc">The time of a verified RFC 3161 timestamp over the signature (its own, or a later document timestamp).</param>
/// <param name="ValidAtSigningTime">Whether the certificate's validity period holds the claimed signing time.</param>
public sealed record PdfSignature(
    string? SubFilter,
    SignatureIndication Indication,
    string? SubIndication,
    bool ChangedAfterSigning,
    long SignedRevisionLength,
    string? SignerName,
    string? Issuer,
    IReadOnlyList<string> TaxCodes,
    DateTimeOffset? SignedAtUtc,
    bool SigningTimeSigned,
    DateTimeOffset? TimestampUtc,
    bool? ValidAtSigningTime,
    IReadOnlyList<SignatureNote> Notes)
{
    /// <summary>Its state for a proposal submitted under <paramref name="taxCode"/> (the rule: <see cref="SignatureStates.Of"/>).</summary>
    public string StateFor(string taxCode) => SignatureStates.Of(Indication, ChangedAfterSigning, SignerTaxCodes.Compare(TaxCodes, taxCode));
}

/// <summary>
/// The digital signatures (chữ ký số) of a PDF, validated as ETSI EN 319 102-1 validators (the EU's DSS, poppler's
/// <c>pdfsig</c>) do, aware of what each covers in the file (ISO 32000-2, 12.8). Every dictionary with a
/// <c>/ByteRange</c> and a <c>/Contents</c>; SubFilter <c>adbe.pkcs7.detached</c> or <c>ETSI.CAdES.detached</c> are
/// verified, <c>ETSI.RFC3161</c> document timestamps only vouch for time, anything else is indeterminate.
/// <list type="number">
/// <item>Format (failed, FORMAT_FAILURE): the byte range is four integers within the file, starts at 0, its gap is
/// exactly the dictionary's own <c>/Contents</c> string (found in the raw bytes, not a decoy elsewhere), and it ends
/// at the end of the file or of a revision (<c>%%EOF</c>); the CMS parses and has exactly one signer; its
/// messageDigest and signingTime attributes are well formed.</item>
/// <item>Integrity: the digest of the covered bytes against messageDigest (HASH_FAILURE), then the signature value
/// with <see cref="SignedCms"/> (SIG_CRYPTO_FAILURE). No cryptography of our own.</item>
/// <item>Policy (indeterminate): a signing certificate is embedded; its key usage holds digitalSignature or
/// nonRepudiation and its extended key usage, if any, allows signing documents (CHAIN_CONSTRAINTS_FAILURE); no SHA-1
/// or MD5 digest (CRYPTO_CONSTRAINTS_FAILURE); the claimed signing time is not after the time the signature is
/// proven to exist (SIG_CONSTRAINTS_FAILURE).</item>
/// <item>The chain (<see cref="SignatureTrust"/>) to the operator's roots at the time the signature is proven to
/// exist: a verified timestamp (<see cref="Rfc3161Timestamps"/>), else the file's receipt. The signer's own claimed
/// time never moves it: an expired certificate with a backdated time is OUT_OF_BOUNDS_NO_POE. Revocation is not
/// checked: the CAs' CRL and OCSP servers cannot be reached from here (a policy choice, README).</item>
/// <item>What follows the signed revision (<see cref="PdfRevisions"/>): anything but a later signature, a verified
/// document timestamp or a DSS makes it "changed after signing".</item>
/// </list>
/// Hostile bytes end in a result with a reason, never an exception.
/// </summary>
public static class PdfSignatures
{
    private const string DocumentTimestampSubFilter = "ETSI.RFC3161";
    private static readonly string[] VerifiedSubFilters = ["adbe.pkcs7.detached", "ETSI.CAdES.detached"];
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";

    /// <summary>How far ahead of the proof of existence a signer's clock may be before its claimed time is refused.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Extended key usages that allow signing a document: any, RFC 9336 documentSigning, Adobe's and Microsoft's, and the e-mail and client ones Vietnam's CAs issue signing certificates with.</summary>
    private static readonly HashSet<string> DocumentSigningEkus = new(StringComparer.Ordinal)
    {
        "2.5.29.37.0", "1.3.6.1.5.5.7.3.36", "1.2.840.113583.1.1.5", "1.3.6.1.4.1.311.10.3.12", "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.2",
    };

    private static readonly SignatureNote RevocationNotChecked = new(
        "Chưa kiểm tra thu hồi chứng thư (CRL/OCSP): máy chủ không truy cập được dịch vụ của CA.",
        "Revocation (CRL/OCSP) not checked: the CA's services cannot be reached from the server.");

    /// <summary>Whether the PDF carries a digital signature at all (no cryptography): intake's cheap look.</summary>
    public static bool IsSigned(Stream pdf)
    {
        using var copy = new MemoryStream();
        pdf.CopyTo(copy);
        return PdfObjects.Open(copy.ToArray()) is { } objects && FindDictionaries(objects).Count > 0;
    }

    /// <summary>A document timestamp rather than a signer: <c>/Type /DocTimeStamp</c> or SubFilter <c>ETSI.RFC3161</c>.</summary>
    public static bool IsDocumentTimestamp(DictionaryToken dictionary) =>
        dictionary.Data.GetValueOrDefault("SubFilter") is NameToken { Data: DocumentTimestampSubFilter }
        || dictionary.Data.GetValueOrDefault("Type") is NameToken { Data: "DocTimeStamp" };

    /// <summary>
    /// Every signature of the PDF (document timestamps aside), validated for a file received at
    /// <paramref name="receivedAt"/>; empty when it has none (a scan) or cannot be parsed at all.
    /// </summary>
    public static IReadOnlyList<PdfSignature> Check(byte[] pdf, SignatureTrust trust, DateTimeOffset receivedAt)
    {
        if (PdfObjects.Open(pdf) is not { } objects)
        {
            return [];
        }

        var found = FindDictionaries(objects);
        var timestamps = found.Where(f => IsDocumentTimestamp(f.Dictionary)).Select(f => CheckDocumentTimestamp(pdf, f, trust, receivedAt)).ToList();
        var verified = timestamps.Where(t => t.Timestamp is not null).Select(t => t.Reference).ToHashSet();
        return found
            .Where(f => !IsDocumentTimestamp(f.Dictionary))
            .Select(f =>
            {
                try
                {
                    return Check(pdf, f, objects, timestamps, verified, trust, receivedAt);
                }
                catch (Exception e) when (e is CryptographicException or AsnContentException or ArgumentException or FormatException or OverflowException or InvalidOperationException)
                {
                    // The last line: whatever a hostile CMS makes the platform throw is a malformed signature, never a stuck submission.
                    return Failed(f, SubIndications.FormatFailure, 0, Note(SubIndications.FormatFailure));
                }
            })
            .ToList();
    }

    /// <summary>A signature dictionary as found: the object holding it, where that object is written, the dictionary.</summary>
    private sealed record Found(IndirectReference Reference, long Offset, DictionaryToken Dictionary)
    {
        public string? SubFilter => (Dictionary.Data.GetValueOrDefault("SubFilter") as NameToken)?.Data;

        public DateTimeOffset? PdfSigningTime => ParsePdfDate((Dictionary.Data.GetValueOrDefault("M") as StringToken)?.Data);
    }

    /// <summary>A document timestamp as checked: where its revision ends, and its verified time or why it does not count.</summary>
    private sealed record DocumentTimestamp(IndirectReference Reference, long End, VerifiedTimestamp? Timestamp, SignatureNote? Note);

    /// <summary>The byte range and the CMS it leaves the gap for, when the format holds; otherwise the failure.</summary>
    private static (long[]? Range, byte[] Contents, SignatureNote? Problem) ReadSignedRange(byte[] pdf, Found found)
    {
        if (found.Dictionary.Data.GetValueOrDefault("ByteRange") is not ArrayToken { Data.Count: 4 } array
            || array.Data.Any(t => t is not NumericToken { Data: var n } || n != Math.Truncate(n) || n < 0 || n > pdf.Length))
        {
            return (null, [], new("Vùng ký (/ByteRange) không phải bốn số nguyên trong phạm vi tệp.", "The byte range (/ByteRange) is not four integers within the file."));
        }

        var range = array.Data.Cast<NumericToken>().Select(n => (long)n.Data).ToArray();
        var (a, b, c, d) = (range[0], range[1], range[2], range[3]);
        if (a != 0 || b <= 0 || c <= b + 1 || c + d > pdf.Length)
        {
            return (null, [], new("Vùng ký (/ByteRange) không bắt đầu từ đầu tệp hoặc vượt quá tệp.", "The byte range (/ByteRange) does not start at the file's start, or runs past its end."));
        }

        if (PdfRevisions.ContentsSpan(pdf, found.Offset, found.Reference) is not { } gap || gap.Start != b || gap.End != c)
        {
            return (null, [], new("Khoảng trống của vùng ký không phải chính giá trị /Contents của chữ ký.", "The byte range's gap is not the signature's own /Contents."));
        }

        if (!PdfRevisions.IsEndOfFile(pdf, c + d) && !PdfRevisions.IsRevisionEnd(pdf, c + d))
        {
            return (null, [], SubIndications.Describe(SubIndications.SignedDataNotFound));
        }

        return TryReadContents(pdf, b, c, out var contents)
            ? (range, contents, null)
            : (null, [], new("Giá trị /Contents không phải một chữ ký CMS.", "The /Contents value is not a CMS signature."));
    }

    private static DocumentTimestamp CheckDocumentTimestamp(byte[] pdf, Found found, SignatureTrust trust, DateTimeOffset receivedAt)
    {
        try
        {
            var (range, contents, problem) = ReadSignedRange(pdf, found);
            if (range is null)
            {
                return new(found.Reference, 0, null, problem);
            }

            var (timestamp, note) = Rfc3161Timestamps.OfDocument(contents, Covered(pdf, range), trust, receivedAt);
            return new(found.Reference, range[2] + range[3], timestamp, note);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            return new(found.Reference, 0, null, new("Dấu thời gian tài liệu không đọc được.", "A document timestamp cannot be read."));
        }
    }

    private static PdfSignature Check(
        byte[] pdf, Found found, PdfObjects objects, List<DocumentTimestamp> timestamps, HashSet<IndirectReference> verifiedTimestamps,
        SignatureTrust trust, DateTimeOffset receivedAt)
    {
        var (range, contents, problem) = ReadSignedRange(pdf, found);
        if (range is null)
        {
            return Failed(found, SubIndications.FormatFailure, 0, problem!);
        }

        var end = range[2] + range[3];
        var notes = new List<SignatureNote>();
        var changes = PdfRevisions.ChangesAfter(pdf, (int)end, objects, verifiedTimestamps);
        if (changes is not null)
        {
            notes.Add(changes);
        }

        notes.AddRange(timestamps.Where(t => t.End >= end && t.Note is not null).Select(t => t.Note!));
        if (!VerifiedSubFilters.Contains(found.SubFilter, StringComparer.Ordinal))
        {
            notes.Insert(0, new($"Định dạng chữ ký \"{found.SubFilter}\" không được kiểm tra.", $"Signature format \"{found.SubFilter}\" is not verified."));
            return Result(found, SignatureIndication.Indeterminate, SubIndications.FormatFailure, changes is not null, end, null, null, false, null, notes);
        }

        var signed = Covered(pdf, range);
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        try
        {
            cms.Decode(contents);
        }
        catch (CryptographicException)
        {
            return Failed(found, SubIndications.FormatFailure, end, new("Không đọc được chữ ký CMS/PKCS#7.", "The CMS/PKCS#7 signature cannot be read."));
        }

        if (cms.SignerInfos.Count != 1)
        {
            return Failed(found, SubIndications.FormatFailure, end,
                new($"Chữ ký CMS có {cms.SignerInfos.Count} người ký; một chữ ký PDF phải có đúng một.", $"The CMS holds {cms.SignerInfos.Count} signers; a PDF signature must hold exactly one."));
        }

        var signer = cms.SignerInfos[0];
        if (!TryReadSignedAttributes(signer, out var digest, out var claimedTime))
        {
            return Failed(found, SubIndications.FormatFailure, end,
                new("Thuộc tính đã ký của chữ ký (messageDigest, signingTime) bị hỏng hoặc lặp lại.", "The signature's signed attributes (messageDigest, signingTime) are malformed or repeated."));
        }

        if (signer.Certificate is not { } certificate)
        {
            notes.Insert(0, SubIndications.Describe(SubIndications.NoSigningCertificateFound));
            return Result(found, SignatureIndication.Indeterminate, SubIndications.NoSigningCertificateFound, changes is not null, end, null, null, false, null, notes);
        }

        var algorithm = DigestAlgorithm(signer.DigestAlgorithm.Value);
        if (digest is not null && algorithm is { } name && !DigestMatches(name, signed, digest))
        {
            return Failed(found, SubIndications.HashFailure, end, SubIndications.Describe(SubIndications.HashFailure));
        }

        try
        {
            signer.CheckSignature(verifySignatureOnly: true); // the chain is judged below, against the operator's roots only
        }
        catch (CryptographicException)
        {
            return Failed(found, SubIndications.SigCryptoFailure, end, SubIndications.Describe(SubIndications.SigCryptoFailure));
        }

        var signedAt = claimedTime ?? found.PdfSigningTime;
        var signatureTimestamp = Rfc3161Timestamps.OfSignature(signer, trust, receivedAt);
        if (signatureTimestamp is { Note: { } stampNote })
        {
            notes.Add(stampNote);
        }

        // The time the signature is proven to exist (ETSI's best-signature-time): its own verified timestamp, else
        // a verified document timestamp over its revision, else the file's receipt. Never the signer's claim.
        var stamp = signatureTimestamp?.Timestamp
            ?? timestamps.Where(t => t.Timestamp is not null && t.End >= end).Select(t => t.Timestamp!).MinBy(t => t.Time);
        var proven = stamp?.Time ?? receivedAt;
        var (chained, flags, chainNotes) = trust.Judge(certificate, cms.Certificates, proven);
        notes.AddRange(chainNotes);
        if (stamp is not null)
        {
            notes.Add(new($"Dấu thời gian của \"{stamp.Authority}\" đã xác minh: {stamp.Time:u}.", $"Timestamp by \"{stamp.Authority}\" verified: {stamp.Time:u}."));
        }

        if (signedAt is null)
        {
            notes.Add(new("Không có thời điểm ký do người ký ghi.", "No signing time claimed by the signer."));
        }
        else if (claimedTime is null)
        {
            notes.Add(new("Thời điểm ký lấy từ /M của tệp PDF (do người ký ghi).", "Signing time from the PDF's /M (the signer's own claim)."));
        }

        notes.Add(RevocationNotChecked);
        var (indication, subIndication) =
            algorithm is null || algorithm == HashAlgorithmName.SHA1 || algorithm == HashAlgorithmName.MD5 ? (SignatureIndication.Indeterminate, SubIndications.CryptoConstraintsFailure)
            : !MaySignDocuments(certificate) ? (SignatureIndication.Indeterminate, SubIndications.ChainConstraintsFailure)
            : signedAt > proven + ClockSkew ? (SignatureIndication.Indeterminate, SubIndications.SigConstraintsFailure)
            : chained ? (SignatureIndication.Passed, null)
            : (flags & X509ChainStatusFlags.NotTimeValid) != 0 ? (SignatureIndication.Indeterminate, SubIndications.OutOfBoundsNoPoe)
            : trust.Roots.Count == 0 || (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0 ? (SignatureIndication.Indeterminate, SubIndications.NoCertificateChainFound)
            : (SignatureIndication.Indeterminate, SubIndications.CertificateChainGeneralFailure);
        if (subIndication is { } reason)
        {
            notes.Insert(0, signedAt > proven + ClockSkew
                ? new("Thời điểm ký do người ký ghi muộn hơn lúc hồ sơ được nhận (hoặc dấu thời gian).", "The signing time the signer claims is later than the file's receipt (or its timestamp).")
                : SubIndications.Describe(reason));
        }

        return new PdfSignature(
            found.SubFilter, indication, subIndication, changes is not null, end,
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true),
            TaxCodesOf(certificate),
            signedAt,
            claimedTime is not null,
            stamp?.Time,
            signedAt is { } at ? certificate.NotBefore.ToUniversalTime() <= at.UtcDateTime && at.UtcDateTime <= certificate.NotAfter.ToUniversalTime() : null,
            notes);
    }

    private static PdfSignature Failed(Found found, string subIndication, long end, SignatureNote why) =>
        Result(found, SignatureIndication.Failed, subIndication, false, end, null, null, false, null, [why]);

    private static PdfSignature Result(
        Found found, SignatureIndication indication, string? subIndication, bool changed, long end, string? signer, string? issuer, bool timeSigned,
        DateTimeOffset? timestamp, List<SignatureNote> notes) =>
        new(found.SubFilter, indication, subIndication, changed, end, signer, issuer, [], found.PdfSigningTime, timeSigned, timestamp, null, notes);

    private static SignatureNote Note(string subIndication) => SubIndications.Describe(subIndication);

    /// <summary>Key usage digitalSignature or nonRepudiation (present: a certificate without it says nothing of what it may do), and no extended key usage that leaves documents out (a TLS server's certificate).</summary>
    private static bool MaySignDocuments(X509Certificate2 certificate)
    {
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().ToList();
        if (usage.Count != 1 || (usage[0].KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            return false;
        }

        var extended = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return extended.Count == 0
            || extended.Count == 1 && extended[0].EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value is { } v && DocumentSigningEkus.Contains(v));
    }

    private static byte[] Covered(byte[] pdf, long[] range)
    {
        var signed = new byte[range[1] + range[3]];
        Array.Copy(pdf, range[0], signed, 0, range[1]);
        Array.Copy(pdf, range[2], signed, range[1], range[3]);
        return signed;
    }

    /// <summary>
    /// The messageDigest and signingTime attributes, each at most once with one value and well formed (a malformed one
    /// is a format failure, not an exception later); false otherwise. Without signed attributes (PDFsharp's default
    /// signer) both are null and <see cref="SignerInfo.CheckSignature(bool)"/> alone decides.
    /// </summary>
    private static bool TryReadSignedAttributes(SignerInfo signer, out byte[]? digest, out DateTimeOffset? signingTime)
    {
        (digest, signingTime) = (null, null);
        var attributes = signer.SignedAttributes.Cast<CryptographicAttributeObject>().ToList();
        if (attributes.Count == 0)
        {
            return true;
        }

        var digests = attributes.Where(a => a.Oid.Value == MessageDigestOid).SelectMany(a => a.Values.Cast<AsnEncodedData>()).ToList();
        var times = attributes.Where(a => a.Oid.Value == SigningTimeOid).SelectMany(a => a.Values.Cast<AsnEncodedData>()).ToList();
        if (digests.Count != 1 || times.Count > 1 || attributes.Count(a => a.Oid.Value == ContentTypeOid) != 1)
        {
            return false;
        }

        try
        {
            digest = AsnDecoder.ReadOctetString(digests[0].RawData, AsnEncodingRules.DER, out var consumed);
            if (consumed != digests[0].RawData.Length)
            {
                return false;
            }

            if (times.Count == 1)
            {
                var time = new Pkcs9SigningTime(times[0].RawData).SigningTime;
                signingTime = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
            }

            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static HashAlgorithmName? DigestAlgorithm(string? oid) => oid switch
    {
        "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
        "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
        "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
        "1.3.14.3.2.26" => HashAlgorithmName.SHA1,
        "1.2.840.113549.2.5" => HashAlgorithmName.MD5,
        _ => null,
    };

    private static bool DigestMatches(HashAlgorithmName name, byte[] signed, byte[] digest)
    {
        using var hash = IncrementalHash.CreateHash(name);
        hash.AppendData(signed);
        return CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), digest);
    }

    /// <summary>The <c>&lt;hex&gt;</c> between <paramref name="b"/> and <paramref name="c"/>: the CMS, trimmed of its zero padding by its own DER/BER length.</summary>
    private static bool TryReadContents(byte[] pdf, long b, long c, out byte[] contents)
    {
        contents = [];
        if (pdf[b] != '<' || pdf[c - 1] != '>')
        {
            return false;
        }

        var hex = new StringBuilder((int)(c - b));
        foreach (var ch in Encoding.ASCII.GetString(pdf, (int)b + 1, (int)(c - b - 2)))
        {
            if (char.IsAsciiHexDigit(ch))
            {
                hex.Append(ch);
            }
            else if (!char.IsWhiteSpace(ch))
            {
                return false;
            }
        }

        if (hex.Length % 2 == 1)
        {
            hex.Append('0'); // ISO 32000-1, 7.3.4.3: an odd final digit is followed by 0
        }

        var padded = Convert.FromHexString(hex.ToString());
        try
        {
            AsnDecoder.ReadEncodedValue(padded, AsnEncodingRules.BER, out _, out _, out var length);
            contents = padded[..length];
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Every dictionary with a <c>/ByteRange</c> and a <c>/Contents</c>, directly an object or the <c>/V</c> of one (a signature field).</summary>
    private static List<Found> FindDictionaries(PdfObjects objects)
    {
        var found = new List<Found>();
        foreach (var (reference, value) in objects.Values)
        {
            var dictionary = value as DictionaryToken;
            var signature = dictionary is not null && IsSignatureDictionary(dictionary) ? dictionary
                : dictionary?.Data.GetValueOrDefault("V") is DictionaryToken inline && IsSignatureDictionary(inline) ? inline
                : null;
            if (signature is not null)
            {
                found.Add(new Found(reference, objects.Offsets.GetValueOrDefault(reference, -1), signature));
            }
        }

        return found.OrderBy(f => f.Offset).ToList();
    }

    private static bool IsSignatureDictionary(DictionaryToken dictionary) =>
        dictionary.Data.ContainsKey("ByteRange") && dictionary.Data.ContainsKey("Contents");

    /// <summary>The tax codes the certificate's subject names, read attribute by attribute (by OID, not from the subject's text).</summary>
    public static IReadOnlyList<string> TaxCodesOf(X509Certificate2 certificate) =>
        SignerTaxCodes.Find(certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements)
            .Select(rdn => new SubjectPart(rdn.GetSingleElementType().Value ?? string.Empty, rdn.GetSingleElementValue() ?? string.Empty)));

    /// <summary>A PDF date (ISO 32000-1, 7.9.4): <c>D:YYYYMMDDHHmmSSOHH'mm'</c>, every part after the year optional.</summary>
    public static DateTimeOffset? ParsePdfDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim();
        s = s.StartsWith("D:", StringComparison.Ordinal) ? s[2..] : s;
        var digits = new string(s.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4 || digits.Length > 14 || digits.Length % 2 == 1)
        {
            return null;
        }

        int Part(int start, int fallback) => digits.Length >= start + 2 ? int.Parse(digits.AsSpan(start, 2), CultureInfo.InvariantCulture) : fallback;
        var offset = TimeSpan.Zero;
        var zone = s[digits.Length..].Replace("'", string.Empty, StringComparison.Ordinal);
        if (zone.Length >= 3 && zone[0] is '+' or '-'
            && int.TryParse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture, out var hours)
            && hours <= 14)
        {
            var minutes = zone.Length >= 5 && int.TryParse(zone.AsSpan(3, 2), CultureInfo.InvariantCulture, out var m) ? m : 0;
            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        }

        try
        {
            return new DateTimeOffset(int.Parse(digits.AsSpan(0, 4), CultureInfo.InvariantCulture), Part(4, 1), Part(6, 1), Part(8, 0), Part(10, 0), Part(12, 0), offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
