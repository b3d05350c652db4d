using System.IO.Compression;
using System.Text;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// A PDF read the way a PDF reader reads it, written for judging hostile files. PdfPig, which opens the scan
/// for the signatures, merges the cross-reference sections by file offset (later ones win); Acrobat and
/// PDFium follow <c>startxref</c> and then each <c>/Prev</c>, the newest section winning. A file can carry two
/// catalogs, a harmless one for the first kind of parser and a hostile one for the reader staff use. This reader
/// resolves objects as readers do: <c>startxref</c> → classic tables and cross-reference streams → <c>/XRefStm</c>
/// of hybrid files → <c>/Prev</c>, with object streams. It also keeps what a repairing reader would see (the last
/// definition of each object in the file, <see cref="ResolveAsRepaired"/>), so a check can refuse a file whose
/// two readings differ.
/// Every loop, depth, count and inflation is bounded; bytes it cannot make sense of end in
/// <see cref="PdfFormatException"/>, the only exception it throws.
/// </summary>
public sealed class PdfFile
{
    public const int MaxXrefSections = 64;
    public const int MaxNesting = 48;
    public const int MaxObjects = 500_000;
    public const long MaxInflatedBytesPerStream = 32L * 1024 * 1024;
    public const long MaxInflatedBytesPerFile = 128L * 1024 * 1024;

    private readonly byte[] _bytes;
    private readonly Dictionary<int, XrefEntry> _xref = [];
    private readonly Dictionary<int, object?> _resolved = [];
    private readonly Dictionary<int, ObjectStream> _objectStreams = [];
    private Dictionary<int, long>? _scanned;
    private long _inflated;
    private int _depth;

    private PdfFile(byte[] bytes) => _bytes = bytes;

    /// <summary>The newest trailer (of a cross-reference stream: its dictionary).</summary>
    public PdfDict Trailer { get; private set; } = new();

    /// <summary>The <c>/Root</c> of every trailer met on the chain, newest first: the sections' opinions of which object is the catalog.</summary>
    public IReadOnlyList<PdfReference> TrailerRoots => _trailerRoots;

    private readonly List<PdfReference> _trailerRoots = [];

    /// <summary>Reads the cross-reference chain. Throws <see cref="PdfFormatException"/> for a file a reader would have to repair.</summary>
    public static PdfFile Open(byte[] bytes)
    {
        var file = new PdfFile(bytes);
        file.ReadXrefChain();
        return file;
    }

    /// <summary>An indirect object as a reader resolves it through the cross-reference chain; null for a free or absent one.</summary>
    public object? Resolve(PdfReference reference)
    {
        if (_resolved.TryGetValue(reference.Number, out var cached))
        {
            return cached;
        }

        if (_resolved.Count > MaxObjects)
        {
            throw new PdfFormatException("too many objects");
        }

        // Resolving one object may resolve others (an indirect /Length, the object stream holding it): bounded,
        // and a cycle resolves to null rather than to a stack overflow.
        if (++_depth > 8)
        {
            throw new PdfFormatException("objects refer to each other too deeply");
        }

