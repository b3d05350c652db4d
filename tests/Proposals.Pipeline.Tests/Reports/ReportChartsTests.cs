using Proposals.Pipeline.Closeout.Writers;
using SkiaSharp;

namespace Proposals.Pipeline.Tests.Reports;

public sealed class ReportChartsTests
{
    [Fact]
    public void Priority_area_chart_is_a_png_of_the_documented_size()
    {
        var summary = CloseoutSummary.Of(ReportSamples.HaiPhong(), ReportSamples.All());

        var png = ReportCharts.ByPriorityArea(summary.ByPriorityArea);

        AssertPng(png, "chart-priority-area.png");
    }

    [Fact]
    public void Size_chart_is_a_png_of_the_documented_size()
    {
        var summary = CloseoutSummary.Of(ReportSamples.HaiPhong(), ReportSamples.All());

        var png = ReportCharts.BySize(summary.BySize);

        AssertPng(png, "chart-size.png");
    }

    [Fact]
    public void Charts_draw_when_nothing_was_counted()
    {
        var summary = CloseoutSummary.Of(ReportSamples.HaiPhong(), []);

        AssertPng(ReportCharts.ByPriorityArea(summary.ByPriorityArea), "chart-empty.png");
    }

    [Fact]
    public void Vietnamese_text_is_drawn_with_the_shipped_font_whatever_the_machine_has()
    {
        ReportFont.EnsureRegistered();
        using var typeface = new ReportFont().CreateTypeface(ReportFont.Name, bold: false, italic: false);

        typeface.ShouldNotBeNull();
        typeface.FamilyName.ShouldBe("DejaVu Sans");
        using var font = new SKFont(typeface);
        // Every letter must map to a glyph: glyph 0 is the empty box drawn for a missing character.
        font.GetGlyphs("Số đề xuất theo quy mô doanh nghiệp Siêu nhỏ Nhỏ Vừa Lớn ưu tiên").ShouldNotContain((ushort)0);
    }

    private static void AssertPng(byte[] png, string name)
    {
        png.Length.ShouldBeGreaterThan(5_000, "a chart with text and bars, not an empty canvas");
        png.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        using var bitmap = SKBitmap.Decode(png);
        bitmap.ShouldNotBeNull();
        bitmap.Width.ShouldBe(ReportCharts.Width);
        bitmap.Height.ShouldBe(ReportCharts.Height);
        ReportArtifacts.Save(name, png);
    }
}
