using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// Writes a workbook row by row with the Open XML SDK's streaming writer, each sheet compressed into
/// the destination as it goes (<see cref="StreamedPackage{TPackage}"/>), so memory does not grow with
/// the number of submissions. Text is always written as an inline string, never a formula: a
/// cell holding <c>=HYPERLINK(...)</c> stays literal text (OWASP CSV/formula injection).
/// </summary>
public sealed partial class XlsxWriter : IDisposable
{
    private const uint HeaderStyle = 1;
    private const uint WrapStyle = 2;
    private readonly StreamedPackage<SpreadsheetDocument> _package;
    private readonly WorkbookPart _workbookPart;
    private readonly Sheets _sheets;
    private uint _nextSheetId = 1;

    public XlsxWriter(Stream destination)
    {
        _package = new StreamedPackage<SpreadsheetDocument>(destination, s => SpreadsheetDocument.Create(s, SpreadsheetDocumentType.Workbook));
        _workbookPart = _package.Skeleton.AddWorkbookPart();
        _workbookPart.Workbook = new Workbook();
        _sheets = _workbookPart.Workbook.AppendChild(new Sheets());
        var styles = _workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" })),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center }, ApplyAlignment = true },
                new CellFormat { Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true }));
    }

    /// <summary>Adds a sheet with a bold, frozen header row and the given column widths (in characters).</summary>
    public void AddSheet(string name, IReadOnlyList<(string Header, double Width)> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sheetPart = _workbookPart.AddNewPart<WorksheetPart>();
        _package.WritePart(sheetPart, writer =>
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteEndElement();
            writer.WriteEndElement();

            writer.WriteStartElement(new Columns());
            for (var i = 0; i < columns.Count; i++)
            {
                writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true });
            }

            writer.WriteEndElement();

            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, columns.Select(c => (object?)c.Header).ToList(), HeaderStyle);
            uint rowIndex = 2;
            foreach (var row in rows)
            {
                WriteRow(writer, rowIndex++, row, WrapStyle);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });

        _sheets.AppendChild(new Sheet { Id = _workbookPart.GetIdOfPart(sheetPart), SheetId = _nextSheetId++, Name = name });
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IReadOnlyList<object?> values, uint style)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + rowIndex;
            switch (values[i])
            {
                case null:
                    break;
                case int or long or double or decimal:
                    writer.WriteElement(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.Number,
                        StyleIndex = style,
                        CellValue = new CellValue(Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture)!),
                    });
                    break;
                default:
                    writer.WriteElement(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        StyleIndex = style,
                        InlineString = new InlineString(new Text(Clean(values[i]!.ToString()!)) { Space = SpaceProcessingModeValues.Preserve }),
                    });
                    break;
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// XML 1.0 cannot carry most control characters; Excel caps a cell at 32,767 characters. A carriage
    /// return would come back as a line feed (XML end-of-line handling), so it travels as the OOXML escape
    /// <c>_x000D_</c>, and text that merely looks like such an escape has its underscore escaped, so a
    /// cell shows exactly what was typed.
    /// </summary>
    private static string Clean(string text)
    {
        var cleaned = new string(text.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)).ToArray());
        cleaned = cleaned.Length <= 32_767 ? cleaned : cleaned[..32_767];
        return OoxmlEscapeLookalike().Replace(cleaned, "_x005F_").Replace("\r", "_x000D_", StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)")]
    private static partial System.Text.RegularExpressions.Regex OoxmlEscapeLookalike();

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    public void Dispose() => _package.Dispose();
}