        try
        {
            _resolved[reference.Number] = null;
            object? value = null;
            if (_xref.TryGetValue(reference.Number, out var entry))
            {
                value = entry.Kind switch
                {
                    XrefKind.InUse => ReadIndirectAt(entry.Offset, reference.Number),
                    XrefKind.Compressed => Member(ObjectStreamOf(Resolve(new PdfReference((int)entry.Offset, 0))), reference.Number),
                    _ => null,
                };
            }

            _resolved[reference.Number] = value;
            return value;
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A value with its references followed (once, not recursively).</summary>
    public object? Deref(object? value) => value is PdfReference reference ? Resolve(reference) : value;

    /// <summary>
    /// The object as a reader that repairs the file sees it: the last <c>n g obj</c> in the file, or the last
    /// object stream holding it, whichever comes later. Null when the file has no definition of it.
    /// </summary>
    public object? ResolveAsRepaired(int number)
    {
        _scanned ??= ScanDefinitions();
        if (!_scanned.TryGetValue(number, out var where))
        {
            return null;
        }

        if (where >= 0)
        {
            return ReadIndirectAt(where, number);
        }

        var stream = new PdfParser(this, new PdfFileLexer(_bytes, (int)-(where + 1))).ReadIndirect().Value;
        return Member(ObjectStreamOf(stream), number);
    }

    /// <summary>The stream's bytes with its filters undone (FlateDecode with PNG predictors; anything else is returned raw).</summary>
    public byte[] Decode(PdfStreamObject stream)
    {
        var data = _bytes.AsSpan(stream.Start, stream.Length).ToArray();
        var filter = Deref(stream.Dictionary.Get("Filter"));
        var filters = filter is PdfArray array ? array.Items.Select(Deref).ToList() : [filter];
        var parms = Deref(stream.Dictionary.Get("DecodeParms"));
        for (var i = 0; i < filters.Count; i++)
        {
            if (filters[i] is null)
            {
                continue;
            }

            if (filters[i] is not PdfName { Value: "FlateDecode" or "Fl" })
            {
                throw new PdfFormatException("unsupported filter");
            }

            data = Inflate(data);
            var parm = parms is PdfArray p ? (i < p.Items.Count ? Deref(p.Items[i]) : null) : parms;
            if (parm is PdfDict d && Deref(d.Get("Predictor")) is long predictor && predictor >= 10)
            {
                var columns = Deref(d.Get("Columns")) is long c ? (int)c : 1;
                data = UndoPngPredictor(data, columns);
            }
        }

        return data;
    }

    // ---- cross-reference chain ---------------------------------------------------------------

    private void ReadXrefChain()
    {
        var next = (long?)FindStartXref();
        var visited = new HashSet<long>();
        var sections = 0;
        while (next is { } offset)
        {
            if (!visited.Add(offset) || ++sections > MaxXrefSections)
            {
                throw new PdfFormatException("cross-reference chain loops or is too long");
            }

            var trailer = ReadXrefSection(offset);
            if (sections == 1)
            {
                Trailer = trailer;
            }

            if (trailer.Get("Root") is PdfReference root)
            {
                _trailerRoots.Add(root);
            }

            // A hybrid file: its table wins over its cross-reference stream, which wins over older sections.
            if (trailer.Get("XRefStm") is long stm)
            {
                if (!visited.Add(stm) || ++sections > MaxXrefSections)
                {
                    throw new PdfFormatException("cross-reference chain loops");
                }

                ReadXrefSection(stm);
            }

            next = trailer.Get("Prev") switch
            {
                long prev => prev,
                null => null,
                _ => throw new PdfFormatException("bad /Prev"),
            };
        }

        if (Trailer.Get("Root") is not PdfReference)
        {
            throw new PdfFormatException("no /Root");
        }
    }

    private int FindStartXref()
    {
        var keyword = "startxref"u8;
        var from = Math.Max(0, _bytes.Length - 2048);
        var at = _bytes.AsSpan(from).LastIndexOf(keyword);
        if (at < 0)
        {
            throw new PdfFormatException("no startxref");
        }

        var lexer = new PdfFileLexer(_bytes, from + at + keyword.Length);
        return lexer.Next() is { Kind: TokenKind.Integer } token && token.Integer >= 0 && token.Integer < _bytes.Length
            ? (int)token.Integer
            : throw new PdfFormatException("bad startxref");
    }

    private PdfDict ReadXrefSection(long offset)
    {
        if (offset < 0 || offset >= _bytes.Length)
        {
            throw new PdfFormatException("cross-reference offset outside the file");
        }

        var lexer = new PdfFileLexer(_bytes, (int)offset);
        var first = lexer.Next();
        if (first.Kind == TokenKind.Keyword && first.Text == "xref")
        {
            return ReadXrefTable(lexer);
        }

        // A cross-reference stream: "n g obj << /Type /XRef ... >> stream".
        lexer = new PdfFileLexer(_bytes, (int)offset);
        var (_, value) = new PdfParser(this, lexer).ReadIndirect();
        if (value is not PdfStreamObject { Dictionary: var dictionary } stream || dictionary.Get("Type") is not PdfName { Value: "XRef" })
        {
            throw new PdfFormatException("startxref points to neither a table nor a cross-reference stream");
        }

        ReadXrefStream(stream);
        return dictionary;
    }

    private PdfDict ReadXrefTable(PdfFileLexer lexer)
    {
        while (true)
        {
            var token = lexer.Next();
            if (token.Kind == TokenKind.Keyword && token.Text == "trailer")
            {
                return new PdfParser(this, lexer).ReadObject(0) as PdfDict ?? throw new PdfFormatException("trailer is not a dictionary");
            }

            if (token.Kind != TokenKind.Integer || lexer.Next() is not { Kind: TokenKind.Integer } count || token.Integer < 0 || count.Integer < 0
                || token.Integer + count.Integer > MaxObjects)
            {
                throw new PdfFormatException("bad cross-reference subsection");
            }

            for (var i = 0; i < count.Integer; i++)
            {
                var position = lexer.Next();
                var generation = lexer.Next();
                var kind = lexer.Next();
                if (position.Kind != TokenKind.Integer || generation.Kind != TokenKind.Integer || kind.Kind != TokenKind.Keyword || kind.Text is not ("n" or "f"))
                {
                    throw new PdfFormatException("bad cross-reference entry");
                }

                var number = (int)(token.Integer + i);
                if (kind.Text == "n" && number == 0)
                {
                    continue;
                }

                _xref.TryAdd(number, new XrefEntry(kind.Text == "n" ? XrefKind.InUse : XrefKind.Free, position.Integer));
            }
        }
    }

    private void ReadXrefStream(PdfStreamObject stream)
    {
        var dictionary = stream.Dictionary;
        if (Deref(dictionary.Get("W")) is not PdfArray { Items.Count: 3 } w || w.Items.Any(x => Deref(x) is not long n || n < 0 || n > 8))
        {
            throw new PdfFormatException("bad /W");
        }

        var widths = w.Items.Select(x => (int)(long)Deref(x)!).ToArray();
        var size = Deref(dictionary.Get("Size")) is long s && s >= 0 && s <= MaxObjects ? s : throw new PdfFormatException("bad /Size");
        var index = Deref(dictionary.Get("Index")) is PdfArray i ? i.Items.Select(Deref).ToList() : [0L, size];
        if (index.Count % 2 != 0 || index.Any(x => x is not long n || n < 0 || n > MaxObjects))
        {
            throw new PdfFormatException("bad /Index");
        }

        var data = Decode(stream);
        var rowLength = widths.Sum();
        var row = 0;
        for (var k = 0; k < index.Count; k += 2)
        {
            var (start, count) = ((long)index[k]!, (long)index[k + 1]!);
            for (var j = 0; j < count; j++, row++)
            {
                if (rowLength == 0 || (row + 1L) * rowLength > data.Length)
                {
                    throw new PdfFormatException("cross-reference stream too short");
                }

                var at = row * rowLength;
                var type = widths[0] == 0 ? 1 : Field(data, at, widths[0]);
                var second = Field(data, at + widths[0], widths[1]);
                var number = (int)(start + j);
                XrefEntry? entry = type switch
                {
                    0 => new XrefEntry(XrefKind.Free, 0),
                    1 => new XrefEntry(XrefKind.InUse, second),
                    2 => new XrefEntry(XrefKind.Compressed, second),
                    _ => null, // reserved types are ignored, as the standard says
                };
                if (entry is not null && number != 0)
                {
                    _xref.TryAdd(number, entry);
                }
            }
        }
    }

    private static long Field(byte[] data, int at, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value << 8) | data[at + i];
        }

