using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Calls;
using Proposals.Domain.Forms;
using Lock = DocumentFormat.OpenXml.Wordprocessing.Lock;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// The editable Word form enterprises download for a call, fill in, sign and upload beside the scan.
/// It is the enterprise's document, laid out like an administrative document under Nghị định
/// 30/2020/NĐ-CP so it prints as the paper form does: the enterprise heads it, the call's organiser is
/// only whom it is sent to ("Kính gửi"). Every answer sits in a content control tagged with its field
/// key, so <see cref="WordFormReader"/> reads the answers back by tag instead of guessing from the layout.
/// </summary>
public static class WordFormTemplate
{
    private const string FontName = Nd30Word.FontName;
    private const string PlaceholderStyle = "PlaceholderText";

    // Sizes in half-points: 13 pt for the text, 12 pt for the letterhead's first lines and for notes.
    private const int BodySize = Nd30Word.BodySize;
    private const int SmallSize = 24;

    // A4 with Nghị định 30's margins (left 30 mm, the others 20 mm), in twentieths of a point.
    private const int PageWidth = Nd30Word.A4Short;
    private const int PageHeight = Nd30Word.A4Long;
    private const int MarginLeft = Nd30Word.MarginLeft;
    private const int MarginOther = Nd30Word.MarginTop;
    private const int TextWidth = PageWidth - MarginLeft - MarginOther;

    // The right column keeps the national name on one line: bold 12 pt, it needs 5,000 besides the padding.
    private const int AgencyColumnWidth = TextWidth - 5386;

    // Word's default cell padding, 108 each side; the motto, bold 13 pt, is 159 pt wide (NĐ30 rules it
    // as long as the line); the rule under the enterprise, 2.6 cm, is a third to a half of its line.
    private const int CellPadding = 108;
    private const int MottoRuleWidth = 3180;
    private const int EnterpriseRuleWidth = 1500;

    /// <summary>The two controls of the letterhead take the first ids; the fields' controls follow.</summary>
    private const int LetterheadControls = 2;

