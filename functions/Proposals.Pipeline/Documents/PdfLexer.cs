using System.Globalization;

namespace Proposals.Pipeline.Documents;

/// <summary>The kinds of token <see cref="PdfLexer"/> reads (ISO 32000-2, 7.2 and 7.3).</summary>
public enum PdfTokenKind
{
    End,
    WholeNumber,
    RealNumber,
    Name,
    LiteralString,
    HexString,
    DictionaryStart,
    DictionaryEnd,
    ArrayStart,
    ArrayEnd,
    Keyword,

    /// <summary>Bytes that are no token (an unbalanced <c>)</c>, a lone <c>&gt;</c>): the reader refuses the file.</summary>
    Invalid,
}

/// <summary>One token: its kind, where it starts and ends in the file, and its text for numbers, names and keywords.</summary>
public readonly record struct PdfToken(PdfTokenKind Kind, int Start, int End, string Text)
{
    public bool Is(PdfTokenKind kind, string text) => Kind == kind && Text == text;
}

/// <summary>
/// A tokenizer over raw PDF bytes that never throws and always moves forward, used where PdfPig's repaired view
/// of a file is not enough: to find where a signature dictionary's own <c>/Contents</c> string lies, and to read
/// the incremental updates after a signed revision object by object (<see cref="PdfRevisions"/>). Names and
/// keywords longer than 256 bytes and numbers longer than 32 are cut; a string is skipped to its end.
/// </summary>
public sealed class PdfLexer(byte[] bytes, int start = 0, int end = -1)
{
    private readonly int _end = end < 0 ? bytes.Length : Math.Min(end, bytes.Length);

    public int Position { get; set; } = Math.Clamp(start, 0, bytes.Length);

    public PdfToken Next()
    {
        SkipWhitespaceAndComments();
        if (Position >= _end)
        {
            return new(PdfTokenKind.End, _end, _end, string.Empty);
        }

        var begin = Position;
        var b = bytes[Position];
        switch (b)
        {
            case (byte)'<' when Position + 1 < _end && bytes[Position + 1] == '<':
                Position += 2;
                return new(PdfTokenKind.DictionaryStart, begin, Position, "<<");
            case (byte)'>' when Position + 1 < _end && bytes[Position + 1] == '>':
                Position += 2;
                return new(PdfTokenKind.DictionaryEnd, begin, Position, ">>");
            case (byte)'<':
                var close = Array.IndexOf(bytes, (byte)'>', Position, _end - Position);
                Position = close < 0 ? _end : close + 1;
                return new(close < 0 ? PdfTokenKind.Invalid : PdfTokenKind.HexString, begin, Position, string.Empty);
            case (byte)'(':
                return SkipLiteralString(begin);
            case (byte)'[':
                Position++;
                return new(PdfTokenKind.ArrayStart, begin, Position, "[");
            case (byte)']':
                Position++;
                return new(PdfTokenKind.ArrayEnd, begin, Position, "]");
            case (byte)'/':
                Position++;
                var name = ReadRegular(256);
                return new(PdfTokenKind.Name, begin, Position, name);
            case (byte)')' or (byte)'>' or (byte)'{' or (byte)'}':
                Position++;
                return new(PdfTokenKind.Invalid, begin, Position, string.Empty);
        }

        var text = ReadRegular(256);
        if (text.Length == 0)
        {
            Position++;
            return new(PdfTokenKind.Invalid, begin, Position, string.Empty);
        }

        var isNumber = text.Length <= 32 && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '.') && text.Any(char.IsAsciiDigit);
        return new(isNumber ? text.Contains('.', StringComparison.Ordinal) ? PdfTokenKind.RealNumber : PdfTokenKind.WholeNumber : PdfTokenKind.Keyword, begin, Position, text);
    }

    /// <summary>Skips one whole value (a dictionary or array with everything inside it); false when the bytes end first or hold no value.</summary>
    public bool SkipValue(PdfToken first, int maxDepth = 64)
    {
        var depth = first.Kind is PdfTokenKind.DictionaryStart or PdfTokenKind.ArrayStart ? 1 : 0;
        if (first.Kind is PdfTokenKind.End or PdfTokenKind.Invalid or PdfTokenKind.DictionaryEnd or PdfTokenKind.ArrayEnd)
        {
            return false;
        }

        while (depth > 0)
        {
            var token = Next();
            switch (token.Kind)
            {
                case PdfTokenKind.End or PdfTokenKind.Invalid:
                    return false;
                case PdfTokenKind.DictionaryStart or PdfTokenKind.ArrayStart:
                    if (++depth > maxDepth)
                    {
                        return false;
                    }

                    break;
                case PdfTokenKind.DictionaryEnd or PdfTokenKind.ArrayEnd:
                    depth--;
                    break;
            }
        }

        return true;
    }

    /// <summary>An integer token's value, when it is one and fits.</summary>
    public static long? WholeNumberOf(PdfToken token) =>
        token.Kind == PdfTokenKind.WholeNumber && long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private PdfToken SkipLiteralString(int begin)
    {
        Position++;
        var depth = 1;
        while (Position < _end && depth > 0)
        {
            switch (bytes[Position])
            {
                case (byte)'\\':
                    Position++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    depth--;
                    break;
            }

            Position++;
        }

        return new(depth == 0 ? PdfTokenKind.LiteralString : PdfTokenKind.Invalid, begin, Math.Min(Position, _end), string.Empty);
    }

    private string ReadRegular(int max)
    {
        var begin = Position;
        while (Position < _end && !IsWhitespace(bytes[Position]) && !IsDelimiter(bytes[Position]))
        {
            Position++;
        }

        return System.Text.Encoding.Latin1.GetString(bytes, begin, Math.Min(Position - begin, max));
    }

    private void SkipWhitespaceAndComments()
    {
        while (Position < _end)
        {
            if (IsWhitespace(bytes[Position]))
            {
                Position++;
            }
            else if (bytes[Position] == '%')
            {
                while (Position < _end && bytes[Position] is not ((byte)'\r' or (byte)'\n'))
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

    public static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
}
