using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Proposals.Domain.Signatures;
using UglyToad.PdfPig.Tokens;

namespace Proposals.Pipeline.Documents;

/// <summary>What checking one signature's bytes showed, before anything about who signed.</summary>
public enum SignatureIntegrity
{
    /// <summary>It covers what it must, the digest matches and the signature value verifies.</summary>
    Intact,

    /// <summary>The signed bytes changed, or bytes were added after the last signature that no signature covers.</summary>
    Altered,

    /// <summary>The signature itself is damaged, malformed or does not verify.</summary>
    Broken,

    /// <summary>A kind of signature this app does not verify (an old SubFilter, no certificate inside): shown, not acted on.</summary>
    NotChecked,
}

/// <summary>One digital signature of a PDF and what checking it showed.</summary>
public sealed record PdfSignature(
    string? SubFilter,
    SignatureIntegrity Integrity,
    bool ChainTrusted,
    string? SignerName,
    string? Issuer,
    IReadOnlyList<string> TaxCodes,
    DateTimeOffset? SignedAtUtc,
    bool SigningTimeSigned,
    bool? ValidAtSigningTime,
    IReadOnlyList<SignatureNote> Notes)
{
    /// <summary>Its state for a proposal submitted under <paramref name="taxCode"/> (the rule: <see cref="SignatureStates.Of"/>).</summary>
    public string StateFor(string taxCode) => SignatureStates.Of(
        Integrity is SignatureIntegrity.Intact or SignatureIntegrity.NotChecked,
        Integrity == SignatureIntegrity.Intact && ChainTrusted,
        SignerTaxCodes.Compare(TaxCodes, taxCode));
}

/// <summary>
/// The digital signatures (chữ ký số) of a PDF, checked as a PDF reader checks them (ISO 32000-1, 12.8): every
/// signature dictionary with a <c>/ByteRange</c> and a <c>/Contents</c> holding a CMS (PKCS #7) signature, SubFilter
/// <c>adbe.pkcs7.detached</c> or <c>ETSI.CAdES.detached</c>.
/// <list type="number">
/// <item>The byte ranges: <c>[0 b c d]</c>, the gap between them exactly the <c>&lt;hex&gt;</c> of <c>/Contents</c>. The
/// signature that covers most must reach the end of the file (only whitespace may follow); any other must end
/// where a revision ends (<c>%%EOF</c>), so what follows it is an incremental update and its own bytes are
/// untouched (which its digest then proves). Otherwise the document was altered after signing.</item>
/// <item>The digest of the covered bytes against the signed messageDigest attribute (altered if it differs), then
/// the signature value with <see cref="SignedCms"/> (broken if it does not verify). No cryptography of our own.</item>
/// <item>The signer's certificate chain with <see cref="X509Chain"/> to the operator's trusted roots only
/// (<see cref="SignatureTrust"/>), intermediates from the signature and the trusted folder, at the signing time:
/// the signed signingTime attribute, else the dictionary's <c>/M</c> (inside the signed bytes, but the signer's
/// own claim), else now. Revocation is not checked: the CAs' CRL and OCSP servers cannot be reached from here.</item>
/// </list>
/// Document timestamps (<c>ETSI.RFC3161</c>) are not a signer: they only count for what covers the end of the file.
/// </summary>
public static class PdfSignatures
{
    private const string DocumentTimestamp = "ETSI.RFC3161";
    private static readonly string[] VerifiedSubFilters = ["adbe.pkcs7.detached", "ETSI.CAdES.detached"];
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private static readonly System.Buffers.SearchValues<byte> Whitespace = System.Buffers.SearchValues.Create(" \t\r\n\0\f"u8);

    private static readonly SignatureNote RevocationNotChecked = new(
        "Chưa kiểm tra thu hồi chứng thư (CRL/OCSP): máy chủ không truy cập được dịch vụ của CA.",
        "Revocation (CRL/OCSP) not checked: the CA's services cannot be reached from the server.");

    /// <summary>Whether the PDF carries a digital signature at all (no cryptography): intake's cheap look.</summary>
    public static bool IsSigned(Stream pdf)
    {
        using var copy = new MemoryStream();
        pdf.CopyTo(copy);
        return FindDictionaries(copy.ToArray()).Count > 0;
    }

    /// <summary>Every signature of the PDF, checked; empty when it has none (a scan) or cannot be parsed.</summary>
    public static IReadOnlyList<PdfSignature> Check(byte[] pdf, SignatureTrust trust, DateTimeOffset now)
    {
        var found = FindDictionaries(pdf);
        var coveredToEnd = found.Select(s => s.CoveredEnd).DefaultIfEmpty(0).Max();
        return found
            .Where(s => s.SubFilter != DocumentTimestamp)
            .Select(s => Check(pdf, s, s.CoveredEnd == coveredToEnd, trust, now))
            .ToList();
    }