        return value;
    }

    // ---- objects ----------------------------------------------------------------------------

    private object? ReadIndirectAt(long offset, int expectedNumber)
    {
        if (offset < 0 || offset >= _bytes.Length)
        {
            throw new PdfFormatException("object offset outside the file");
        }

        var (number, value) = new PdfParser(this, new PdfFileLexer(_bytes, (int)offset)).ReadIndirect();
        return number == expectedNumber ? value : throw new PdfFormatException("cross-reference entry points to another object");
    }

    /// <summary>An object stream's header, read once per stream.</summary>
    private ObjectStream ObjectStreamOf(object? value)
    {
        if (value is not PdfStreamObject { Dictionary: var dictionary } stream || dictionary.Get("Type") is not PdfName { Value: "ObjStm" }
            || Deref(dictionary.Get("N")) is not long n || n < 0 || n > MaxObjects
            || Deref(dictionary.Get("First")) is not long first || first < 0)
        {
            throw new PdfFormatException("bad object stream");
        }

        if (_objectStreams.TryGetValue(stream.Start, out var known))
        {
            return known;
        }

        var data = Decode(stream);
        var lexer = new PdfFileLexer(data, 0);
        var (numbers, offsets) = (new int[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            if (lexer.Next() is not { Kind: TokenKind.Integer } objectNumber || lexer.Next() is not { Kind: TokenKind.Integer } objectOffset
                || objectOffset.Integer < 0 || first + objectOffset.Integer >= data.Length || objectNumber.Integer is < 0 or > int.MaxValue)
            {
                throw new PdfFormatException("bad object stream header");
            }

            (numbers[i], offsets[i]) = ((int)objectNumber.Integer, (int)objectOffset.Integer);
        }

        return _objectStreams[stream.Start] = new ObjectStream(numbers, offsets, data, (int)first);
    }

    private object? Member(ObjectStream objects, int number)
    {
        var index = Array.LastIndexOf(objects.Numbers, number);
        return index < 0 ? null
            : new PdfParser(this, new PdfFileLexer(objects.Data, objects.First + objects.Offsets[index]), inObjectStream: true).ReadObject(0);
    }

    /// <summary>Every <c>n g obj</c> in the file and every object-stream member, the later definition winning: a repairing reader's view.</summary>
    private Dictionary<int, long> ScanDefinitions()
    {
        // Values >= 0: the offset of a plain "n g obj"; < 0: -(offset of the object stream holding it) - 1.
        var found = new Dictionary<int, long>();
        var span = _bytes.AsSpan();
        var (at, skipUntil, hits) = (0, 0, 0);
        while (at < span.Length)
        {
            var hit = span[at..].IndexOf("obj"u8);
            if (hit < 0)
            {
                break;
            }

            var position = at + hit;
            at = position + 3;
            if (position < skipUntil || (at < span.Length && !PdfFileLexer.IsDelimiterOrSpace(span[at])) || HeaderBefore(span, position) is not { } header)
            {
                continue; // inside a stream's bytes, or not a header
            }

            if (++hits > MaxObjects)
            {
                throw new PdfFormatException("too many objects");
            }

            found[header.Number] = header.Start;
            object? value;
            try
            {
                value = new PdfParser(this, new PdfFileLexer(_bytes, header.Start)).ReadIndirect().Value;
            }
            catch (PdfFormatException)
            {
                continue; // a definition that does not parse: resolving it later refuses the file
            }

            if (value is PdfStreamObject stream)
            {
                skipUntil = stream.Start + stream.Length;
                if (stream.Dictionary.Get("Type") is PdfName { Value: "ObjStm" })
                {
                    try
                    {
                        foreach (var member in ObjectStreamOf(stream).Numbers)
                        {
                            found[member] = -(header.Start + 1L);
                        }
                    }
                    catch (PdfFormatException)
                    {
                        // a broken object stream holds nothing a repairing reader could use
                    }
                }
            }
        }

        return found;
    }

    private static (int Number, int Start)? HeaderBefore(ReadOnlySpan<byte> span, int keyword)
    {
        var i = keyword - 1;
        if (i < 0 || !PdfFileLexer.IsSpace(span[i]))
        {
            return null;
        }

        while (i >= 0 && PdfFileLexer.IsSpace(span[i]))
        {
            i--;
        }

        var genEnd = i;
        while (i >= 0 && span[i] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        if (i == genEnd || i < 0 || !PdfFileLexer.IsSpace(span[i]))
        {
            return null;
        }

        while (i >= 0 && PdfFileLexer.IsSpace(span[i]))
        {
            i--;
        }

        var numberEnd = i;
        while (i >= 0 && span[i] is >= (byte)'0' and <= (byte)'9' && numberEnd - i < 10)
        {
            i--;
        }

        if (i == numberEnd || (i >= 0 && !PdfFileLexer.IsDelimiterOrSpace(span[i])))
        {
            return null;
        }

        return int.TryParse(span[(i + 1)..(numberEnd + 1)], out var number) ? (number, i + 1) : null;
    }

    private byte[] Inflate(byte[] data)
    {
        try
        {
            using var input = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                _inflated += read;
                if (output.Length > MaxInflatedBytesPerStream || _inflated > MaxInflatedBytesPerFile)
                {
                    throw new PdfFormatException("a stream inflates beyond the bound");
                }
            }

            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // ZLibException (an IOException) for data zlib rejects outright, InvalidDataException for a bad block.
            throw new PdfFormatException("bad compressed stream");
        }
    }

    private static byte[] UndoPngPredictor(byte[] data, int columns)
    {
        if (columns <= 0 || columns > 1 << 20)
        {
            throw new PdfFormatException("bad /Columns");
        }

        var rows = data.Length / (columns + 1);
        var output = new byte[rows * columns];
        var previous = new byte[columns];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * (columns + 1)];
            var row = output.AsSpan(r * columns, columns);
            data.AsSpan(r * (columns + 1) + 1, columns).CopyTo(row);
            for (var c = 0; c < columns; c++)
            {
                var left = c > 0 ? row[c - 1] : 0;
                var up = previous[c];
                var upLeft = c > 0 ? previous[c - 1] : 0;
                row[c] = type switch
                {
                    0 => row[c],
                    1 => (byte)(row[c] + left),
                    2 => (byte)(row[c] + up),
                    3 => (byte)(row[c] + ((left + up) >> 1)),
                    4 => (byte)(row[c] + Paeth(left, up, upLeft)),
                    _ => throw new PdfFormatException("bad PNG predictor"),
                };
            }

            row.CopyTo(previous);
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>A stream's length as the parser needs it: <c>/Length</c> direct or indirect (resolved once, never recursively).</summary>
    internal long? StreamLength(object? length, bool inObjectStream) => length switch
    {
        long value => value,
        PdfReference reference when !inObjectStream => Resolve(reference) as long?,
        _ => null,
    };

    private enum XrefKind
    {
        Free,
        InUse,
        Compressed,
    }

    private sealed record XrefEntry(XrefKind Kind, long Offset);

    private sealed record ObjectStream(int[] Numbers, int[] Offsets, byte[] Data, int First);
}

/// <summary>Bytes a PDF reader would have to repair or could not read: the file is refused, not guessed at.</summary>
public sealed class PdfFormatException(string message) : Exception(message);

public sealed record PdfReference(int Number, int Generation);

public sealed record PdfName(string Value);

public sealed record PdfString(byte[] Bytes)
{
    /// <summary>As text: UTF-16 with its byte-order mark, otherwise one byte per character (near enough to PDFDocEncoding for a URI).</summary>
    public string Text => Bytes is [0xFE, 0xFF, ..]
        ? Encoding.BigEndianUnicode.GetString(Bytes, 2, Bytes.Length - 2)
        : Encoding.Latin1.GetString(Bytes);
}

public sealed class PdfArray(List<object?> items)
{
    public List<object?> Items { get; } = items;
}

public sealed class PdfDict
{
    public Dictionary<string, object?> Entries { get; } = new(StringComparer.Ordinal);

