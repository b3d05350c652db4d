using Proposals.Domain.Documents;

namespace Proposals.Pipeline.Documents;

/// <summary>What the deep check of a PDF found: the problems that refuse it, its pages, and the web links staff are shown.</summary>
public sealed record PdfInspection(IReadOnlyList<DocumentProblem> Problems, int Pages, IReadOnlyList<string> Links);

/// <summary>
/// The deep check of the signed scan, by an allowlist of what a plain PDF does (a scanner's, a printer
/// driver's, Word's "Save as PDF"), judged on the document a PDF reader would show (<see cref="PdfFile"/>):
/// <list type="bullet">
/// <item>the only action allowed anywhere (on open, on page events, in annotations, bookmarks, form fields) is
/// <c>GoTo</c>, a jump within the document; a <c>URI</c> action is allowed only as the click of a link
/// annotation to a web or mail address, and such links are listed for staff;</item>
/// <item>no stream is reachable through <c>/EF</c>, <c>/AF</c>, rich media, Screen or Rendition, 3D or XFA,
/// whatever its <c>/Type</c> claims, and no script (<c>/JS</c>, the <c>/JavaScript</c> name tree);</item>
/// <item>not encrypted (staff could not open it);</item>
/// <item>every object the reader uses reads the same whether the cross-reference chain is followed or the file
/// is repaired (the last definition in the file wins, as in PdfPig): otherwise two readers show two documents.</item>
/// </list>
/// A file it cannot read is refused as damaged. Nothing here throws on hostile bytes.
/// </summary>
public static class PdfStructure
{
    private const string Field = "signedScan";

    /// <summary>How many values one check visits at most: far above any real scan, far below a slow check.</summary>
    public const int MaxVisited = 2_000_000;

    private const int MaxPageTreeDepth = 64;

    private static readonly HashSet<string> ActionTypes = new(StringComparer.Ordinal)
    {
        "GoTo", "GoToR", "GoToE", "GoToDp", "Launch", "Thread", "URI", "Sound", "Movie", "Hide", "Named", "SubmitForm", "ResetForm",
        "ImportData", "JavaScript", "SetOCGState", "Rendition", "Trans", "GoTo3DView", "RichMediaExecute", "ECMAScript",
    };

    /// <summary>Keys through which a stream or a program is attached; none is needed by a page.</summary>
    private static readonly HashSet<string> EmbeddingKeys = new(StringComparer.Ordinal)
    {
        "EF", "AF", "RF", "EmbeddedFiles", "RichMediaContent", "RichMediaSettings", "3DD", "XFA", "Collection", "Renditions", "AlternatePresentations",
    };

    private static readonly HashSet<string> EmbeddingTypes = new(StringComparer.Ordinal)
    {
        "EmbeddedFile", "Rendition", "MediaClip", "MediaPlayers", "RichMediaContent", "RichMediaInstance", "3DView", "3DRef",
    };

    private static readonly HashSet<string> EmbeddingSubtypes = new(StringComparer.Ordinal)
    {
        "Screen", "RichMedia", "3D", "U3D", "PRC", "Movie", "Sound", "FileAttachment",
    };

    /// <summary>Empty when the PDF opens, has a page and carries only what the allowlist names; otherwise the problems to show the enterprise.</summary>
    public static IReadOnlyList<DocumentProblem> Check(Stream pdf) => Inspect(pdf).Problems;

    /// <summary>The same, with the number of pages (0 when it does not open).</summary>
    public static IReadOnlyList<DocumentProblem> Check(Stream pdf, out int pages)
    {
        var inspection = Inspect(pdf);
        pages = inspection.Pages;
        return inspection.Problems;
    }

    public static PdfInspection Inspect(Stream pdf)
    {
        using var copy = new MemoryStream();
        pdf.CopyTo(copy);
        return Inspect(copy.ToArray());
    }

    public static PdfInspection Inspect(byte[] pdf)
    {
        try
        {
            return InspectOrThrow(pdf);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only PdfFormatException is expected; anything else is a bug the fuzz target (bench/Proposals.Fuzz)
            // hunts for, and the file is still refused rather than answered with a 500.
            return new([Damaged()], 0, []);
        }
    }