    /// <summary>A signature dictionary as found: its byte range (null when malformed), SubFilter and <c>/M</c>.</summary>
    private sealed record Found(long[]? ByteRange, string? SubFilter, string? PdfSigningTime)
    {
        public long CoveredEnd => ByteRange is { } r ? r[2] + r[3] : 0;
    }

    private static PdfSignature Check(byte[] pdf, Found found, bool isLast, SignatureTrust trust, DateTimeOffset now)
    {
        var pdfTime = ParsePdfDate(found.PdfSigningTime);
        PdfSignature Failed(SignatureIntegrity integrity, string vi, string en) =>
            new(found.SubFilter, integrity, false, null, null, [], pdfTime, false, null, [new(vi, en)]);

        if (found.ByteRange is not { } range || !TryReadContents(pdf, range, out var contents))
        {
            return Failed(SignatureIntegrity.Broken,
                "Vùng ký (/ByteRange) của chữ ký không hợp lệ.", "The signature's byte range (/ByteRange) is malformed.");
        }

        if (!CoversWhatItMust(pdf, range, isLast))
        {
            return Failed(SignatureIntegrity.Altered,
                isLast ? "Tệp có thêm nội dung sau chữ ký cuối cùng, không được chữ ký nào bảo vệ." : "Chữ ký không kết thúc ở cuối một phiên bản của tệp.",
                isLast ? "The file has content after its last signature that no signature covers." : "The signature does not end where a revision of the file ends.");
        }

        if (!VerifiedSubFilters.Contains(found.SubFilter, StringComparer.Ordinal))
        {
            return Failed(SignatureIntegrity.NotChecked,
                $"Định dạng chữ ký \"{found.SubFilter}\" không được kiểm tra.", $"Signature format \"{found.SubFilter}\" is not verified.");
        }

        var signed = new byte[range[1] + range[3]];
        Array.Copy(pdf, range[0], signed, 0, range[1]);
        Array.Copy(pdf, range[2], signed, range[1], range[3]);
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        try
        {
            cms.Decode(contents);
        }
        catch (CryptographicException)
        {
            return Failed(SignatureIntegrity.Broken, "Không đọc được chữ ký CMS/PKCS#7.", "The CMS/PKCS#7 signature cannot be read.");
        }

        if (cms.SignerInfos.Count == 0 || cms.SignerInfos[0].Certificate is not { } certificate)
        {
            return Failed(SignatureIntegrity.NotChecked,
                "Chữ ký không kèm chứng thư số của người ký nên không kiểm tra được.", "The signature does not carry the signer's certificate, so it cannot be checked.");
        }

        var signer = cms.SignerInfos[0];
        if (MessageDigestDiffers(signer, signed))
        {
            return Failed(SignatureIntegrity.Altered,
                "Nội dung tệp đã thay đổi sau khi ký (mã băm không khớp).", "The content changed after signing (the digest does not match).");
        }

        try
        {
            foreach (var info in cms.SignerInfos)
            {
                info.CheckSignature(verifySignatureOnly: true); // the chain is judged below, against the operator's roots only
            }
        }
        catch (CryptographicException)
        {
            return Failed(SignatureIntegrity.Broken, "Giá trị chữ ký không khớp với nội dung.", "The signature value does not verify against the content.");
        }

        var signedTime = SignedAttribute<Pkcs9SigningTime>(signer, SigningTimeOid)?.SigningTime;
        var signedAt = signedTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : pdfTime;
        var at = signedAt ?? now;
        var (trusted, notes) = Chain(certificate, cms.Certificates, trust, at);
        if (signedAt is null)
        {
            notes.Add(new("Không có thời điểm ký; chứng thư được kiểm tra tại thời điểm nhận.", "No signing time; the certificate was checked at the time of receipt."));
        }
        else if (signedTime is null)
        {
            notes.Add(new("Thời điểm ký lấy từ /M của tệp PDF (do người ký ghi).", "Signing time from the PDF's /M (the signer's own claim)."));
        }

        notes.Add(RevocationNotChecked);
        return new PdfSignature(
            found.SubFilter,
            SignatureIntegrity.Intact,
            trusted,
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true),
            TaxCodesOf(certificate),
            signedAt,
            signedTime is not null,
            signedAt is null ? null : certificate.NotBefore.ToUniversalTime() <= at.UtcDateTime && at.UtcDateTime <= certificate.NotAfter.ToUniversalTime(),
            notes);
    }

    /// <summary>The chain as <see cref="SignatureTrust.Evaluate"/> judges it, and a certificate that may sign (Key Usage).</summary>
    private static (bool Trusted, List<SignatureNote> Notes) Chain(
        X509Certificate2 certificate, X509Certificate2Collection embedded, SignatureTrust trust, DateTimeOffset at)
    {
        var (built, notes) = trust.Evaluate(certificate, embedded, at);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages;
        var mayCommit = usage is null || (usage.Value & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) != 0;
        if (!mayCommit)
        {
            notes.Add(new("Chứng thư không được phép dùng để ký (Key Usage).", "The certificate may not be used for signing (Key Usage)."));
        }

        return (built && mayCommit, notes);
    }

    /// <summary>The tax codes the certificate's subject names, read attribute by attribute (by OID, not from the subject's text).</summary>
    public static IReadOnlyList<string> TaxCodesOf(X509Certificate2 certificate) =>
        SignerTaxCodes.Find(certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements)
            .Select(rdn => new SubjectPart(rdn.GetSingleElementType().Value ?? string.Empty, rdn.GetSingleElementValue() ?? string.Empty)));

    /// <summary>
    /// The messageDigest attribute against our own digest of the covered bytes, for the digests the library names:
    /// it tells "the document changed" apart from "the signature is broken". Without signed attributes (PDFsharp's
    /// default signer) <see cref="SignerInfo.CheckSignature(bool)"/> alone decides.
    /// </summary>
    private static bool MessageDigestDiffers(SignerInfo signer, byte[] signed)
    {
        var digest = SignedAttribute<Pkcs9MessageDigest>(signer, MessageDigestOid)?.MessageDigest;
        HashAlgorithmName? algorithm = signer.DigestAlgorithm.Value switch
        {
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (digest is null || algorithm is not { } name)
        {
            return false;
        }

        using var hash = IncrementalHash.CreateHash(name);
        hash.AppendData(signed);
        return !CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), digest);
    }

    private static T? SignedAttribute<T>(SignerInfo signer, string oid) where T : AsnEncodedData =>
        signer.SignedAttributes.Cast<CryptographicAttributeObject>()
            .Where(a => a.Oid.Value == oid)
            .SelectMany(a => a.Values.Cast<AsnEncodedData>())
            .OfType<T>()
            .FirstOrDefault();

    /// <summary>
    /// The last signature must cover the file to its end (trailing whitespace aside); an earlier one must end
    /// where a revision ends, so that everything after it is an incremental update.
    /// </summary>
    private static bool CoversWhatItMust(byte[] pdf, long[] range, bool isLast)
    {
        var end = range[2] + range[3];
        if (isLast)
        {
            return pdf.AsSpan((int)end).IndexOfAnyExcept(Whitespace) < 0;
        }

        var revision = pdf.AsSpan(0, (int)end).TrimEnd(" \t\r\n\0\f"u8);
        return revision.EndsWith("%%EOF"u8);
    }

    /// <summary><c>[0 b c d]</c> within the file, whose gap is exactly <c>&lt;hex&gt;</c>: the CMS, trimmed of its zero padding by its own DER/BER length.</summary>
    private static bool TryReadContents(byte[] pdf, long[] range, out byte[] contents)
    {
        contents = [];
        var (a, b, c, d) = (range[0], range[1], range[2], range[3]);
        if (a != 0 || b <= 0 || c <= b + 1 || d < 0 || c + d > pdf.Length || pdf[b] != '<' || pdf[c - 1] != '>')
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

    /// <summary>Every dictionary with a <c>/ByteRange</c> and a <c>/Contents</c> in the PDF's objects (PdfPig parses object streams too).</summary>
    private static List<Found> FindDictionaries(byte[] pdf)
    {
        var found = new List<Found>();
        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
            foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
            {
                Visit(document.Structure.GetObject(reference)?.Data, found, 0);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file through many exception types; intake refused those already, and a
            // file that cannot be parsed proves no signature.
            return [];
        }

        return found;
    }

    private static void Visit(IToken? token, List<Found> found, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        switch (token)
        {
            case DictionaryToken dictionary when dictionary.Data.ContainsKey("ByteRange") && dictionary.Data.ContainsKey("Contents"):
                found.Add(new Found(
                    dictionary.Data["ByteRange"] is ArrayToken { Data.Count: 4 } range && range.Data.All(t => t is NumericToken)
                        ? range.Data.Cast<NumericToken>().Select(n => n.Long).ToArray()
                        : null,
                    (dictionary.Data.GetValueOrDefault("SubFilter") as NameToken)?.Data,
                    (dictionary.Data.GetValueOrDefault("M") as StringToken)?.Data));
                break;
            case DictionaryToken dictionary:
                foreach (var value in dictionary.Data.Values)
                {
                    Visit(value, found, depth + 1);
                }

                break;
            case ArrayToken array:
                foreach (var item in array.Data)
                {
                    Visit(item, found, depth + 1);
                }

                break;
        }
    }

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