    public object? Get(string key) => Entries.GetValueOrDefault(key);
}

/// <summary>A stream: its dictionary and where its (still encoded) bytes lie in the file.</summary>
public sealed record PdfStreamObject(PdfDict Dictionary, int Start, int Length);

/// <summary>The PDF null object (a C# null means "absent").</summary>
public sealed class PdfNull
{
    public static readonly PdfNull Value = new();
}

internal enum TokenKind
{
    End,
    Integer,
    Real,
    String,
    Name,
    Keyword,
    ArrayStart,
    ArrayEnd,
    DictionaryStart,
    DictionaryEnd,
}

internal readonly record struct PdfFileToken(TokenKind Kind, long Integer = 0, string? Text = null, byte[]? Bytes = null, int Start = 0);

/// <summary>PDF's lexical rules (ISO 32000-1 §7.2–7.3) over a byte array, never reading outside it.</summary>
internal sealed class PdfFileLexer(byte[] bytes, int position)
{
    private static readonly System.Buffers.SearchValues<byte> NumberBytes = System.Buffers.SearchValues.Create("+-.0123456789"u8);

    public int Position { get; set; } = position;

    public byte[] Bytes => bytes;

    public static bool IsSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiterOrSpace(byte b) => IsSpace(b) || b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public PdfFileToken Next()
    {
        SkipSpaceAndComments();
        if (Position >= bytes.Length)
        {
            return new(TokenKind.End);
        }

        var start = Position;
        var b = bytes[Position];
        switch (b)
        {
            case (byte)'[':
                Position++;
                return new(TokenKind.ArrayStart, Start: start);
            case (byte)']':
                Position++;
                return new(TokenKind.ArrayEnd, Start: start);
            case (byte)'<' when Position + 1 < bytes.Length && bytes[Position + 1] == '<':
                Position += 2;
                return new(TokenKind.DictionaryStart, Start: start);
            case (byte)'>' when Position + 1 < bytes.Length && bytes[Position + 1] == '>':
                Position += 2;
                return new(TokenKind.DictionaryEnd, Start: start);
            case (byte)'<':
                return new(TokenKind.String, Bytes: HexString(), Start: start);
            case (byte)'(':
                return new(TokenKind.String, Bytes: LiteralString(), Start: start);
            case (byte)'/':
                Position++;
                return new(TokenKind.Name, Text: Name(), Start: start);
        }

        var end = Position;
        while (end < bytes.Length && !IsDelimiterOrSpace(bytes[end]))
        {
            end++;
        }

        if (end == Position)
        {
            Position++; // a stray delimiter such as ')' or '}'
            return new(TokenKind.Keyword, Text: ((char)b).ToString(), Start: start);
        }

        var word = bytes.AsSpan(Position, end - Position);
        Position = end;
        if (long.TryParse(word, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer))
        {
            return new(TokenKind.Integer, integer, Start: start);
        }

        return word.IndexOfAnyExcept(NumberBytes) < 0 && word.Length > 0
            ? new(TokenKind.Real, Text: Encoding.Latin1.GetString(word.Length > 64 ? word[..64] : word), Start: start)
            : new(TokenKind.Keyword, Text: Encoding.Latin1.GetString(word.Length > 64 ? word[..64] : word), Start: start);
    }

