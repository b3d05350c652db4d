namespace Proposals.Pipeline.Documents;

/// <summary>
/// A pass over the raw bytes before PdfPig parses them. PdfPig believes the sizes a file states: a cross-reference
/// stream whose <c>/Index</c> claims 10^29 entries made the fuzz test's host process spin and die, where no
/// exception can be caught. So every count and size a parser allocates or loops by (<c>/Index</c>, <c>/W</c>,
/// <c>/Size</c>, <c>/N</c>, <c>/First</c>, <c>/Count</c>, <c>/Length</c>, <c>/Prev</c>) must be a whole number no
/// larger than the file can hold; a file that states more is refused as damaged before any parser sees it.
/// </summary>
public static class PdfPreflight
{
    private static readonly HashSet<string> SizeKeys = new(StringComparer.Ordinal) { "Index", "W", "Size", "N", "First", "Count", "Length", "Prev", "XRefStm" };
    private static readonly byte[] EndStream = "endstream"u8.ToArray();

    /// <summary>Whether every stated size is within bounds (at most the file's length, or 10 million objects).</summary>
    public static bool IsSafeToParse(byte[] pdf)
    {
        var limit = Math.Max(pdf.Length, 10_000_000L);
        var lexer = new PdfLexer(pdf);
        var previous = default(PdfToken);
        while (true)
        {
            var token = lexer.Next();
            if (token.Kind == PdfTokenKind.End)
            {
                return true;
            }

            if (token.Is(PdfTokenKind.Keyword, "stream"))
            {
                var end = pdf.AsSpan(lexer.Position).IndexOf(EndStream);
                lexer.Position = end < 0 ? pdf.Length : lexer.Position + end + EndStream.Length;
            }
            else if (previous.Kind == PdfTokenKind.Name && SizeKeys.Contains(previous.Text))
            {
                if (token.Kind == PdfTokenKind.ArrayStart)
                {
                    PdfToken item;
                    var count = 0;
                    while ((item = lexer.Next()).Kind is PdfTokenKind.WholeNumber or PdfTokenKind.RealNumber)
                    {
                        if (!WithinBounds(item, limit) || ++count > 100_000)
                        {
                            return false;
                        }
                    }
                }
                else if (token.Kind is PdfTokenKind.WholeNumber or PdfTokenKind.RealNumber && !WithinBounds(token, limit))
                {
                    return false;
                }
            }

            previous = token;
        }
    }

    private static bool WithinBounds(PdfToken number, long limit) =>
        PdfLexer.WholeNumberOf(number) is { } value ? value >= 0 && value <= limit : number.Kind == PdfTokenKind.RealNumber && number.Text.Length <= 16;
}
