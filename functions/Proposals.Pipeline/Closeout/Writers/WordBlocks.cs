using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Pipeline.Documents;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// Small builders for the Word report's paragraphs, tables and pictures. Every piece of text passes
/// through <see cref="DocxText.Clean"/>, so no caller can put an invalid XML character in the file.
/// </summary>
internal static class WordBlocks
{
    public const int BodySize = Nd30Word.BodySize;
    public const string ListTableStyle = "ProposalList";

    /// <summary>A4 and NĐ30's margins (<see cref="Nd30Word"/>); the report's right margin is 15 mm.</summary>
    public const int A4Short = Nd30Word.A4Short, A4Long = Nd30Word.A4Long;
    public const int MarginTop = Nd30Word.MarginTop, MarginBottom = Nd30Word.MarginBottom, MarginLeft = Nd30Word.MarginLeft, MarginRight = 851;

    public static Run Text(string? text, bool bold = false, bool italic = false, int? size = null)
    {
        var properties = Nd30Word.Format(bold, italic, size);
        var run = new Run();
        if (properties.HasChildren)
        {
            run.Append(properties);
        }

        run.Append(TextOf(text));
        return run;
    }

    /// <summary>xml:space="preserve" only where spaces at the ends would otherwise be lost: it is 21 bytes a cell.</summary>
    public static Text TextOf(string? text)
    {
        var cleaned = DocxText.Clean(text);
        var element = new Text(cleaned);
        if (cleaned.Length > 0 && (char.IsWhiteSpace(cleaned[0]) || char.IsWhiteSpace(cleaned[^1])))
        {
            element.Space = SpaceProcessingModeValues.Preserve;
        }

        return element;
    }

    public static Paragraph Centered(params Run[] runs) => Para(JustificationValues.Center, null, runs);

    /// <summary>A body paragraph as NĐ30 sets it: justified, first line indented 1 cm, 6 pt after.</summary>
    public static Paragraph Body(params Run[] runs) => Para(JustificationValues.Both, 567, runs);