    private void SkipSpaceAndComments()
    {
        while (Position < bytes.Length)
        {
            if (IsSpace(bytes[Position]))
            {
                Position++;
            }
            else if (bytes[Position] == '%')
            {
                while (Position < bytes.Length && bytes[Position] is not ((byte)'\r' or (byte)'\n'))
                {
                    Position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private string Name()
    {
        var text = new StringBuilder();
        while (Position < bytes.Length && !IsDelimiterOrSpace(bytes[Position]) && text.Length < 256)
        {
            var c = bytes[Position++];
            if (c == '#' && Position + 1 < bytes.Length && IsHex(bytes[Position]) && IsHex(bytes[Position + 1]))
            {
                c = (byte)((HexValue(bytes[Position]) << 4) | HexValue(bytes[Position + 1]));
                Position += 2;
            }

            text.Append((char)c);
        }

        return text.ToString();
    }

    private byte[] HexString()
    {
        Position++;
        var output = new List<byte>();
        var high = -1;
        while (Position < bytes.Length && bytes[Position] != '>')
        {
            var c = bytes[Position++];
            if (IsSpace(c))
            {
                continue;
            }

            if (!IsHex(c))
            {
                throw new PdfFormatException("bad hex string");
            }

            if (high < 0)
            {
                high = HexValue(c);
            }
            else
            {
                output.Add((byte)((high << 4) | HexValue(c)));
                high = -1;
            }
        }

        if (Position >= bytes.Length)
        {
            throw new PdfFormatException("unterminated hex string");
        }

        Position++;
        if (high >= 0)
        {
            output.Add((byte)(high << 4));
        }

        return [.. output];
    }

    private byte[] LiteralString()
    {
        Position++;
        var output = new List<byte>();
        var depth = 1;
        while (Position < bytes.Length)
        {
            var c = bytes[Position++];
            if (c == '\\' && Position < bytes.Length)
            {
                var e = bytes[Position++];
                switch (e)
                {
                    case (byte)'n': output.Add(10); break;
                    case (byte)'r': output.Add(13); break;
                    case (byte)'t': output.Add(9); break;
                    case (byte)'b': output.Add(8); break;
                    case (byte)'f': output.Add(12); break;
                    case (byte)'\r':
                        if (Position < bytes.Length && bytes[Position] == '\n')
                        {
                            Position++;
                        }

                        break;
                    case (byte)'\n': break;
                    case >= (byte)'0' and <= (byte)'7':
                        var value = e - '0';
                        for (var k = 0; k < 2 && Position < bytes.Length && bytes[Position] is >= (byte)'0' and <= (byte)'7'; k++)
                        {
                            value = (value * 8) + (bytes[Position++] - '0');
                        }

                        output.Add((byte)value);
                        break;
                    default: output.Add(e); break;
                }
            }
            else if (c == '(')
            {
                depth++;
                output.Add(c);
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    return [.. output];
                }

                output.Add(c);
            }
            else
            {
                output.Add(c);
            }
        }

        throw new PdfFormatException("unterminated string");
    }

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/// <summary>Objects from tokens: arrays and dictionaries nested at most <see cref="PdfFile.MaxNesting"/> deep.</summary>
internal sealed class PdfParser(PdfFile file, PdfFileLexer lexer, bool inObjectStream = false)
{
    public (int Number, object? Value) ReadIndirect()
    {
        if (lexer.Next() is not { Kind: TokenKind.Integer } number || lexer.Next() is not { Kind: TokenKind.Integer }
            || lexer.Next() is not { Kind: TokenKind.Keyword, Text: "obj" })
        {
            throw new PdfFormatException("expected an indirect object");
        }

        var value = ReadObject(0);
        var save = lexer.Position;
        if (value is PdfDict dictionary && lexer.Next() is { Kind: TokenKind.Keyword, Text: "stream" })
        {
            return ((int)number.Integer, ReadStream(dictionary));
        }

        lexer.Position = save;
        return ((int)number.Integer, value);
    }

    public object? ReadObject(int depth) => Value(lexer.Next(), depth);

    private object? Value(PdfFileToken token, int depth)
    {
        if (depth > PdfFile.MaxNesting)
        {
            throw new PdfFormatException("nested too deeply");
        }

        switch (token.Kind)
        {
            case TokenKind.Integer:
                // "n g R" is a reference; look ahead two tokens and step back when it is not.
                var save = lexer.Position;
                if (lexer.Next() is { Kind: TokenKind.Integer } generation && lexer.Next() is { Kind: TokenKind.Keyword, Text: "R" }
                    && token.Integer is >= 0 and <= int.MaxValue && generation.Integer is >= 0 and <= 65535)
                {
                    return new PdfReference((int)token.Integer, (int)generation.Integer);
                }

                lexer.Position = save;
                return token.Integer;
            case TokenKind.Real:
                return double.TryParse(token.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real) ? real : 0.0;
            case TokenKind.String:
                return new PdfString(token.Bytes!);
            case TokenKind.Name:
                return new PdfName(token.Text!);
            case TokenKind.ArrayStart:
                var items = new List<object?>();
                while (true)
                {
                    var next = lexer.Next();
                    if (next.Kind == TokenKind.ArrayEnd)
                    {
                        return new PdfArray(items);
                    }

                    if (next.Kind == TokenKind.End || items.Count > PdfFile.MaxObjects)
                    {
                        throw new PdfFormatException("unterminated array");
                    }

                    items.Add(Value(next, depth + 1));
                }

            case TokenKind.DictionaryStart:
                var dictionary = new PdfDict();
                while (true)
                {
                    var key = lexer.Next();
                    if (key.Kind == TokenKind.DictionaryEnd)
                    {
                        return dictionary;
                    }

                    if (key.Kind != TokenKind.Name || dictionary.Entries.Count > PdfFile.MaxObjects)
                    {
                        throw new PdfFormatException("bad dictionary key");
                    }

                    // A repeated key: readers disagree on which one counts, so the file is ambiguous.
                    if (!dictionary.Entries.TryAdd(key.Text!, Value(lexer.Next(), depth + 1)))
                    {
                        throw new PdfFormatException("a dictionary repeats a key");
                    }
                }

            case TokenKind.Keyword when token.Text == "true":
                return true;
            case TokenKind.Keyword when token.Text == "false":
                return false;
            case TokenKind.Keyword when token.Text == "null":
                return PdfNull.Value;
            default:
                throw new PdfFormatException("unexpected token");
        }
    }

    private PdfStreamObject ReadStream(PdfDict dictionary)
    {
        var bytes = lexer.Bytes;
        var start = lexer.Position;
        if (start < bytes.Length && bytes[start] == '\r')
        {
            start++;
        }

        if (start < bytes.Length && bytes[start] == '\n')
        {
            start++;
        }

        var declared = file.StreamLength(dictionary.Get("Length"), inObjectStream);
        if (declared is { } length && length >= 0 && start + length <= bytes.Length && EndsStreamAt(bytes, (int)(start + length)))
        {
            return new PdfStreamObject(dictionary, start, (int)length);
        }

        // A wrong /Length: readers fall back to the "endstream" keyword, and so does this.
        var end = bytes.AsSpan(start).IndexOf("endstream"u8);
        if (end < 0)
        {
            throw new PdfFormatException("unterminated stream");
        }

        var dataEnd = start + end;
        if (dataEnd > start && bytes[dataEnd - 1] == '\n')
        {
            dataEnd--;
        }

        if (dataEnd > start && bytes[dataEnd - 1] == '\r')
        {
            dataEnd--;
        }

        return new PdfStreamObject(dictionary, start, dataEnd - start);
    }

    private static bool EndsStreamAt(byte[] bytes, int at)
    {
        while (at < bytes.Length && PdfFileLexer.IsSpace(bytes[at]))
        {
            at++;
        }

        return bytes.AsSpan(at).StartsWith("endstream"u8);
    }
}