    /// <summary>The check with the reader's unexpected exceptions let through: for the fuzz target, which treats any as a crash.</summary>
    public static PdfInspection InspectOrThrow(byte[] pdf)
    {
        PdfFile file;
        try
        {
            file = PdfFile.Open(pdf);
        }
        catch (PdfFormatException)
        {
            return new([Damaged()], 0, []);
        }

        try
        {
            if (file.Trailer.Get("Encrypt") is not (null or PdfNull))
            {
                return new([Encrypted()], 0, []);
            }

            var walk = new Walk(file);
            walk.Run();
            var pages = CountPages(file);
            var problems = walk.Problems.ToList();
            if (problems.Count == 0 && pages == 0)
            {
                problems.Add(new(Field, "Tệp bản quét PDF không có trang nào.", "The signed scan PDF has no pages."));
            }

            return new(problems, pages, walk.Links);
        }
        catch (PdfFormatException)
        {
            return new([Damaged()], 0, []);
        }
    }

    private static int CountPages(PdfFile file)
    {
        var catalog = file.Resolve((PdfReference)file.Trailer.Get("Root")!) as PdfDict;
        var visited = new HashSet<int>();
        return Count(catalog?.Get("Pages"), 0);

        int Count(object? node, int depth)
        {
            if (depth > MaxPageTreeDepth || (node is PdfReference r && !visited.Add(r.Number)))
            {
                throw new PdfFormatException("page tree loops or is too deep");
            }

            if (file.Deref(node) is not PdfDict dictionary)
            {
                return 0;
            }

            return file.Deref(dictionary.Get("Kids")) is PdfArray kids
                ? kids.Items.Sum(kid => Count(kid, depth + 1))
                : dictionary.Get("Type") is PdfName { Value: "Page" } ? 1 : 0;
        }
    }

    /// <summary>Every value reachable from the catalog, once, with the rules applied to each dictionary.</summary>
    private sealed class Walk(PdfFile file)
    {
        private readonly HashSet<(int, Trigger)> _visited = [];
        private readonly HashSet<int> _compared = [];
        private readonly HashSet<PdfDict> _linkActions = new(ReferenceEqualityComparer.Instance);
        private readonly SortedDictionary<string, DocumentProblem> _problems = new(StringComparer.Ordinal);
        private readonly List<string> _links = [];

        public IEnumerable<DocumentProblem> Problems => _problems.Values;

        public IReadOnlyList<string> Links => _links;

        public void Run()
        {
            var root = (PdfReference)file.Trailer.Get("Root")!;
            if (file.TrailerRoots.Any(r => r.Number != root.Number))
            {
                Add(Ambiguous("catalog", "danh mục gốc (catalog)"));
            }

            var pending = new Stack<(object? Value, Trigger Trigger)>();
            pending.Push((root, Trigger.Other));
            var visits = 0;
            while (pending.TryPop(out var item))
            {
                if (++visits > MaxVisited)
                {
                    throw new PdfFormatException("too much to look at");
                }

                var value = item.Value;
                if (value is PdfReference reference)
                {
                    // Once per way it is triggered: a URI action shared by a link and /OpenAction is judged for both.
                    if (!_visited.Add((reference.Number, item.Trigger)))
                    {
                        continue;
                    }

                    value = file.Resolve(reference);
                    if (_compared.Add(reference.Number) && !Same(value, file.ResolveAsRepaired(reference.Number), 0))
                    {
                        Add(Ambiguous(DescribeObject(value)));
                    }
                }

                switch (value)
                {
                    case PdfStreamObject stream:
                        Inspect(stream.Dictionary, item.Trigger, pending);
                        break;
                    case PdfDict dictionary:
                        Inspect(dictionary, item.Trigger, pending);
                        break;
                    case PdfArray array:
                        foreach (var element in array.Items)
                        {
                            pending.Push((element, item.Trigger));
                        }

                        break;
                }
            }
        }

