using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Proposals.Testing;

/// <summary>
/// What a forger does to a signed PDF, built at test time from <see cref="SignedPdfs"/>: the incremental saving and
/// shadow attacks (Mladenov et al. 2019, Mainka et al. 2021) that rewrite the visible page in an update after the
/// signature, in plain objects or hidden in an object stream; a byte range rewritten in place; a CMS whose signed
/// attributes are malformed. Each returns a file a lenient reader still opens.
/// </summary>
public static class ForgedPdfs
{
    /// <summary>The page rewritten in an update after the signature to show <paramref name="text"/>: a new content stream, the page pointing at it.</summary>
    public static byte[] ShadowPage(byte[] signedPdf, string text = "DA SUA SAU KHI KY")
    {
        var (content, page) = ShadowObjects(signedPdf, text);
        return SignedPdfs.AppendUpdate(signedPdf, [content, page]);
    }

    /// <summary>
    /// The same rewrite with the page hidden in a compressed object stream, indexed by a cross-reference stream (PDF
    /// 1.5), where a scan of the update's plain text sees no page.
    /// </summary>
    public static byte[] ShadowPageInObjectStream(byte[] signedPdf, string text = "DA SUA SAU KHI KY")
    {
        var (content, page) = ShadowObjects(signedPdf, text);
        var textOf = Encoding.Latin1.GetString(signedPdf);
        var previousXref = textOf[(textOf.LastIndexOf("startxref", StringComparison.Ordinal) + 9)..].Trim().Split('\n')[0].Trim();
        var objectStream = content.Number + 1;
        var xrefStream = objectStream + 1;

        var update = new MemoryStream();
        void Write(byte[] bytes) => update.Write(bytes);
        void WriteText(string s) => Write(Encoding.Latin1.GetBytes(s));
        WriteText("\n");
        var contentAt = signedPdf.Length + update.Length;
        WriteText($"{content.Number} 0 obj\n{content.Body}\nendobj\n");

        var header = $"{page.Number} 0 ";
        var members = Encoding.Latin1.GetBytes(header + page.Body);
        var packed = Deflate(members);
        var objectStreamAt = signedPdf.Length + update.Length;
        WriteText($"{objectStream} 0 obj\n<< /Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        Write(packed);
        WriteText("\nendstream\nendobj\n");

        var xrefAt = signedPdf.Length + update.Length;
        var entries = new SortedDictionary<int, byte[]>
        {
            [content.Number] = Entry(1, contentAt, 0),
            [page.Number] = Entry(2, objectStream, 0),
            [objectStream] = Entry(1, objectStreamAt, 0),
            [xrefStream] = Entry(1, xrefAt, 0),
        };
        var index = string.Join(' ', entries.Keys.Select(k => $"{k} 1"));
        var data = entries.Values.SelectMany(e => e).ToArray();
        WriteText($"{xrefStream} 0 obj\n<< /Type /XRef /Size {xrefStream + 1} /Root {SignedPdfs.RootOf(textOf)} /Prev {previousXref} /W [1 4 2] /Index [{index}] /Length {data.Length} >>\nstream\n");
        Write(data);
        WriteText($"\nendstream\nendobj\nstartxref\n{xrefAt}\n%%EOF\n");
        return [.. signedPdf, .. update.ToArray()];
    }

    /// <summary>One of the two shadow attacks, chosen by <paramref name="seed"/>: for corpora that want both.</summary>
    public static byte[] ObjectStreamShadowOrPlain(byte[] signedPdf, int seed) =>
        seed % 2 == 0 ? ShadowPageInObjectStream(signedPdf) : ShadowPage(signedPdf);

    /// <summary>The first <c>/ByteRange</c> array written over in place with <paramref name="array"/> (padded or cut to the same length).</summary>
    public static byte[] WithByteRange(byte[] pdf, string array)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var at = text.IndexOf("/ByteRange", StringComparison.Ordinal) + "/ByteRange".Length;
        var start = text.IndexOf('[', at);
        var end = text.IndexOf(']', start);
        var replacement = array.Length <= end - start + 1 ? array[..^1].PadRight(end - start) + "]" : array;
        return [.. pdf[..start], .. Encoding.Latin1.GetBytes(replacement), .. pdf[(end + 1)..]];
    }

    private static ((int Number, string Body) Content, (int Number, string Body) Page) ShadowObjects(byte[] signedPdf, string text)
    {
        var page = SignedPdfs.PdfObjectsOf(signedPdf).First(o => o.Body.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("/Type/Page/", StringComparison.Ordinal)
            || o.Body.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("/Type/Page>", StringComparison.Ordinal));
        var number = SignedPdfs.NextObjectNumber(signedPdf);
        var drawing = $"BT /Helv 24 Tf 72 720 Td ({text}) Tj ET";
        var content = (number, $"<< /Length {drawing.Length} >>\nstream\n{drawing}\nendstream");
        var body = page.Body.Replace("/Contents", "/OldContents", StringComparison.Ordinal);
        var rewritten = (page.Number, body.Insert(body.IndexOf("<<", StringComparison.Ordinal) + 2, $"/Contents {number} 0 R "));
        return (content, rewritten);
    }

    private static byte[] Entry(byte type, long field2, int field3) =>
        [type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3];

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}

/// <summary>A forger's edits to an encoded CMS (DER), keeping its length so the PDF around it stays sound.</summary>
public static class ForgedCms
{
    private static readonly byte[] MessageDigestOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04];
    private static readonly byte[] SigningTimeOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05];

    /// <summary>The messageDigest attribute's OCTET STRING retagged as a UTF8String: no longer a digest.</summary>
    public static byte[] MalformedMessageDigest(byte[] cms) => Retag(cms, MessageDigestOid, 0x0C);

    /// <summary>The signingTime attribute's UTCTime retagged as an OCTET STRING: no longer a time.</summary>
    public static byte[] MalformedSigningTime(byte[] cms) => Retag(cms, SigningTimeOid, 0x04);

    /// <summary>After the attribute's OID come its SET (tag, length) and the value's tag, which is replaced.</summary>
    private static byte[] Retag(byte[] cms, byte[] oid, byte tag)
    {
        var copy = (byte[])cms.Clone();
        var at = copy.AsSpan().IndexOf(oid);
        if (at < 0)
        {
            throw new InvalidOperationException("attribute not found");
        }

        copy[at + oid.Length + 2] = tag;
        return copy;
    }
}
