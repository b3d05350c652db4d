using Proposals.Domain.Documents;
using UglyToad.PdfPig;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// The deep check of the signed scan: <see cref="DocumentChecks.CheckPdf"/> only looks at the magic
/// bytes, so a file that starts with <c>%PDF-</c> and is otherwise garbage would pass it. Here a real
/// parser (PdfPig) must open the file and find at least one page, as the staff's reader will have to.
/// </summary>
public static class PdfStructure
{
    private const string Field = "signedScan";

    /// <summary>Null when the PDF opens and has a page; otherwise the problem to show the enterprise.</summary>
    public static DocumentProblem? Check(Stream pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            return document.NumberOfPages > 0
                ? null
                : new(Field, "Tệp bản quét PDF không có trang nào.", "The signed scan PDF has no pages.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file through many exception types (PdfDocumentFormatException,
            // InvalidOperationException, ArgumentException...); to the enterprise they all mean the same.
            return new(Field,
                "Tệp bản quét PDF bị hỏng hoặc không đọc được; hãy quét và lưu lại tệp PDF.",
                "The signed scan PDF is damaged or cannot be read; scan and save it again.");
        }
    }
}
