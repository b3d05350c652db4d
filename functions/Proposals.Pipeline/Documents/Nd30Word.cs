using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Proposals.Pipeline.Documents;

/// <summary>
/// What every Word file the app writes shares with Nghị định 30 (the form's template here, the closeout's report in
/// <c>Closeout/Writers</c>): A4, the margins, Times New Roman 13 pt, the short solid rules, and how a run is formatted.
/// Written once, here, where both may use it.
/// </summary>
public static class Nd30Word
{
    public const string FontName = "Times New Roman";

    /// <summary>Sizes are in half-points, as WordprocessingML counts them: 26 is 13 pt.</summary>
    public const int BodySize = 26;

    /// <summary>A4 in twentieths of a point, and NĐ30's margins: left 30 mm, top and bottom 20 mm.</summary>
    public const int A4Short = 11906, A4Long = 16838;
    public const int MarginLeft = 1701, MarginTop = 1134, MarginBottom = 1134;

    /// <summary>A run's formatting: bold, italic, a size in half-points; empty when none is asked for.</summary>
    public static RunProperties Format(bool bold = false, bool italic = false, int? size = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (size is { } halfPoints)
        {
            var value = halfPoints.ToString(CultureInfo.InvariantCulture);
            properties.Append(new FontSize { Val = value }, new FontSizeComplexScript { Val = value });
        }

        return properties;
    }

    /// <summary>
    /// A short solid rule, as NĐ30 draws under the agency name, the motto and the title: an empty paragraph 1 pt high
    /// whose top border is narrowed by indents to <paramref name="ruleWidth"/>, centred in <paramref name="textWidth"/>,
    /// 3 pt below the line above it and <paramref name="spacingAfter"/> (twentieths of a point) above what follows. A
    /// paragraph border needs no drawing, and Word and LibreOffice agree on it.
    /// </summary>
    public static Paragraph Rule(int textWidth, int ruleWidth, int spacingAfter)
    {
        var inset = Math.Max(0, (textWidth - ruleWidth) / 2).ToString(CultureInfo.InvariantCulture);
        return new Paragraph(new ParagraphProperties(
            new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 0, Color = "000000" }),
            new SpacingBetweenLines { Before = "60", After = spacingAfter.ToString(CultureInfo.InvariantCulture), Line = "20", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = inset, Right = inset },
            new ParagraphMarkRunProperties(new FontSize { Val = "2" }, new FontSizeComplexScript { Val = "2" })));
    }
}
