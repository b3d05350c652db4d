using System.IO.Compression;
using Proposals.Domain.Signatures;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// Every object of one revision of a PDF as PdfPig reads it through its cross-reference chain: where each object
/// starts and its value, and the trailer. Null from <see cref="Open"/> when PdfPig cannot read the bytes.
/// </summary>
public sealed class PdfObjects
{
    private PdfObjects(
        Dictionary<IndirectReference, long> offsets, Dictionary<IndirectReference, long> inStreams, Dictionary<IndirectReference, IToken> values, DictionaryToken? trailer)
    {
        Offsets = offsets;
        InObjectStreams = inStreams;
        Values = values;
        Trailer = trailer;
    }

    /// <summary>Where each object written directly in the file starts (its <c>n g obj</c>).</summary>
    public IReadOnlyDictionary<IndirectReference, long> Offsets { get; }

    /// <summary>The object stream each compressed object is read from (its object number).</summary>
    public IReadOnlyDictionary<IndirectReference, long> InObjectStreams { get; }

    public IReadOnlyDictionary<IndirectReference, IToken> Values { get; }

    public DictionaryToken? Trailer { get; }

    public static PdfObjects? Open(ReadOnlyMemory<byte> pdf)
    {
        var bytes = pdf.ToArray();
        if (!PdfPreflight.IsSafeToParse(bytes))
        {
            return null;
        }

        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
            var (offsets, inStreams) = (new Dictionary<IndirectReference, long>(), new Dictionary<IndirectReference, long>());
            foreach (var (reference, location) in document.Structure.CrossReferenceTable.ObjectOffsets)
            {
                (location.Type == XrefEntryType.File ? offsets : inStreams)[reference] = location.Value1;
            }

            var values = new Dictionary<IndirectReference, IToken>();
            foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
            {
                if (document.Structure.GetObject(reference)?.Data is { } value)
                {
                    values[reference] = value;
                }
            }

            return new PdfObjects(offsets, inStreams, values, document.Structure.Trailer is { } t ? TrailerOf(t) : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file through many exception types; a file it cannot read proves nothing.
            return null;
        }
    }

    public IToken? Resolve(IToken? token, int hops = 0) =>
        token is IndirectReferenceToken reference && hops < 8 ? Resolve(Values.GetValueOrDefault(reference.Data), hops + 1) : token;

    public DictionaryToken? Catalog => Resolve(Trailer?.Data.GetValueOrDefault("Root")) as DictionaryToken;

    private static DictionaryToken TrailerOf(UglyToad.PdfPig.CrossReference.TrailerDictionary trailer)
    {
        var data = new Dictionary<NameToken, IToken> { [NameToken.Create("Root")] = new IndirectReferenceToken(trailer.Root) };
        if (trailer.EncryptionToken is { } encrypt)
        {
            data[NameToken.Create("Encrypt")] = encrypt;
        }

        return new DictionaryToken(data);
    }
}

/// <summary>
/// What a PDF holds after a signed revision (ISO 32000-2, 12.8.2.2, and the incremental saving and shadow attacks
/// of Mladenov et al. 2019 and Mainka et al. 2021). A signature covers its revision only: a reader shows the last
/// revision, so whatever the later incremental updates change is shown as if signed. The updates are read twice,
/// and both readings must agree that nothing but what ISO 32000-2 allows after signing was added:
/// <list type="number">
/// <item>byte by byte with <see cref="PdfLexer"/> from the end of the signed range: only objects, cross-reference
/// sections, trailers and <c>startxref</c>; every object written there must be the one the final cross-reference
/// points to (no orphan for a repairing reader to pick up); objects inside an object stream written there count too;</item>
/// <item>object by object, the signed revision against the final one as PdfPig resolves them, so an update that points
/// an old object number at other bytes is seen as well.</item>
/// </list>
/// Allowed, and nothing else: a new signature dictionary (a later approval signature, itself judged on its own), a
/// document timestamp that verified, an invisible signature field, a DSS dictionary and the certificates, OCSP
/// responses and CRLs it holds, cross-reference and object streams, and rewrites of the catalog (only
/// <c>/AcroForm</c>, <c>/DSS</c>, <c>/Extensions</c>), of the form dictionary (only <c>/Fields</c> grown by new
/// fields, <c>/SigFlags</c>) and of a page (only <c>/Annots</c> grown by new widgets). Form filling, which DocMDP
/// may permit, is not allowed: a proposal's signed scan has no form to fill, and staff can read the signed revision.
/// </summary>
public static class PdfRevisions
{
    private const int MaxObjectsPerUpdate = 100_000;
    private const int MaxObjectStreamBytes = 16 * 1024 * 1024;
    private static readonly byte[] EndStream = "endstream"u8.ToArray();
    private static readonly System.Buffers.SearchValues<byte> Whitespace = System.Buffers.SearchValues.Create(" \t\r\n\0\f"u8);