        private void Inspect(PdfDict dictionary, Trigger trigger, Stack<(object?, Trigger)> pending)
        {
            var type = (dictionary.Get("Type") as PdfName)?.Value;
            var subtype = (dictionary.Get("Subtype") as PdfName)?.Value;
            var action = (dictionary.Get("S") as PdfName)?.Value;
            var isAction = type == "Action" || (action is not null && ActionTypes.Contains(action));
            if (isAction)
            {
                JudgeAction(dictionary, action ?? "?", trigger);
            }
            else if (dictionary.Entries.ContainsKey("JS"))
            {
                Add(Script()); // script outside an action: no reader should be handed it
            }

            if (dictionary.Entries.Keys.Any(EmbeddingKeys.Contains) || (type is not null && EmbeddingTypes.Contains(type))
                || (subtype is not null && EmbeddingSubtypes.Contains(subtype)))
            {
                Add(Embedded());
            }

            if (subtype == "Link" && file.Deref(dictionary.Get("A")) is PdfDict click
                && click.Get("S") is PdfName { Value: "URI" } && click.Get("Next") is null)
            {
                var uri = (file.Deref(click.Get("URI")) as PdfString)?.Text ?? string.Empty;
                _linkActions.Add(click);
                if (!IsWebOrMail(uri))
                {
                    Add(LinkToFile());
                }
                else if (_links.Count < 50 && !_links.Contains(uri, StringComparer.Ordinal))
                {
                    _links.Add(uri.Length > 500 ? uri[..500] : uri);
                }
            }

            // The trigger travels from /OpenAction and /AA into the actions they run (and their /Next), not further:
            // a page reached from an open action is an ordinary page again.
            foreach (var (key, value) in dictionary.Entries)
            {
                var next = key switch
                {
                    "OpenAction" => Trigger.Open,
                    "JavaScript" => Trigger.Open, // the document-level scripts of the /Names tree run when the file opens
                    "AA" => Trigger.Event,
                    "A" => subtype is not null || trigger == Trigger.Other ? Trigger.Click : trigger,
                    "Next" => trigger == Trigger.Other ? Trigger.Click : trigger,
                    _ when trigger is Trigger.Event or Trigger.Open && !isAction && type is null => trigger, // an /AA dictionary, a name tree
                    _ => Trigger.Other,
                };
                pending.Push((value, next));
            }
        }

        private void JudgeAction(PdfDict action, string kind, Trigger trigger)
        {
            if (kind == "GoTo" || (kind == "URI" && trigger == Trigger.Click && _linkActions.Contains(action)))
            {
                return;
            }

            var (whenVi, whenEn) = trigger switch
            {
                Trigger.Open => ("khi mở tệp", "when the file opens"),
                Trigger.Event => ("khi mở trang hoặc khi có sự kiện", "when a page opens or on an event"),
                _ => ("khi bấm vào liên kết, dấu trang hoặc ô biểu mẫu", "when a link, bookmark or form field is clicked"),
            };
            var what = kind switch
            {
                "JavaScript" or "ECMAScript" => ("mã lệnh JavaScript", "JavaScript"),
                "Launch" => ("lệnh mở chương trình khác (Launch)", "a command that launches a program (Launch)"),
                "GoToR" or "GoToE" or "GoToDp" => ($"lệnh mở tệp khác hoặc thư mục mạng ({kind})", $"a jump to another file or network location ({kind})"),
                "URI" => ("lệnh mở địa chỉ web hoặc tệp (URI)", "an address opened by itself, not by clicking a web link (URI)"),
                "SubmitForm" or "ImportData" => ($"lệnh gửi hoặc nhập dữ liệu biểu mẫu ({kind})", $"a command that sends or imports form data ({kind})"),
                _ => ($"hành động {kind}", $"the action {kind}"),
            };
            Add(new(Field,
                $"Bản quét PDF chứa {what.Item1} chạy {whenVi}. Chỉ chấp nhận liên kết trong tài liệu và liên kết web bấm chuột. Hãy quét lại từ bản giấy, hoặc in tệp ra PDF (Microsoft Print to PDF), rồi gửi tệp mới.",
                $"The signed scan PDF contains {what.Item2} that runs {whenEn}. Only jumps within the document and clicked web links are accepted. Scan the paper again, or print the file to PDF (Microsoft Print to PDF), and send the new file."));
        }

        private void Add(DocumentProblem problem) => _problems.TryAdd(problem.En, problem);

