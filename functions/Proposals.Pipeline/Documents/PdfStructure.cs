using Proposals.Domain.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// The deep check of the signed scan. <see cref="DocumentChecks.CheckPdf"/> only looks at the magic bytes,
/// so a file that starts with <c>%PDF-</c> and is otherwise garbage would pass it. Here a real parser
/// (PdfPig) must open the file and find a page, as the staff's reader will have to, and every object of it
/// is looked at for what a hostile PDF uses (OWASP File Upload): script (<c>/JavaScript</c>, <c>/JS</c>, so an
/// <c>/OpenAction</c> or <c>/AA</c> that runs one), <c>/Launch</c>, embedded files, rich media, XFA forms, and
/// encryption, which would keep staff from opening it. Object streams are parsed too, so nothing hides in
/// compressed objects. A scanner's or a printer driver's PDF has none of these.
/// </summary>
public static class PdfStructure
{
    private const string Field = "signedScan";

    /// <summary>Keys and name values that mean active content; a <c>/GoTo</c> open action (common) is not one.</summary>
    private static readonly HashSet<string> ScriptNames = new(StringComparer.Ordinal) { "JavaScript", "JS", "Launch" };

    private static readonly HashSet<string> EmbeddedNames = new(StringComparer.Ordinal)
    {
        "EmbeddedFiles", "EmbeddedFile", "FileAttachment", "RichMedia", "RichMediaContent", "XFA",
    };

    /// <summary>Empty when the PDF opens, has a page and carries nothing active; otherwise the problems to show the enterprise.</summary>
    public static IReadOnlyList<DocumentProblem> Check(Stream pdf) => Check(pdf, out _);

    /// <summary>The same, with the number of pages (0 when it does not open).</summary>
    public static IReadOnlyList<DocumentProblem> Check(Stream pdf, out int pages)
    {
        pages = 0;
        try
        {
            using var document = PdfDocument.Open(pdf);
            pages = document.NumberOfPages;
            if (document.IsEncrypted)
            {
                return [Encrypted()];
            }

            if (document.NumberOfPages == 0)
            {
                return [new(Field, "Tệp bản quét PDF không có trang nào.", "The signed scan PDF has no pages.")];
            }

            var (script, embedded) = (false, false);
            foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
            {
                var token = document.Structure.GetObject(reference)?.Data;
                Visit(token, ref script, ref embedded);
            }

            return [.. script ? [Script()] : Array.Empty<DocumentProblem>(), .. embedded ? [Embedded()] : Array.Empty<DocumentProblem>()];
        }
        catch (Exception e) when (e.GetType().Name.Contains("Encrypt", StringComparison.Ordinal))
        {
            return [Encrypted()]; // PdfPig refuses a file it cannot decrypt without a password
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file through many exception types (PdfDocumentFormatException,
            // InvalidOperationException, ArgumentException...); to the enterprise they all mean the same.
            return [new(Field,
                "Tệp bản quét PDF bị hỏng hoặc không đọc được; hãy quét và lưu lại tệp PDF.",
                "The signed scan PDF is damaged or cannot be read; scan and save it again.")];
        }
    }

    /// <summary>One object's tokens, depth first; references are not followed (every object is visited on its own).</summary>
    private static void Visit(IToken? token, ref bool script, ref bool embedded, int depth = 0)
    {
        if (token is null || depth > 64)
        {
            return;
        }

        switch (token)
        {
            case StreamToken stream:
                Visit(stream.StreamDictionary, ref script, ref embedded, depth + 1);
                break;
            case DictionaryToken dictionary:
                foreach (var (key, value) in dictionary.Data)
                {
                    script |= ScriptNames.Contains(key);
                    embedded |= EmbeddedNames.Contains(key);
                    Visit(value, ref script, ref embedded, depth + 1);
                }

                break;
            case ArrayToken array:
                foreach (var item in array.Data)
                {
                    Visit(item, ref script, ref embedded, depth + 1);
                }

                break;
            case NameToken name:
                script |= ScriptNames.Contains(name.Data);
                embedded |= EmbeddedNames.Contains(name.Data);
                break;
        }
    }

    private static DocumentProblem Script() => new(Field,
        "Bản quét PDF chứa mã lệnh (JavaScript) hoặc lệnh mở chương trình khác. Hãy quét lại từ bản giấy, hoặc in tệp ra PDF (Microsoft Print to PDF), rồi gửi tệp mới.",
        "The signed scan PDF contains script (JavaScript) or a command that launches a program. Scan the paper again, or print the file to PDF (Microsoft Print to PDF), and send the new file.");

    private static DocumentProblem Embedded() => new(Field,
        "Bản quét PDF chứa tệp đính kèm, nội dung đa phương tiện hoặc biểu mẫu XFA. Hãy quét lại từ bản giấy, hoặc in tệp ra PDF (Microsoft Print to PDF), rồi gửi tệp mới.",
        "The signed scan PDF contains attached files, rich media or an XFA form. Scan the paper again, or print the file to PDF (Microsoft Print to PDF), and send the new file.");

    private static DocumentProblem Encrypted() => new(Field,
        "Bản quét PDF được đặt mật khẩu hoặc mã hoá nên cán bộ không mở được. Hãy lưu lại bản không có mật khẩu rồi gửi lại.",
        "The signed scan PDF is password-protected or encrypted, so staff could not open it. Save a copy without a password and send it again.");
}