    private static readonly HashSet<string> CatalogKeysAllowed = new(StringComparer.Ordinal) { "AcroForm", "DSS", "Extensions" };
    private static readonly HashSet<string> FormKeysAllowed = new(StringComparer.Ordinal) { "Fields", "SigFlags" };
    private static readonly HashSet<string> PageKeysAllowed = new(StringComparer.Ordinal) { "Annots" };

    /// <summary>Whether only whitespace follows <paramref name="end"/>: the signature covers the whole file.</summary>
    public static bool IsEndOfFile(byte[] pdf, long end) =>
        end >= 0 && end <= pdf.Length && pdf.AsSpan((int)end).IndexOfAnyExcept(Whitespace) < 0;

    /// <summary>Whether <paramref name="end"/> is where a revision ends (<c>%%EOF</c>, whitespace aside).</summary>
    public static bool IsRevisionEnd(byte[] pdf, long end) =>
        end > 0 && end <= pdf.Length && pdf.AsSpan(0, (int)end).TrimEnd(" \t\r\n\0\f"u8).EndsWith("%%EOF"u8);

    /// <summary>
    /// Null when everything after <paramref name="signedEnd"/> is allowed after signing; otherwise what was changed,
    /// for staff. <paramref name="final"/> is the whole file as read; <paramref name="verifiedTimestamps"/> the
    /// document timestamps that verified.
    /// </summary>
    public static SignatureNote? ChangesAfter(
        byte[] pdf, int signedEnd, PdfObjects final, IReadOnlySet<IndirectReference> verifiedTimestamps)
    {
        if (IsEndOfFile(pdf, signedEnd))
        {
            return null;
        }

        var signed = PdfObjects.Open(pdf.AsMemory(0, signedEnd));
        if (signed is null)
        {
            return Change("Không đọc được phiên bản đã ký của tệp.", "The signed revision of the file cannot be read.");
        }

        if (!TryReadUpdates(pdf, signedEnd, out var written))
        {
            return Change("Phần cập nhật sau chữ ký không đọc được như một bản cập nhật PDF.", "What follows the signature cannot be read as a PDF incremental update.");
        }

        var judged = new HashSet<IndirectReference>();
        foreach (var (reference, offset) in written)
        {
            if (final.Offsets.GetValueOrDefault(reference, -1) != offset)
            {
                return Change($"Bản cập nhật sau chữ ký có đối tượng {reference.ObjectNumber} mà bảng tham chiếu không trỏ tới.",
                    $"An update after the signature holds object {reference.ObjectNumber}, which the cross-reference does not point to.");
            }

            judged.Add(reference);
            if (final.Values.GetValueOrDefault(reference) is StreamToken stream && NameOf(stream.StreamDictionary, "Type") == "ObjStm")
            {
                if (ObjectStreamMembers(stream) is not { } members)
                {
                    return Change("Bản cập nhật sau chữ ký có luồng đối tượng không đọc được.", "An update after the signature holds an object stream that cannot be read.");
                }

                foreach (var member in members.Select(n => new IndirectReference(n, 0)))
                {
                    if (final.InObjectStreams.GetValueOrDefault(member, -1) != reference.ObjectNumber)
                    {
                        return Change($"Bản cập nhật sau chữ ký có đối tượng {member.ObjectNumber} trong luồng đối tượng mà bảng tham chiếu không trỏ tới.",
                            $"An update after the signature holds object {member.ObjectNumber} in an object stream the cross-reference does not point to.");
                    }

                    judged.Add(member);
                }
            }
        }

        foreach (var (reference, value) in final.Values)
        {
            if (!signed.Values.TryGetValue(reference, out var before) || !Same(before, value))
            {
                judged.Add(reference);
            }
        }

        if (signed.Values.Keys.Any(r => !final.Values.ContainsKey(r)))
        {
            return Change("Bản cập nhật sau chữ ký xoá đối tượng của phiên bản đã ký.", "An update after the signature removes objects of the signed revision.");
        }

        if (!Same(signed.Trailer?.Data.GetValueOrDefault("Root"), final.Trailer?.Data.GetValueOrDefault("Root"))
            || final.Trailer?.Data.ContainsKey("Encrypt") == true && signed.Trailer?.Data.ContainsKey("Encrypt") != true)
        {
            return Change("Bản cập nhật sau chữ ký thay gốc tài liệu (/Root) hoặc mã hoá.", "An update after the signature replaces the document's root (/Root) or adds encryption.");
        }

        var dss = Reachable(final, final.Catalog?.Data.GetValueOrDefault("DSS"));
        foreach (var reference in judged.OrderBy(r => r.ObjectNumber))
        {
            var value = final.Values.GetValueOrDefault(reference);
            var before = signed.Values.GetValueOrDefault(reference);
            if (!IsAllowed(reference, before, value, signed, final, verifiedTimestamps, dss))
            {
                return Change(
                    $"Tệp đã bị thay đổi sau khi ký: bản cập nhật sau chữ ký {(before is null ? "thêm" : "sửa")} đối tượng {reference.ObjectNumber} ({Describe(value ?? before)}), điều chuẩn PDF không cho phép sau khi ký.",
                    $"The file was changed after signing: an update after the signature {(before is null ? "adds" : "rewrites")} object {reference.ObjectNumber} ({Describe(value ?? before)}), which PDF does not allow after signing.");
            }
        }

        return null;
    }