        private static string DescribeObject(object? value)
        {
            var dictionary = value switch
            {
                PdfDict d => d,
                PdfStreamObject s => s.Dictionary,
                _ => null,
            };
            return (dictionary?.Get("Type") as PdfName)?.Value switch
            {
                "Catalog" => "catalog",
                "Pages" or "Page" => "page",
                "Action" => "action",
                "Annot" => "annotation",
                _ => dictionary?.Get("S") is PdfName { Value: var s } && ActionTypes.Contains(s) ? "action" : "object",
            };
        }

        private static DocumentProblem Ambiguous(string what, string? whatVi = null) => new(Field,
            $"Các phần cập nhật của tệp PDF mâu thuẫn nhau về một {whatVi ?? what switch { "page" => "trang", "action" => "hành động", "annotation" => "chú thích", _ => "đối tượng" }}: mỗi trình đọc sẽ hiện một tài liệu khác. Hãy in tệp ra PDF mới (Microsoft Print to PDF) hoặc quét lại từ bản giấy, rồi gửi tệp mới.",
            $"The PDF's revisions disagree about its {what}: different readers would show different documents. Print the file to a new PDF (Microsoft Print to PDF) or scan the paper again, and send the new file.");

        /// <summary>Whether two readings of an object are the same value; streams by their dictionaries (a page's drawing is not judged).</summary>
        private static bool Same(object? a, object? b, int depth)
        {
            if (depth > PdfFile.MaxNesting)
            {
                return false;
            }

            return (a, b) switch
            {
                (null or PdfNull, null or PdfNull) => true,
                (long x, long y) => x == y,
                (double x, double y) => x.Equals(y),
                (bool x, bool y) => x == y,
                (PdfName x, PdfName y) => x.Value == y.Value,
                (PdfString x, PdfString y) => x.Bytes.AsSpan().SequenceEqual(y.Bytes),
                (PdfReference x, PdfReference y) => x.Number == y.Number,
                (PdfArray x, PdfArray y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second, depth + 1)),
                (PdfDict x, PdfDict y) => x.Entries.Count == y.Entries.Count
                    && x.Entries.All(e => y.Entries.TryGetValue(e.Key, out var other) && Same(e.Value, other, depth + 1)),
                (PdfStreamObject x, PdfStreamObject y) => Same(x.Dictionary, y.Dictionary, depth + 1),
                _ => false,
            };
        }
    }

    private static bool IsWebOrMail(string uri) =>
        uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || uri.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private enum Trigger
    {
        Other,
        Open,
        Event,
        Click,
    }

    private static DocumentProblem LinkToFile() => new(Field,
        "Bản quét PDF có liên kết tới một tệp hoặc thư mục mạng (không phải trang web). Hãy xoá liên kết đó, hoặc in tệp ra PDF (Microsoft Print to PDF), rồi gửi tệp mới.",
        "The signed scan PDF links to a file or network location rather than a web page. Remove that link, or print the file to PDF (Microsoft Print to PDF), and send the new file.");

    private static DocumentProblem Damaged() => new(Field,
        "Tệp bản quét PDF bị hỏng hoặc không đọc được; hãy quét và lưu lại tệp PDF.",
        "The signed scan PDF is damaged or cannot be read; scan and save it again.");

    private static DocumentProblem Script() => new(Field,
        "Bản quét PDF chứa mã lệnh (JavaScript). Hãy quét lại từ bản giấy, hoặc in tệp ra PDF (Microsoft Print to PDF), rồi gửi tệp mới.",
        "The signed scan PDF contains script (JavaScript). Scan the paper again, or print the file to PDF (Microsoft Print to PDF), and send the new file.");

    private static DocumentProblem Embedded() => new(Field,
        "Bản quét PDF chứa tệp đính kèm, nội dung đa phương tiện, mô hình 3D hoặc biểu mẫu XFA. Hãy quét lại từ bản giấy, hoặc in tệp ra PDF (Microsoft Print to PDF), rồi gửi tệp mới.",
        "The signed scan PDF contains attached files, rich media, 3D content or an XFA form. Scan the paper again, or print the file to PDF (Microsoft Print to PDF), and send the new file.");

    private static DocumentProblem Encrypted() => new(Field,
        "Bản quét PDF được đặt mật khẩu hoặc mã hoá nên cán bộ không mở được. Hãy lưu lại bản không có mật khẩu rồi gửi lại.",
        "The signed scan PDF is password-protected or encrypted, so staff could not open it. Save a copy without a password and send it again.");
}
