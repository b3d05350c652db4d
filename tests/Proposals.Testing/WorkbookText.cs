using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Proposals.Testing;

/// <summary>Reads a workbook back as text, the way a person would see its cells.</summary>
public static class WorkbookText
{
    public static IReadOnlyList<IReadOnlyList<string>> Sheet(Stream xlsx, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(Cells).ToList();
    }

    /// <summary>A row's cells by their column (an empty cell is written as no cell at all), as "".</summary>
    private static IReadOnlyList<string> Cells(Row row)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
            while (cells.Count < column)
            {
                cells.Add(string.Empty);
            }

            cells.Add(CellText(cell));
        }

        return cells;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>Whether any cell of the workbook holds a formula (it must never).</summary>
    public static bool HasFormulas(Stream xlsx)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false);
        return document.WorkbookPart!.WorksheetParts.Any(p => p.Worksheet.Descendants<CellFormula>().Any());
    }

    public static bool FirstRowIsFrozen(Stream xlsx, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        var pane = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Pane>().SingleOrDefault();
        return pane?.State?.Value == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1;
    }

    /// <summary>The cell's text as Excel shows it: OOXML <c>_xHHHH_</c> escapes decoded.</summary>
    private static string CellText(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString
            ? System.Text.RegularExpressions.Regex.Replace(cell.InlineString?.InnerText ?? string.Empty, "_x([0-9A-Fa-f]{4})_",
                m => ((char)int.Parse(m.Groups[1].Value, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)).ToString())
            : cell.CellValue?.Text ?? string.Empty;
}