    /// <summary>
    /// Where the <c>&lt;hex&gt;</c> value of <c>/Contents</c> lies in the raw bytes of the signature dictionary
    /// written at <paramref name="objectOffset"/> (directly, or as the <c>/V</c> of a signature field): the gap a
    /// signature's byte range must leave, and nothing else. Null when the object is not written there as
    /// <paramref name="reference"/>, the dictionary names <c>/Contents</c> or <c>/ByteRange</c> twice, or the value is
    /// not a hex string.
    /// </summary>
    public static (int Start, int End)? ContentsSpan(byte[] pdf, long objectOffset, IndirectReference reference)
    {
        if (objectOffset < 0 || objectOffset >= pdf.Length)
        {
            return null;
        }

        var lexer = new PdfLexer(pdf, (int)objectOffset);
        if (PdfLexer.WholeNumberOf(lexer.Next()) != reference.ObjectNumber || PdfLexer.WholeNumberOf(lexer.Next()) != reference.Generation
            || !lexer.Next().Is(PdfTokenKind.Keyword, "obj") || lexer.Next().Kind != PdfTokenKind.DictionaryStart)
        {
            return null;
        }

        return FindContents(lexer, 0);
    }

    private static (int Start, int End)? FindContents(PdfLexer lexer, int depth)
    {
        (int, int)? contents = null;
        (int, int)? nested = null;
        var (seenContents, seenRange) = (0, 0);
        while (true)
        {
            var key = lexer.Next();
            if (key.Kind == PdfTokenKind.DictionaryEnd)
            {
                return seenContents == 1 && seenRange == 1 ? contents : seenContents == 0 && seenRange == 0 ? nested : null;
            }

            if (key.Kind != PdfTokenKind.Name)
            {
                return null;
            }

            var value = lexer.Next();
            seenContents += key.Text == "Contents" ? 1 : 0;
            seenRange += key.Text == "ByteRange" ? 1 : 0;
            if (key.Text == "Contents")
            {
                contents = value.Kind == PdfTokenKind.HexString ? (value.Start, value.End) : null;
            }
            else if (key.Text == "V" && value.Kind == PdfTokenKind.DictionaryStart && depth < 2)
            {
                nested = FindContents(lexer, depth + 1);
                continue;
            }

            if (!lexer.SkipValue(value))
            {
                return null;
            }
        }
    }

