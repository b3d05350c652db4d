using System.Globalization;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;

namespace Proposals.Domain.Documents;

/// <summary>Why a document is refused before its bytes are looked at; the answer's status follows from it.</summary>
public enum DocumentRefusal
{
    None,

    /// <summary>Not attached (400).</summary>
    Missing,

    /// <summary>Over the size limit (413).</summary>
    TooLarge,

    /// <summary>Not of the kind asked for (415).</summary>
    WrongType,
}

/// <summary>
/// The two attachments, their names and the messages about them: what intake checks from a file's name and
/// size, and, with the same words, what web/rules.js checks in the browser (kept equal by the shared table of
/// cases). The checks of the bytes themselves are <see cref="DocumentChecks"/>.
/// </summary>
public static class DocumentRules
{
    public static IReadOnlyList<string> Fields { get; } = [ProposalFields.SignedScan, ProposalFields.EditableForm];

    public static string Extension(string field) => field == ProposalFields.SignedScan ? ".pdf" : ".docx";

    /// <summary>The document's name inside a sentence, Vietnamese and English.</summary>
    public static (string Vi, string En) Label(string field) => field == ProposalFields.SignedScan
        ? ("bản quét có chữ ký, đóng dấu (PDF)", "signed scan (PDF)")
        : ("tệp Word của phiếu đề xuất (.docx)", "editable form (.docx)");

    /// <summary>What can be told from the file's name and size; <paramref name="length"/> 0 is no file.</summary>
    public static (DocumentRefusal Refusal, FieldError? Error) Check(string field, string? fileName, long length, long maxBytes)
    {
        var (vi, en) = Label(field);
        if (length <= 0)
        {
            return (DocumentRefusal.Missing, new(field, $"Vui lòng đính kèm {vi}.", $"Please attach the {en}."));
        }

        if (length > maxBytes)
        {
            return (DocumentRefusal.TooLarge, new(field,
                $"{UpperFirst(vi)}: tệp quá lớn ({Megabytes(length)}); tối đa {Megabytes(maxBytes)}.",
                $"The {en}: the file is too large ({Megabytes(length)}); at most {Megabytes(maxBytes)}."));
        }

        return fileName is not null && fileName.EndsWith(Extension(field), StringComparison.OrdinalIgnoreCase)
            ? (DocumentRefusal.None, null)
            : (DocumentRefusal.WrongType, WrongType(field, fileName ?? string.Empty));
    }

    /// <summary>A file that is not what its kind must be (its name, or its bytes).</summary>
    public static FieldError WrongType(string field, string name)
    {
        var (vi, en) = Label(field);
        var extension = Extension(field);
        return new(field,
            $"{UpperFirst(vi)}: chỉ nhận tệp {extension} đúng định dạng (tệp \"{name}\" không phải).",
            $"The {en}: only a genuine {extension} file is accepted (\"{name}\" is not).");
    }

    public static FieldError TooManyParts(string field, string name)
    {
        var (vi, en) = Label(field);
        return new(field,
            $"{UpperFirst(vi)}: tệp giải nén quá lớn hoặc có quá nhiều thành phần (tệp \"{name}\").",
            $"The {en}: the file is too large once uncompressed or has too many parts (\"{name}\").");
    }

    /// <summary>The signed scan is the form itself, which has a set number of pages; a longer scan holds something else.</summary>
    public static FieldError TooManyPages(int pages, int maxPages) => new(ProposalFields.SignedScan,
        $"Bản quét có {pages} trang; phiếu đề xuất tối đa {maxPages} trang A4. Hãy chỉ quét phiếu đề xuất đã ký, đóng dấu.",
        $"The scan has {pages} pages; the proposal form has at most {maxPages} A4 pages. Scan only the signed and stamped form.");

    public static string Megabytes(long bytes) =>
        (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    private static string UpperFirst(string text) => char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
