using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;

namespace Proposals.Pipeline.Documents;

/// <summary>What a finding is, so each caller can decide what it means for it.</summary>
public enum DocumentFindingKind
{
    /// <summary>Not what it claims to be, or carrying what a hostile file does (script, macros, a zip bomb); intake answers 415.</summary>
    Unsafe,

    /// <summary>A genuine file that breaks a rule of the form (the scan's page limit); intake answers 400.</summary>
    BreaksFormRule,
}

public sealed record DocumentFinding(DocumentFindingKind Kind, FieldError Error);

/// <summary>
/// What the inspection found in one document: nothing (a clean file), or its findings; the scan's pages and whether
/// it carries a digital signature (a cheap look, no cryptography); the Word form's content when it opens.
/// </summary>
public sealed record InspectedDocument(IReadOnlyList<DocumentFinding> Findings, int Pages, bool IsSigned, WordFormContent? Form)
{
    public bool IsClean => Findings.Count == 0;

    /// <summary>Whether the file is safe to go on with (a broken form rule, such as the page limit, is not a danger).</summary>
    public bool IsSafe => Findings.All(f => f.Kind != DocumentFindingKind.Unsafe);

    public IEnumerable<FieldError> Errors => Findings.Select(f => f.Error);
}

/// <summary>
/// The structural checks of a document's bytes, the same on every path (web intake, paper entry, inbound email, and the
/// examination stage for a document that reached storage another way): the PDF starts as one, has sizes a parser may
/// believe (<see cref="PdfPreflight"/>), parses, has a page and carries no script, embedded files or encryption
/// (<see cref="PdfStructure"/>), and keeps to the form's page limit; the DOCX is a ZIP within bounds, holds nothing
/// but a plain document (<see cref="DocumentChecks.CheckDocx"/>) and opens as a Word document. It returns findings;
/// the caller decides what they mean (intake refuses, the examination stage rejects, staff are shown an email's).
/// Hostile bytes make findings, never an exception.
/// </summary>
public static class DocumentInspection
{
    /// <summary>Inspects <paramref name="content"/> as the document of <paramref name="field"/>; <paramref name="name"/> is the sanitised name the messages quote.</summary>
    public static InspectedDocument Inspect(string field, Stream content, string name, int? maxPages)
    {
        var seekable = Seekable(content);
        try
        {
            seekable.Position = 0;
            return field == ProposalFields.SignedScan ? InspectPdf(seekable, name, maxPages) : InspectDocx(seekable, name);
        }
        finally
        {
            if (!ReferenceEquals(seekable, content))
            {
                seekable.Dispose(); // a copy of ours; the caller's stream stays the caller's
            }
        }
    }

    private static InspectedDocument InspectPdf(Stream content, string name, int? maxPages)
    {
        const string Field = ProposalFields.SignedScan;
        var bytes = ReadAll(content);
        if (!DocumentChecks.LooksLikePdf(bytes.AsSpan(0, Math.Min(8, bytes.Length))))
        {
            return Found(DocumentRules.WrongType(Field, name));
        }

        // Sizes a parser would believe are bounded first: a hostile one ends the process, not in an exception.
        if (!PdfPreflight.IsSafeToParse(bytes))
        {
            return Found(new FieldError(Field,
                "Tệp bản quét PDF bị hỏng hoặc không đọc được; hãy quét và lưu lại tệp PDF.",
                "The signed scan PDF is damaged or cannot be read; scan and save it again."));
        }

        var problems = PdfStructure.Check(new MemoryStream(bytes, writable: false), out var pages);
        if (problems.Count > 0)
        {
            return new([.. problems.Select(Unsafe)], pages, false, null);
        }

        var isSigned = PdfSignatures.IsSigned(new MemoryStream(bytes, writable: false));
        return pages > maxPages
            ? new([new(DocumentFindingKind.BreaksFormRule, DocumentRules.TooManyPages(pages, maxPages.Value))], pages, isSigned, null)
            : new([], pages, isSigned, null);
    }

    private static InspectedDocument InspectDocx(Stream content, string name)
    {
        const string Field = ProposalFields.EditableForm;
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (!DocumentChecks.LooksLikeZip(head[..read]))
        {
            return Found(DocumentRules.WrongType(Field, name));
        }

        if (DocumentChecks.ExceedsDocxBounds(Rewound(content)))
        {
            return Found(DocumentRules.TooManyParts(Field, name));
        }

        if (DocumentChecks.CheckDocx(Rewound(content)) is { Count: > 0 } problems)
        {
            return new([.. problems.Select(Unsafe)], 0, false, null);
        }

        return ReadWordForm(Rewound(content));
    }

    /// <summary>
    /// The Word form's content, or the finding that it does not open: the last step of the DOCX's inspection, and
    /// all the examination stage runs on a form intake inspected already (it needs the content for the comparison).
    /// </summary>
    public static InspectedDocument ReadWordForm(Stream seekableDocx) =>
        WordFormReader.TryRead(seekableDocx, DocumentChecks.MaxDocxUncompressedBytes) is { } form
            ? new([], 0, false, form)
            : Found(new FieldError(ProposalFields.EditableForm,
                "Không mở được tệp Word; hãy lưu lại bằng Word dưới dạng .docx rồi gửi lại.",
                "The Word file could not be opened; save it again from Word as .docx and resubmit."));

    private static InspectedDocument Found(FieldError error) => new([new(DocumentFindingKind.Unsafe, error)], 0, false, null);

    private static DocumentFinding Unsafe(DocumentProblem problem) => new(DocumentFindingKind.Unsafe, new FieldError(problem.Field, problem.Vi, problem.En));

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Rewound(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    /// <summary>A seekable stream of the content: ASP.NET Core's buffered form file and a download are one; anything else is copied (bounded by the caller).</summary>
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy;
    }
}
