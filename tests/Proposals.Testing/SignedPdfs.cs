using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Signatures;

namespace Proposals.Testing;

/// <summary>
/// Digitally signed PDFs as signing software makes them: PDFsharp 6.2.4 writes the signature dictionary, the
/// widget and the byte ranges; the CMS comes from <see cref="SignedCms"/> with signed attributes (contentType,
/// messageDigest, signingTime) and the issuing CA's certificate, as the CAs' signing tools embed it. And what
/// happens to such a file afterwards: edited, appended to, signed again in an incremental update.
/// </summary>
public static class SignedPdfs
{
    /// <summary>A PDF of <paramref name="pages"/> pages signed by <paramref name="signer"/> (which holds its private key).</summary>
    public static byte[] Sign(X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset? signingTime = null, int pages = 1, CmsTweaks? tweaks = null)
    {
        using var document = new PdfDocument();
        for (var i = 0; i < pages; i++)
        {
            document.AddPage();
        }

        DigitalSignatureHandler.ForDocument(document, new CmsDigitalSigner(signer, chain, signingTime ?? DateTimeOffset.UtcNow, tweaks), new DigitalSignatureOptions
        {
            Reason = "Đề xuất nhiệm vụ KH&CN",
            Location = "Hải Phòng",
            Rectangle = new XRect(36, 36, 160, 40),
            AppearanceHandler = new Box(),
        });
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The signed file with one byte of the page changed (its width, 595 → 596 points): still a sound PDF, no longer what was signed.</summary>
    public static byte[] AlterAfterSigning(byte[] signedPdf)
    {
        var altered = (byte[])signedPdf.Clone();
        var mediaBox = IndexOf(altered, "/MediaBox", 0);
        var width = IndexOf(altered, "595", mediaBox);
        altered[width + 2] = (byte)'6';
        return altered;
    }

    /// <summary>The signed file with the last byte of its signature value changed: the CMS still parses, the signature no longer verifies.</summary>
    public static byte[] BreakSignatureValue(byte[] signedPdf)
    {
        var broken = (byte[])signedPdf.Clone();
        var text = Encoding.Latin1.GetString(signedPdf);
        var range = text[(text.IndexOf("/ByteRange", StringComparison.Ordinal) + "/ByteRange".Length)..];
        var b = int.Parse(range.TrimStart(' ', '[').Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var c = text.IndexOf('>', b);
        var cms = Convert.FromHexString(text[(b + 1)..c]);
        System.Formats.Asn1.AsnDecoder.ReadEncodedValue(cms, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out var length);
        var lastHexDigit = b + (2 * length);
        broken[lastHexDigit] = (byte)(broken[lastHexDigit] == (byte)'0' ? '1' : '0');
        return broken;
    }

    /// <summary>An incremental update after the signature that nobody signed: a new document information dictionary.</summary>
    public static byte[] AppendUnsignedUpdate(byte[] pdf) =>
        AppendUpdate(pdf, "<< /Title (Sửa sau khi ký) /Producer (an editor) >>");

    /// <summary>
    /// A second signature in an incremental update, written by hand (PDFsharp rewrites a whole file): a signature
    /// dictionary whose byte ranges cover the whole file, the earlier revision and its signature included.
    /// </summary>
    public static byte[] AddSignature(byte[] pdf, X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset? signingTime = null)
    {
        var when = (signingTime ?? DateTimeOffset.UtcNow).ToUniversalTime();
        return AppendSignature(pdf,
            $"/Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (D:{when.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}Z)",
            content => CmsDigitalSigner.Sign(content, signer, chain, when));
    }

    /// <summary>
    /// A document timestamp (ISO 32000-2, 12.8.5) added as signing tools add one: the <c>/DocTimeStamp</c> dictionary,
    /// an invisible signature field for it, the form's <c>/Fields</c> and the page's <c>/Annots</c> grown by that field,
    /// and the RFC 3161 token of <paramref name="authority"/> over the byte ranges.
    /// </summary>
    public static byte[] AddDocumentTimestamp(byte[] pdf, X509Certificate2 authority, DateTimeOffset? time = null, bool wrongImprint = false)
    {
        var number = NextObjectNumber(pdf);
        var field = number + 1;
        var objects = new List<(int, string)> { (field, $"<</FT/Sig/T(Timestamp{number})/V {number} 0 R/Type/Annot/Subtype/Widget/Rect[0 0 0 0]/F 132>>") };
        foreach (var (reference, body) in PdfObjectsOf(pdf))
        {
            if (body.Contains("/Fields[", StringComparison.Ordinal) || body.Contains("/Annots[", StringComparison.Ordinal))
            {
                objects.Add((reference, InsertIntoArray(InsertIntoArray(body, "/Fields[", $" {field} 0 R"), "/Annots[", $" {field} 0 R")));
            }
        }

        return AppendSignature(pdf, "/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161",
            content => TestTimestamps.Token(wrongImprint ? [.. content, 0] : content, authority, time ?? DateTimeOffset.UtcNow.AddMinutes(-1)), objects);
    }

    /// <summary>
    /// Appends a signature dictionary (<paramref name="dictionaryHead"/> then <c>/ByteRange</c> and <c>/Contents</c>)
    /// with <paramref name="extraObjects"/> in one incremental update; the byte ranges cover the whole file but the gap,
    /// which is the dictionary's own <c>/Contents</c>, or, with <paramref name="decoyGap"/>, a hex string in another
    /// object (the dictionary's own <c>/Contents</c> then stays zeros, inside the signed bytes).
    /// </summary>
    public static byte[] AppendSignature(
        byte[] pdf, string dictionaryHead, Func<byte[], byte[]> contentsFor, IReadOnlyList<(int Number, string Body)>? extraObjects = null, bool decoyGap = false)
    {
        const int ContentsHexLength = 16384;
        var placeholderRange = "[0 " + new string(' ', 32) + "]";
        var number = NextObjectNumber(pdf);
        var placeholder = $"<{new string('0', ContentsHexLength)}>";
        List<(int, string)> objects = [(number, $"<< {dictionaryHead} /ByteRange {placeholderRange} /Contents {placeholder} >>"), .. extraObjects ?? []];
        if (decoyGap)
        {
            objects.Add((objects.Max(o => o.Item1) + 1, placeholder));
        }

        var updated = AppendUpdate(pdf, objects);
        var rangeAt = IndexOf(updated, placeholderRange, pdf.Length);
        var b = decoyGap ? LastIndexOf(updated, placeholder) : IndexOf(updated, "/Contents <", rangeAt) + "/Contents ".Length;
        var c = b + ContentsHexLength + 2;
        var range = $"[0 {b} {c} {updated.Length - c}".PadRight(placeholderRange.Length - 1) + "]";
        Encoding.ASCII.GetBytes(range).CopyTo(updated, rangeAt);

        var content = updated[..b].Concat(updated[c..]).ToArray();
        var hex = Convert.ToHexString(contentsFor(content));
        Encoding.ASCII.GetBytes(hex).CopyTo(updated, b + 1);
        return updated;
    }

    /// <summary>One object appended as an incremental update: the object, an xref section for it, a trailer pointing back.</summary>
    private static byte[] AppendUpdate(byte[] pdf, string objectBody) => AppendUpdate(pdf, [(NextObjectNumber(pdf), objectBody)]);

    /// <summary>Objects appended as one incremental update (new numbers, or numbers of the file's objects to replace them), with their xref section and a trailer pointing back.</summary>
    public static byte[] AppendUpdate(byte[] pdf, IReadOnlyList<(int Number, string Body)> objects)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var previousXref = long.Parse(LastNumberAfter(text, "startxref"), CultureInfo.InvariantCulture);
        var size = Math.Max(NextObjectNumber(pdf), objects.Max(o => o.Number) + 1);
        var update = new MemoryStream();
        void Write(string s) => update.Write(Encoding.Latin1.GetBytes(s));
        Write("\n");
        var offsets = new List<(int Number, long Offset)>();
        foreach (var (number, body) in objects)
        {
            offsets.Add((number, pdf.Length + update.Length));
            Write($"{number} 0 obj\n{body}\nendobj\n");
        }

        var xrefAt = pdf.Length + update.Length;
        Write("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (number, offset) in offsets.OrderBy(o => o.Number))
        {
            Write($"{number} 1\n{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {size} /Root {RootOf(text)} /Prev {previousXref} >>\nstartxref\n{xrefAt}\n%%EOF\n");
        return [.. pdf, .. update.ToArray()];
    }

    /// <summary>The number the next new object gets: the trailer's <c>/Size</c>.</summary>
    public static int NextObjectNumber(byte[] pdf) => int.Parse(LastNumberAfter(Encoding.Latin1.GetString(pdf), "/Size"), CultureInfo.InvariantCulture);

    /// <summary>The catalog's reference, as the last trailer (or xref stream) names it.</summary>
    public static string RootOf(string text)
    {
        var rootAt = text.LastIndexOf("/Root", StringComparison.Ordinal) + "/Root".Length;
        return text[rootAt..text.IndexOf('R', rootAt)].Trim() + " R";
    }

    /// <summary>Each object of the file's latest revision as written (its body between <c>obj</c> and <c>endobj</c>), by number; objects in streams left out.</summary>
    public static IEnumerable<(int Number, string Body)> PdfObjectsOf(byte[] pdf)
    {
        var objects = Proposals.Pipeline.Documents.PdfObjects.Open(pdf) ?? throw new InvalidOperationException("not a PDF PdfPig reads");
        var text = Encoding.Latin1.GetString(pdf);
        foreach (var (reference, offset) in objects.Offsets.OrderBy(o => o.Key.ObjectNumber))
        {
            var start = text.IndexOf("obj", (int)offset, StringComparison.Ordinal) + 3;
            var end = text.IndexOf("endobj", start, StringComparison.Ordinal);
            yield return ((int)reference.ObjectNumber, text[start..end].Trim());
        }
    }

    /// <summary><paramref name="body"/> with <paramref name="item"/> added at the end of the array that follows <paramref name="key"/> (unchanged without one).</summary>
    public static string InsertIntoArray(string body, string key, string item)
    {
        var at = body.IndexOf(key, StringComparison.Ordinal);
        return at < 0 ? body : body.Insert(body.IndexOf(']', at), item);
    }

    private static int LastIndexOf(byte[] bytes, string what) => bytes.AsSpan().LastIndexOf(Encoding.ASCII.GetBytes(what));

    private static string LastNumberAfter(string text, string key)
    {
        var at = text.LastIndexOf(key, StringComparison.Ordinal) + key.Length;
        return new string(text[at..].SkipWhile(char.IsWhiteSpace).TakeWhile(char.IsAsciiDigit).ToArray());
    }

    private static int IndexOf(byte[] bytes, string what, int from)
    {
        var at = bytes.AsSpan(from).IndexOf(Encoding.ASCII.GetBytes(what));
        return at < 0 ? throw new InvalidOperationException($"'{what}' not found in the PDF.") : from + at;
    }

    /// <summary>The default appearance draws text with a font Linux may not have: a box will do.</summary>
    private sealed class Box : IAnnotationAppearanceHandler
    {
        public void DrawAppearance(XGraphics gfx, XRect rect) => gfx.DrawRectangle(XPens.Black, 0, 0, rect.Width, rect.Height);
    }
}

/// <summary>
/// PDFsharp's signer with signed attributes: its default signer puts the signing time among the unsigned
/// attributes (unprotected) and embeds only the signer's certificate on Linux.
/// </summary>
public sealed class CmsDigitalSigner(X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset signingTime, CmsTweaks? tweaks = null) : IDigitalSigner
{
    private int _size;

    public string CertificateName => signer.GetNameInfo(X509NameType.SimpleName, false);

    public async Task<int> GetSignatureSizeAsync() =>
        _size != 0 ? _size : _size = (await GetSignatureAsync(new MemoryStream([0]))).Length + 64;

    public Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // PDFsharp's ranged stream throws from CanSeek, so Stream.CopyTo cannot read it: read it by its length.
        var content = new byte[stream.Length];
        stream.Position = 0;
        var read = 0;
        while (read < content.Length && stream.Read(content, read, content.Length - read) is var n and > 0)
        {
            read += n;
        }

        return Task.FromResult(Sign(content, signer, chain, signingTime, tweaks));
    }

    /// <summary>A detached CMS over <paramref name="content"/>: SHA-256, signed attributes with the signing time, the chain embedded; then what <paramref name="tweaks"/> asks.</summary>
    public static byte[] Sign(byte[] content, X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset signingTime, CmsTweaks? tweaks = null)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid(tweaks?.DigestOid ?? "2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.Certificates.AddRange(chain);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cms.ComputeSignature(cmsSigner, silent: true);
        if (tweaks?.SecondSigner is { } second)
        {
            cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, second) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") }, silent: true);
        }

        if (tweaks?.SignatureTimestampBy is { } authority)
        {
            var info = cms.SignerInfos[0];
            var token = TestTimestamps.Token(info.GetSignature(), authority, tweaks.SignatureTimestampAt ?? DateTimeOffset.UtcNow.AddMinutes(-1));
            info.AddUnsignedAttribute(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.14"), token));
        }

        var encoded = cms.Encode();
        return tweaks?.Mutate is { } mutate ? mutate(encoded) : encoded;
    }
}

/// <summary>
/// What a forger changes in the CMS: a second SignerInfo, a digest algorithm, a signature timestamp by some
/// authority, or the encoded bytes themselves (<see cref="ForgedCms"/>).
/// </summary>
public sealed record CmsTweaks
{
    public X509Certificate2? SecondSigner { get; init; }

    public string? DigestOid { get; init; }

    public X509Certificate2? SignatureTimestampBy { get; init; }

    public DateTimeOffset? SignatureTimestampAt { get; init; }

    public Func<byte[], byte[]>? Mutate { get; init; }
}
