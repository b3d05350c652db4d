using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Pipeline.Submissions;
using static Proposals.Pipeline.Closeout.Writers.WordBlocks;

namespace Proposals.Pipeline.Closeout.Writers;

public static partial class CloseoutWordReport
{
    public static readonly IReadOnlyList<string> ListHeaders =
        ["STT", "Tên nhiệm vụ", "Doanh nghiệp đề xuất", "Mã số thuế", "Nội dung ưu tiên", "Thời gian (tháng)", "Cảnh báo", "Chữ ký số"];

    // Twentieths of a point; they add up to the landscape text width (297 mm less 30 + 15 mm margins).
    private static readonly int[] ListWidths = [700, 3400, 2700, 1700, 1300, 1100, 1986, 1400];

    /// <summary>
    /// The appendix: its NĐ30 heading, which cites the report by number and date (both blank, as on the
    /// first page, for the clerk who registers it), then one row per counted proposal, in the
    /// order given. Rows are written as they are enumerated and carry no per-cell formatting (borders
    /// sit on the table, fonts in a style), which keeps a 100,000-row document small.
    /// </summary>
    private static void WriteProposalList(
        OpenXmlWriter writer, ReportSignOff signOff, IEnumerable<SubmissionRecord> counted)
    {
        writer.WriteElement(HeaderLine(Text("Phụ lục", bold: true, size: 28)));
        writer.WriteElement(HeaderLine(Text("DANH SÁCH ĐỀ XUẤT NHIỆM VỤ HỢP LỆ", bold: true)));
        writer.WriteElement(Centered(Text(
            $"(Kèm theo Báo cáo số        /{signOff.NumberSymbol} {ReportSignOff.BlankDate}       của {signOff.Issuer})", italic: true)));

        writer.WriteStartElement(new Table());
        writer.WriteElement(ListProperties());
        writer.WriteElement(Grid(ListWidths));
        writer.WriteElement(HeaderRow());
        var number = 0;
        foreach (var record in counted)
        {
            writer.WriteElement(Row(++number, record));
        }

        writer.WriteEndElement();
        writer.WriteElement(new Paragraph());
    }

    private static TableProperties ListProperties()
    {
        static T Line<T>() where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };
        return new TableProperties(
            new TableStyle { Val = ListTableStyle },
            new TableWidth { Width = ListWidths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(), Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
            new TableLayout { Type = TableLayoutValues.Fixed });
    }

    /// <summary>Repeated at the top of every page (tblHeader) and never split across pages.</summary>
    private static TableRow HeaderRow()
    {
        var row = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        for (var i = 0; i < ListHeaders.Count; i++)
        {
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Width = ListWidths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9E1F2" },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                CellText(ListHeaders[i], bold: true, JustificationValues.Center)));
        }

        return row;
    }

    private static TableRow Row(int number, SubmissionRecord r)
    {
        var area = r.PriorityArea.ToString(CultureInfo.InvariantCulture);
        if (r.SuggestedPriorityArea is { } suggested && suggested != r.PriorityArea)
        {
            area += $" (gợi ý: {suggested})";
        }

        return new TableRow(
            new TableCell(CellText(number.ToString(CultureInfo.InvariantCulture), justification: JustificationValues.Center)),
            new TableCell(CellText(r.TaskName)),
            new TableCell(CellText(r.EnterpriseName)),
            new TableCell(CellText(r.TaxCode)),
            new TableCell(CellText(area, justification: JustificationValues.Center)),
            new TableCell(CellText(r.DurationMonths.ToString(CultureInfo.InvariantCulture), justification: JustificationValues.Center)),
            new TableCell(CellText(string.Join("; ", r.FlagList.Select(EligibilityFlags.Vietnamese)))),
            new TableCell(CellText(SignatureStates.Vietnamese(r.SignatureState))));
    }

    private static Paragraph CellText(string text, bool bold = false, JustificationValues? justification = null)
    {
        var paragraph = new Paragraph();
        if (justification is { } value)
        {
            paragraph.Append(new ParagraphProperties(new Justification { Val = value }));
        }

        paragraph.Append(bold ? Text(text, bold: true) : new Run(TextOf(text)));
        return paragraph;
    }
}