    /// <summary>Every object written after <paramref name="from"/>, read as an incremental update is written; false for anything else.</summary>
    private static bool TryReadUpdates(byte[] pdf, int from, out List<(IndirectReference Reference, long Offset)> written)
    {
        written = [];
        var lexer = new PdfLexer(pdf, from);
        while (true)
        {
            var token = lexer.Next();
            if (token.Kind == PdfTokenKind.End)
            {
                return true;
            }

            if (PdfLexer.WholeNumberOf(token) is { } number and >= 0 and <= int.MaxValue)
            {
                if (PdfLexer.WholeNumberOf(lexer.Next()) is not { } generation || generation is < 0 or > ushort.MaxValue
                    || !lexer.Next().Is(PdfTokenKind.Keyword, "obj") || !lexer.SkipValue(lexer.Next()) || written.Count >= MaxObjectsPerUpdate)
                {
                    return false;
                }

                var after = lexer.Next();
                if (after.Is(PdfTokenKind.Keyword, "stream"))
                {
                    var end = pdf.AsSpan(lexer.Position).IndexOf(EndStream);
                    if (end < 0)
                    {
                        return false;
                    }

                    lexer.Position += end + "endstream".Length;
                    after = lexer.Next();
                }

                if (!after.Is(PdfTokenKind.Keyword, "endobj"))
                {
                    return false;
                }

                written.Add((new IndirectReference(number, (int)generation), token.Start));
            }
            else if (token.Is(PdfTokenKind.Keyword, "xref"))
            {
                PdfToken entry;
                while ((entry = lexer.Next()).Kind == PdfTokenKind.WholeNumber || entry.Is(PdfTokenKind.Keyword, "n") || entry.Is(PdfTokenKind.Keyword, "f"))
                {
                }

                if (!entry.Is(PdfTokenKind.Keyword, "trailer") || !lexer.SkipValue(lexer.Next()))
                {
                    return false;
                }
            }
            else if (token.Is(PdfTokenKind.Keyword, "startxref"))
            {
                if (PdfLexer.WholeNumberOf(lexer.Next()) is null)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
    }

    /// <summary>The object numbers an object stream holds (its header of <c>/N</c> number-offset pairs); null when it cannot be read.</summary>
    private static List<int>? ObjectStreamMembers(StreamToken stream)
    {
        var filter = stream.StreamDictionary.Data.GetValueOrDefault("Filter");
        var flate = filter is NameToken { Data: "FlateDecode" } || filter is ArrayToken { Data: [NameToken { Data: "FlateDecode" }] };
        if (filter is not null && !flate || stream.StreamDictionary.Data.GetValueOrDefault("N") is not NumericToken { Data: >= 0 and <= MaxObjectsPerUpdate } n)
        {
            return null;
        }

        byte[] data;
        try
        {
            data = flate ? Inflate(stream.Data.ToArray()) : stream.Data.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }

        var lexer = new PdfLexer(data);
        var members = new List<int>();
        for (var i = 0; i < (int)n.Data; i++)
        {
            if (PdfLexer.WholeNumberOf(lexer.Next()) is not { } number || number is < 0 or > int.MaxValue || PdfLexer.WholeNumberOf(lexer.Next()) is null)
            {
                return null;
            }

            members.Add((int)number);
        }

        return members;
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = inflater.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxObjectStreamBytes)
            {
                throw new InvalidDataException("object stream too large");
            }
        }

        return output.ToArray();
    }