    /// <summary>Writes the template of <paramref name="form"/> for <paramref name="call"/>; the stream stays open.</summary>
    public static void Write(Stream destination, CallDefinition call, FormDefinition form)
    {
        using var document = WordprocessingDocument.Create(destination, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = form.Title.Vi;
        document.PackageProperties.Creator = call.Organiser;
        document.PackageProperties.Language = "vi-VN";

        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

        var body = new Body(
            Letterhead(),
            Paragraph(JustificationValues.Center, spacingBefore: 480, Run(form.Title.Vi, bold: true)),
            Paragraph(JustificationValues.Center, spacingBefore: 0, Run(call.Title, italic: true)),
            Paragraph(JustificationValues.Center, spacingBefore: 240, Run("Kính gửi: " + call.Organiser)));

        var controlId = LetterheadControls + 1;
        foreach (var section in form.Sections)
        {
            body.Append(Paragraph(JustificationValues.Left, spacingBefore: 240, Run(section.Title.Vi, bold: true)).KeepWithNext());
            foreach (var field in section.Fields)
            {
                body.Append(FieldElements(call, form, field, controlId++));
            }
        }

        body.Append(
            Paragraph(JustificationValues.Center, spacingBefore: 480, Run("TỔ CHỨC, CÁ NHÂN ĐỀ XUẤT", bold: true)).IndentLeft(TextWidth / 2),
            Paragraph(JustificationValues.Center, spacingBefore: 0, Run("(Họ, tên, chữ ký, đóng dấu)", italic: true)).IndentLeft(TextWidth / 2),
            new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginOther, Right = MarginOther, Bottom = MarginOther, Left = MarginLeft, Header = 720, Footer = 720, Gutter = 0 }));
        main.Document = new Document(body);
    }

    /// <summary>
    /// Nghị định 30's heading with the enterprise as the issuer: its name and tax code on the left, the
    /// national name and motto on the right, each with its short rule, in a borderless table so the two
    /// columns stay side by side whatever the length of the name.
    /// </summary>
    private static Table Letterhead()
    {
        var enterprise = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = $"{AgencyColumnWidth}", Type = TableWidthUnitValues.Dxa }),
            EnterpriseNameControl(),
            Paragraph(JustificationValues.Center, spacingBefore: 0,
                Run("Mã số thuế: ", size: SmallSize),
                new SdtRun(
                    LetterheadControlProperties(2, "Mã số thuế (đầu trang)", bold: false, plainText: true),
                    new SdtContentRun(PlaceholderRun("……………………", SmallSize)))).Tight(),
            Rule(AgencyColumnWidth - 2 * CellPadding, EnterpriseRuleWidth));

        var nation = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = $"{TextWidth - AgencyColumnWidth}", Type = TableWidthUnitValues.Dxa }),
            Paragraph(JustificationValues.Center, spacingBefore: 0, Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: SmallSize)).Tight(),
            Paragraph(JustificationValues.Center, spacingBefore: 0, Run("Độc lập - Tự do - Hạnh phúc", bold: true)).Tight(),
            Rule(TextWidth - AgencyColumnWidth - 2 * CellPadding, MottoRuleWidth),
            Paragraph(JustificationValues.Center, spacingBefore: 120, Run("…………, ngày … tháng … năm ……", italic: true)));

        return new Table(
            new TableProperties(
                new TableWidth { Width = $"{TextWidth}", Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None },
                    new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = BorderValues.None },
                    new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None },
                    new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = $"{AgencyColumnWidth}" }, new GridColumn { Width = $"{TextWidth - AgencyColumnWidth}" }),
            new TableRow(enterprise, nation));
    }

    /// <summary>
    /// The enterprise's name where NĐ30 puts the issuer, in capitals and bold as it does. The letterhead's
    /// controls have no tag on purpose: they repeat item I's answers, which <see cref="WordFormReader"/>
    /// reads by their tags, so a name shortened here is never taken for the answer.
    /// </summary>
    private static SdtBlock EnterpriseNameControl() => new(
        LetterheadControlProperties(1, "Tên doanh nghiệp (đầu trang)", bold: true, plainText: false),
        new SdtContentBlock(Paragraph(JustificationValues.Center, spacingBefore: 0, PlaceholderRun("TÊN DOANH NGHIỆP", SmallSize, bold: true)).Tight()));

    /// <summary>What is typed over the placeholder takes the control's own run properties: 12 pt, bold for the name.</summary>
    private static SdtProperties LetterheadControlProperties(int controlId, string alias, bool bold, bool plainText)
    {
        var format = new RunProperties();
        if (bold)
        {
            format.Append(new Bold());
        }

        format.Append(new FontSize { Val = $"{SmallSize}" }, new FontSizeComplexScript { Val = $"{SmallSize}" });
        var properties = new SdtProperties(format, new SdtAlias { Val = alias }, new SdtId { Val = controlId }, new ShowingPlaceholder());
        if (plainText)
        {
            properties.Append(new SdtContentText());
        }

        return properties;
    }

    private static Paragraph Rule(int textWidth, int ruleWidth) => Nd30Word.Rule(textWidth, ruleWidth, spacingAfter: 0);

    /// <summary>
    /// The label in bold, then the answer's content control. A one-line answer is a plain-text control
    /// inside the label's paragraph; a long answer is a block-level control below it, rich text because
    /// Word's plain-text control cannot hold the several paragraphs items 3–9 usually need.
    /// </summary>
    private static IEnumerable<OpenXmlElement> FieldElements(CallDefinition call, FormDefinition form, FormField field, int controlId)
    {
        var label = Paragraph(JustificationValues.Both, spacingBefore: 0, Run(field.Label.Vi + ":", bold: true));
        if (ApplicabilityNote(form, field) is { } note)
        {
            label.Append(Run(" " + note, italic: true));
        }

        var placeholder = field.Help?.Vi
            ?? (field.Options is { Count: > 0 } options ? string.Join(" / ", options.Select(o => o.Label.Vi)) : "…");
        if (field.IsMultiline)
        {
            yield return label.KeepWithNext();
            yield return new SdtBlock(
                ControlProperties(field, controlId, plainText: false),
                new SdtContentBlock(Paragraph(JustificationValues.Both, spacingBefore: 0, PlaceholderRun(placeholder))));
        }
        else
        {
            label.Append(Run(" "), new SdtRun(ControlProperties(field, controlId, plainText: true), new SdtContentRun(PlaceholderRun(placeholder))));
            yield return label;
        }

        if (field.Type == FieldType.PriorityArea)
        {
            // Word has no list bound to the call's areas: print them, the enterprise writes the number.
            foreach (var area in call.PriorityAreas.OrderBy(a => a.Number))
            {
                yield return Paragraph(JustificationValues.Both, spacingBefore: 0, Run($"{area.Number}. {area.Title}", italic: true, size: SmallSize)).IndentLeft(567);
            }
        }
    }

    /// <summary>"(chỉ áp dụng với dự án sản xuất thử nghiệm)" for the items only some task types answer.</summary>
    private static string? ApplicabilityNote(FormDefinition form, FormField field)
    {
        if (field.ShowWhen is not { } condition)
        {
            return null;
        }

        var controlling = form.Field(condition.Field);
        var option = controlling?.Options?.FirstOrDefault(o => o.Value == condition.EqualsValue);
        return option is not null
            ? $"(chỉ áp dụng với {char.ToLowerInvariant(option.Label.Vi[0])}{option.Label.Vi[1..]})"
            : $"(chỉ áp dụng khi “{controlling?.Label.Vi ?? condition.Field}” là “{condition.EqualsValue}”)";
    }

    /// <summary>
    /// Tag = field key (what the reader matches), alias = the label (what Word shows on the control),
    /// locked against deletion so the tag survives editing, showing its placeholder until filled in.
    /// </summary>
    private static SdtProperties ControlProperties(FormField field, int controlId, bool plainText)
    {
        var properties = new SdtProperties(
            new SdtAlias { Val = field.Label.Vi },
            new Tag { Val = field.Key },
            new SdtId { Val = controlId },
            new Lock { Val = LockingValues.SdtLocked },
            new ShowingPlaceholder());
        if (plainText)
        {
            properties.Append(new SdtContentText());
        }

        return properties;
    }

    private static Run PlaceholderRun(string text, int? size = null, bool bold = false)
    {
        var properties = new RunProperties(new RunStyle { Val = PlaceholderStyle });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (size is { } halfPoints)
        {
            properties.Append(new FontSize { Val = $"{halfPoints}" }, new FontSizeComplexScript { Val = $"{halfPoints}" });
        }

        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Run Run(string text, bool bold = false, bool italic = false, int? size = null) =>
        new(Nd30Word.Format(bold, italic, size), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Paragraph Paragraph(JustificationValues justification, int spacingBefore, params OpenXmlElement[] content)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new SpacingBetweenLines { Before = $"{spacingBefore}" },
            new Justification { Val = justification }));
        paragraph.Append(content);
        return paragraph;
    }

    /// <summary>The letterhead's lines follow each other with no space between, as NĐ30 sets them.</summary>
    private static Paragraph Tight(this Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.SpacingBetweenLines!.After = "0";
        return paragraph;
    }

    private static Paragraph KeepWithNext(this Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.KeepNext = new KeepNext();
        return paragraph;
    }

    private static Paragraph IndentLeft(this Paragraph paragraph, int twips)
    {
        paragraph.ParagraphProperties!.Indentation = new Indentation { Left = $"{twips}" };
        return paragraph;
    }

    /// <summary>Times New Roman 13 in Vietnamese everywhere, and Word's grey placeholder style.</summary>
    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                new FontSize { Val = $"{BodySize}" },
                new FontSizeComplexScript { Val = $"{BodySize}" },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "288", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        },
        new Style(
            new StyleName { Val = "Placeholder Text" },
            new UIPriority { Val = 99 },
            new SemiHidden(),
            new StyleRunProperties(new Color { Val = "808080" }))
        {
            Type = StyleValues.Character,
            StyleId = PlaceholderStyle,
        });
}
