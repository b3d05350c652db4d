using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// Disarmed copies of accepted documents (content disarm and reconstruction, as Dangerzone does), the copy staff
/// open by default. No PDFium binding with its Linux native library is served to us as a NuGet package, so pages
/// are not rendered to images; they are reconstructed instead:
/// <list type="bullet">
/// <item>PDF: a new document whose every page draws the original page's content stream, with only the fonts,
/// images and other resources it uses, as one form XObject (PDFsharp's <see cref="XPdfForm"/>). The catalog's
/// actions, name trees (scripts, attachments), outlines, forms, annotations (links too: staff see them listed) and
/// the original's revisions and signatures are left behind.</item>
/// <item>DOCX: the text of every paragraph and the cells of every table written into a new plain document: no
/// fields, relationships, pictures, headers, custom XML or properties come across.</item>
/// </list>
/// A file the reconstruction cannot read gets no copy (null): staff are told and open the original knowingly.
/// </summary>
public static class SafeCopies
{
    public static byte[]? Pdf(byte[] original)
    {
        try
        {
            using var source = XPdfForm.FromStream(new MemoryStream(original, writable: false));
            using var copy = new PdfDocument();
            copy.Info.Title = "Bản an toàn (safe copy)";
            copy.Info.Creator = "Proposals safe copy";
            for (var number = 1; number <= source.PageCount; number++)
            {
                source.PageNumber = number;
                var page = copy.AddPage();
                page.Width = XUnit.FromPoint(source.PointWidth);
                page.Height = XUnit.FromPoint(source.PointHeight);
                using var graphics = XGraphics.FromPdfPage(page);
                graphics.DrawImage(source, 0, 0, source.PointWidth, source.PointHeight);
            }

            using var output = new MemoryStream();
            copy.Save(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PDFsharp reports what it cannot read through several exception types; there is simply no copy then.
            return null;
        }
    }

    public static byte[]? Docx(byte[] original)
    {
        try
        {
            using var bytes = PackageSource.Writable(original); // a read-only stream would cost a temporary file (issue 23)
            using var source = WordprocessingDocument.Open(bytes, isEditable: false,
                new OpenSettings { AutoSave = false, MaxCharactersInPart = Proposals.Domain.Documents.DocumentChecks.MaxDocxUncompressedBytes });
            var body = source.MainDocumentPart?.Document?.Body;
            using var output = new MemoryStream();
            using (var copy = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
            {
                var main = copy.AddMainDocumentPart();
                var elements = new List<OpenXmlElement>();
                foreach (var element in body?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                {
                    switch (element)
                    {
                        case W.Paragraph paragraph:
                            elements.Add(Paragraph(paragraph));
                            break;
                        case W.Table table:
                            elements.Add(Table(table));
                            elements.Add(new W.Paragraph());
                            break;
                        case W.SdtBlock block:
                            elements.AddRange(block.Descendants<W.Paragraph>().Select(Paragraph));
                            break;
                    }
                }

                main.Document = new W.Document(new W.Body(elements));
            }

            return output.ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The paragraph's visible text, one plain run (tabs and breaks kept as text).</summary>
    private static W.Paragraph Paragraph(W.Paragraph paragraph)
    {
        var text = string.Concat(paragraph.Descendants().Select(d => d switch
        {
            W.Text t when t.Parent is W.Run { Parent: not W.DeletedRun } => t.Text,
            W.TabChar => "\t",
            W.Break => "\n",
            _ => string.Empty,
        }));
        var lines = text.Split('\n');
        var run = new W.Run();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new W.Break());
            }

            run.Append(new W.Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return new W.Paragraph(run);
    }

    private static W.Table Table(W.Table table)
    {
        var border = new W.TableBorders(
            new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
            new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 });
        var copy = new W.Table(new W.TableProperties(border));
        foreach (var row in table.Elements<W.TableRow>())
        {
            var cells = row.Elements<W.TableCell>().Select(cell =>
            {
                var paragraphs = cell.Elements<W.Paragraph>().Select(Paragraph).ToList();
                return new W.TableCell(paragraphs.Count > 0 ? paragraphs : [new W.Paragraph()]);
            });
            copy.Append(new W.TableRow(cells));
        }

        return copy;
    }
}
