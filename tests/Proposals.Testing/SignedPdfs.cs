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
    public static byte[] Sign(X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset? signingTime = null, int pages = 1)
    {
        using var document = new PdfDocument();
        for (var i = 0; i < pages; i++)
        {
            document.AddPage();
        }

        DigitalSignatureHandler.ForDocument(document, new CmsDigitalSigner(signer, chain, signingTime ?? DateTimeOffset.UtcNow), new DigitalSignatureOptions
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
        const int ContentsHexLength = 16384;
        var placeholderRange = "[0 " + new string(' ', 32) + "]";
        var when = (signingTime ?? DateTimeOffset.UtcNow).ToUniversalTime();
        var dictionary = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached " +
            $"/M (D:{when.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}Z) /ByteRange {placeholderRange} " +
            $"/Contents <{new string('0', ContentsHexLength)}> >>";
        var updated = AppendUpdate(pdf, dictionary);

        var rangeAt = IndexOf(updated, placeholderRange, pdf.Length);
        var b = IndexOf(updated, "/Contents <", rangeAt) + "/Contents ".Length;
        var c = b + ContentsHexLength + 2;
        var range = $"[0 {b} {c} {updated.Length - c}]".PadRight(placeholderRange.Length - 1) + "]";
        Encoding.ASCII.GetBytes(range).CopyTo(updated, rangeAt);

        var content = updated[..b].Concat(updated[c..]).ToArray();
        var hex = Convert.ToHexString(CmsDigitalSigner.Sign(content, signer, chain, when));
        Encoding.ASCII.GetBytes(hex).CopyTo(updated, b + 1);
        return updated;
    }

    /// <summary>One object appended as an incremental update: the object, an xref section for it, a trailer pointing back.</summary>
    private static byte[] AppendUpdate(byte[] pdf, string objectBody)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var previousXref = long.Parse(LastNumberAfter(text, "startxref"), CultureInfo.InvariantCulture);
        var size = int.Parse(LastNumberAfter(text, "/Size"), CultureInfo.InvariantCulture);
        var rootAt = text.LastIndexOf("/Root", StringComparison.Ordinal) + "/Root".Length;
        var root = text[rootAt..text.IndexOf('R', rootAt)].Trim() + " R";

        var update = new StringBuilder("\n");
        var objectAt = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"{size} 0 obj\n{objectBody}\nendobj\n");
        var xrefAt = pdf.Length + Encoding.UTF8.GetByteCount(update.ToString());
        update.Append(CultureInfo.InvariantCulture, $"xref\n0 1\n0000000000 65535 f \n{size} 1\n{objectAt:D10} 00000 n \n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size + 1} /Root {root} /Prev {previousXref} >>\nstartxref\n{xrefAt}\n%%EOF\n");
        return [.. pdf, .. Encoding.UTF8.GetBytes(update.ToString())];
    }

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
public sealed class CmsDigitalSigner(X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset signingTime) : IDigitalSigner
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

        return Task.FromResult(Sign(content, signer, chain, signingTime));
    }

    /// <summary>A detached CMS over <paramref name="content"/>: SHA-256, signed attributes with the signing time, the chain embedded.</summary>
    public static byte[] Sign(byte[] content, X509Certificate2 signer, X509Certificate2Collection chain, DateTimeOffset signingTime)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.Certificates.AddRange(chain);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }
}