    public static Paragraph Para(JustificationValues justification, int? firstLineIndent, params OpenXmlElement[] content)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = "0", After = "120" },
            new Justification { Val = justification });
        if (firstLineIndent is { } indent)
        {
            properties.InsertBefore(new Indentation { FirstLine = indent.ToString(System.Globalization.CultureInfo.InvariantCulture) }, properties.GetFirstChild<Justification>());
        }

        var paragraph = new Paragraph(properties);
        paragraph.Append(content);
        return paragraph;
    }

    /// <summary>A line of a block NĐ30 sets single-spaced with no space between its lines: letterhead, addressees, signer.</summary>
    public static Paragraph Line(JustificationValues justification, params Run[] runs)
    {
        var paragraph = Para(justification, null, runs);
        paragraph.ParagraphProperties!.SpacingBetweenLines!.After = "0";
        return paragraph;
    }

    public static Paragraph HeaderLine(params Run[] runs) => Line(JustificationValues.Center, runs);

    /// <summary>NĐ30's short rule (<see cref="Nd30Word.Rule"/>), 6 pt above what follows.</summary>
    public static Paragraph Rule(int textWidth, int ruleWidth) => Nd30Word.Rule(textWidth, ruleWidth, spacingAfter: 120);

    /// <summary>The two headers every section points to: the page number, and an empty one for its first page.</summary>
    public sealed record PageHeaders(string PageNumberId, string EmptyFirstPageId);

    /// <summary>
    /// NĐ30 numbers pages in the middle of the top margin, in the body's 13 pt, and shows no number on the
    /// first page: a header with a PAGE field (Word and LibreOffice compute it on every page, so it
    /// carries no cached number), and an empty header for the first page (titlePg).
    /// </summary>
    public static PageHeaders AddPageHeaders(MainDocumentPart main)
    {
        var numbered = main.AddNewPart<HeaderPart>();
        numbered.Header = new Header(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        numbered.Header.Save();
        var empty = main.AddNewPart<HeaderPart>();
        empty.Header = new Header(new Paragraph());
        empty.Header.Save();
        return new(main.GetIdOfPart(numbered), main.GetIdOfPart(empty));
    }

    /// <summary>A paragraph that ends a portrait section; what follows starts on a new page.</summary>
    public static Paragraph SectionBreak(PageHeaders headers) =>
        new(new ParagraphProperties(Section(landscape: false, headers, restartNumbering: false)));

    /// <summary>
    /// A4 with NĐ30's margins, the page headers, and no number on the section's first page.
    /// <paramref name="restartNumbering"/> starts the section at page 1: NĐ30 numbers an appendix on its own.
    /// </summary>
    public static SectionProperties Section(bool landscape, PageHeaders headers, bool restartNumbering)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var section = new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = headers.PageNumberId },
            new HeaderReference { Type = HeaderFooterValues.First, Id = headers.EmptyFirstPageId },
            new PageSize
            {
                Width = (uint)(landscape ? A4Long : A4Short),
                Height = (uint)(landscape ? A4Short : A4Long),
                Orient = landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait,
            },
            new PageMargin
            {
                Top = MarginTop, Bottom = MarginBottom, Left = (uint)MarginLeft, Right = (uint)MarginRight,
                Header = 567, Footer = 567, Gutter = 0,
            });
        if (restartNumbering)
        {
            section.Append(new PageNumberType { Start = 1 });
        }

        section.Append(new TitlePage());
        return section;
    }

    /// <summary>A table without borders that lays text out in columns (the header and signature blocks).</summary>
    public static Table LayoutTable(int[] widths, params TableCell[][] rows)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            Grid(widths));
        foreach (var cells in rows)
        {
            var row = new TableRow();
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].PrependChild(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                row.Append(cells[i]);
            }

            table.Append(row);
        }

        return table;
    }

    /// <summary>
    /// Paragraphs that must stay on one page, such as a heading, its chart and the chart's caption: one
    /// borderless row that may not split, as wide as the text and without cell padding, so the paragraphs
    /// sit where they would outside it. Keep-with-next alone is not enough: LibreOffice (7.4, measured on the
    /// closeout report) ignores it before a paragraph that holds an inline picture, and leaves the heading
    /// alone at the foot of the page.
    /// </summary>
    public static Table KeptTogether(int width, params Paragraph[] paragraphs)
    {
        var table = LayoutTable([width], [Cell(paragraphs)]);
        table.GetFirstChild<TableProperties>()!.Append(new TableCellMarginDefault(
            new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
            new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa }));
        table.GetFirstChild<TableRow>()!.PrependChild(new TableRowProperties(new CantSplit()));
        return table;
    }

    public static TableGrid Grid(int[] widths) =>
        new(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    public static TableCell Cell(params Paragraph[] paragraphs) => new(paragraphs);

    /// <summary>A picture in line with the text; <paramref name="id"/> must be unique in the document.</summary>
    public static Paragraph Picture(string relationshipId, uint id, string name, string altText, long widthEmu, long heightEmu)
    {
        var inline = new DW.Inline(
            new DW.Extent { Cx = widthEmu, Cy = heightEmu },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = name, Description = DocxText.Clean(altText) },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = id, Name = name + ".png", Description = DocxText.Clean(altText) },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = widthEmu, Cy = heightEmu }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0,
        };
        var paragraph = Para(JustificationValues.Center, null, new Run(new Drawing(inline)));
        paragraph.ParagraphProperties!.PrependChild(new KeepNext()); // the caption below stays on the same page
        return paragraph;
    }

    /// <summary>
    /// Times New Roman 13 pt (NĐ30), Vietnamese proofing, and a table style that sets the list's cells
    /// in 12 pt with little spacing, so no cell has to say so (100,000 rows × 7 cells add up).
    /// </summary>
    public static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Nd30Word.FontName, HighAnsi = Nd30Word.FontName, ComplexScript = Nd30Word.FontName, EastAsia = Nd30Word.FontName },
                new FontSize { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        new Style(
            new StyleName { Val = "Proposal List" },
            new StyleParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20" }),
            new StyleRunProperties(new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }),
            new StyleTableProperties(new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = ListTableStyle });
}