    private static bool IsAllowed(
        IndirectReference reference, IToken? before, IToken? value, PdfObjects signed, PdfObjects final,
        IReadOnlySet<IndirectReference> verifiedTimestamps, HashSet<IndirectReference> dss)
    {
        if (value is null)
        {
            return false;
        }

        if (before is not null && Same(before, value))
        {
            return true; // written again unchanged
        }

        var dictionary = value as DictionaryToken ?? (value as StreamToken)?.StreamDictionary;
        var type = NameOf(dictionary, "Type");
        if (before is null)
        {
            if (value is DictionaryToken signature && signature.Data.ContainsKey("ByteRange") && signature.Data.ContainsKey("Contents"))
            {
                return !PdfSignatures.IsDocumentTimestamp(signature) || verifiedTimestamps.Contains(reference);
            }

            if (value is DictionaryToken field && IsInvisibleSignatureField(field, final, verifiedTimestamps))
            {
                return true;
            }

            if (value is StreamToken && type is "XRef" or "ObjStm")
            {
                return true;
            }

            if (dss.Contains(reference))
            {
                return value is StreamToken stream ? NameOf(stream.StreamDictionary, "Subtype") is null && NameOf(stream.StreamDictionary, "Type") is null
                    : value is DictionaryToken or ArrayToken && type is null or "DSS" or "VRI";
            }

            return IsGrownForm(null, value, signed);
        }

        return before switch
        {
            DictionaryToken old when NameOf(old, "Type") == "Catalog" && value is DictionaryToken now =>
                OnlyKeysDiffer(old, now, CatalogKeysAllowed)
                && (Resolve(old, "AcroForm", signed) is not DictionaryToken oldForm || Resolve(now, "AcroForm", final) is not DictionaryToken newForm
                    || Same(oldForm, newForm) || IsGrownForm(oldForm, newForm, signed)),
            DictionaryToken old when NameOf(old, "Type") == "Page" && value is DictionaryToken now =>
                OnlyKeysDiffer(old, now, PageKeysAllowed) && GrowsByNewObjects(old.Data.GetValueOrDefault("Annots"), now.Data.GetValueOrDefault("Annots"), signed),
            DictionaryToken old when old.Data.ContainsKey("Fields") => IsGrownForm(old, value, signed),
            ArrayToken old when value is ArrayToken => GrowsByNewObjects(old, value, signed), // an /Annots or /Fields array kept as its own object
            _ => false,
        };
    }

    /// <summary>A form dictionary whose only change is new signature fields in <c>/Fields</c> (and <c>/SigFlags</c>).</summary>
    private static bool IsGrownForm(DictionaryToken? before, IToken value, PdfObjects signed) =>
        value is DictionaryToken now && now.Data.ContainsKey("Fields") && NameOf(now, "Type") is null
        && OnlyKeysDiffer(before ?? new DictionaryToken(new Dictionary<NameToken, IToken>()), now, FormKeysAllowed)
        && GrowsByNewObjects(before?.Data.GetValueOrDefault("Fields"), now.Data.GetValueOrDefault("Fields"), signed);

    /// <summary>A signature field (merged with its widget or not) that shows nothing: no area, no action; its value, if any, a signature.</summary>
    private static bool IsInvisibleSignatureField(DictionaryToken field, PdfObjects final, IReadOnlySet<IndirectReference> verifiedTimestamps)
    {
        if (NameOf(field, "FT") != "Sig"
            && (NameOf(field, "Subtype") != "Widget" || final.Resolve(field.Data.GetValueOrDefault("Parent")) is not DictionaryToken parent || NameOf(parent, "FT") != "Sig"))
        {
            return false;
        }

        if (field.Data.ContainsKey("A") || field.Data.ContainsKey("AA") || field.Data.ContainsKey("Kids"))
        {
            return false;
        }

        var rect = final.Resolve(field.Data.GetValueOrDefault("Rect")) as ArrayToken;
        var corners = rect?.Data.Select(t => (t as NumericToken)?.Data).ToList();
        var invisible = rect is null
            || corners is [{ } x1, { } y1, { } x2, { } y2] && (x1 == x2 || y1 == y2);
        var signature = field.Data.GetValueOrDefault("V");
        var valueIsSignature = signature is null
            || signature is IndirectReferenceToken r && final.Values.GetValueOrDefault(r.Data) is DictionaryToken d && d.Data.ContainsKey("ByteRange")
                && (!PdfSignatures.IsDocumentTimestamp(d) || verifiedTimestamps.Contains(r.Data));
        return invisible && valueIsSignature;
    }

    /// <summary>An array that keeps every earlier item and adds only references to objects the signed revision did not have (each judged on its own).</summary>
    private static bool GrowsByNewObjects(IToken? before, IToken? after, PdfObjects signed)
    {
        if (Same(before, after))
        {
            return true;
        }

        if (before is not null and not ArrayToken || after is not ArrayToken now)
        {
            return false;
        }

        var old = (before as ArrayToken)?.Data ?? [];
        return old.All(o => now.Data.Any(item => Same(o, item)))
            && now.Data.Where(item => !old.Any(o => Same(o, item))).All(item => item is IndirectReferenceToken r && !signed.Values.ContainsKey(r.Data));
    }

    private static bool OnlyKeysDiffer(DictionaryToken before, DictionaryToken after, HashSet<string> allowed) =>
        before.Data.Keys.Concat(after.Data.Keys).Distinct(StringComparer.Ordinal)
            .All(key => allowed.Contains(key) || before.Data.TryGetValue(key, out var a) && after.Data.TryGetValue(key, out var b) && Same(a, b));

    private static IToken? Resolve(DictionaryToken dictionary, string key, PdfObjects objects) =>
        objects.Resolve(dictionary.Data.GetValueOrDefault(key));

    /// <summary>The objects a DSS dictionary reaches (its certificates, OCSP responses, CRLs, VRI entries), the DSS itself included.</summary>
    private static HashSet<IndirectReference> Reachable(PdfObjects objects, IToken? root)
    {
        var found = new HashSet<IndirectReference>();
        var pending = new Stack<(IToken Token, int Depth)>();
        if (root is not null)
        {
            pending.Push((root, 0));
        }

        while (pending.Count > 0 && found.Count < MaxObjectsPerUpdate)
        {
            var (token, depth) = pending.Pop();
            switch (token)
            {
                case IndirectReferenceToken reference when found.Add(reference.Data) && objects.Values.GetValueOrDefault(reference.Data) is { } value and not StreamToken && depth < 8:
                    pending.Push((value, depth + 1));
                    break;
                case DictionaryToken dictionary:
                    foreach (var item in dictionary.Data.Values)
                    {
                        pending.Push((item, depth));
                    }

                    break;
                case ArrayToken array:
                    foreach (var item in array.Data)
                    {
                        pending.Push((item, depth));
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>Two values written alike (numbers by value, names and strings by content, streams by dictionary and bytes).</summary>
    public static bool Same(IToken? a, IToken? b, int depth = 0)
    {
        if (depth > 64)
        {
            return false;
        }

        return (a, b) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (DictionaryToken x, DictionaryToken y) => x.Data.Count == y.Data.Count
                && x.Data.All(kv => y.Data.TryGetValue(kv.Key, out var other) && Same(kv.Value, other, depth + 1)),
            (ArrayToken x, ArrayToken y) => x.Data.Count == y.Data.Count && x.Data.Zip(y.Data).All(p => Same(p.First, p.Second, depth + 1)),
            (StreamToken x, StreamToken y) => Same(x.StreamDictionary, y.StreamDictionary, depth + 1) && x.Data.Span.SequenceEqual(y.Data.Span),
            (NameToken x, NameToken y) => x.Data == y.Data,
            (NumericToken x, NumericToken y) => x.Data == y.Data,
            (StringToken x, StringToken y) => x.Data == y.Data,
            (HexToken x, HexToken y) => x.Bytes.SequenceEqual(y.Bytes),
            (IndirectReferenceToken x, IndirectReferenceToken y) => x.Data.Equals(y.Data),
            (BooleanToken x, BooleanToken y) => x.Data == y.Data,
            (NullToken, NullToken) => true,
            _ => false,
        };
    }

    private static string? NameOf(DictionaryToken? dictionary, string key) =>
        dictionary?.Data.GetValueOrDefault(key) is NameToken name ? name.Data : null;

    private static string Describe(IToken? value)
    {
        var dictionary = value as DictionaryToken ?? (value as StreamToken)?.StreamDictionary;
        return NameOf(dictionary, "Type") is { } type ? "/" + type
            : NameOf(dictionary, "Subtype") is { } subtype ? "/" + subtype
            : value is StreamToken ? "stream"
            : value?.GetType().Name.Replace("Token", string.Empty, StringComparison.Ordinal).ToLowerInvariant() ?? "?";
    }

    private static SignatureNote Change(string vi, string en) => new(vi, en);
}
