using ScottPlot;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// The closeout report's bar charts as PNG bytes. Labels are short (area numbers, size names) so the
/// picture stays legible when Word scales it to the text width; the document spells out the areas.
/// </summary>
public static class ReportCharts
{
    public const int Width = 1200;
    public const int Height = 675;

    public const string PriorityAreaTitle = "Số đề xuất theo nội dung ưu tiên";
    public const string SizeTitle = "Số đề xuất theo quy mô doanh nghiệp";

    /// <summary>Counted proposals per priority area; a row "3. Đào tạo ..." becomes the bar "3".</summary>
    public static byte[] ByPriorityArea(IReadOnlyList<CountRow> rows) =>
        Bars(PriorityAreaTitle, "Nội dung ưu tiên", rows.Select(r => (AreaNumber(r.Label), r.Count)).ToList());

    /// <summary>Counted proposals per enterprise size: Siêu nhỏ, Nhỏ, Vừa, Lớn.</summary>
    public static byte[] BySize(IReadOnlyList<CountRow> rows) =>
        Bars(SizeTitle, "Quy mô doanh nghiệp", rows.Select(r => (r.Label, r.Count)).ToList());

    private static string AreaNumber(string label)
    {
        var dot = label.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? label[..dot] : label;
    }

    private static byte[] Bars(string title, string axisLabel, IReadOnlyList<(string Label, int Count)> bars)
    {
        ReportFont.EnsureRegistered();
        var plot = new Plot();
        try
        {
            var plotted = bars.Select((b, i) => new Bar
            {
                Position = i + 1,
                Value = b.Count,
                FillColor = new Color(0x2F, 0x55, 0x97),
                LineWidth = 0,
            }).ToList();
            plot.Add.Bars(plotted);
            // The count above each bar as a text of its own: ScottPlot's bar labels went missing on
            // some charts (all bars equal), and a count staff cannot read defeats the chart.
            foreach (var bar in plotted)
            {
                var count = plot.Add.Text(bar.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.Position, bar.Value);
                count.LabelAlignment = Alignment.LowerCenter;
                count.LabelFontSize = 22;
                count.LabelBold = true;
                count.LabelFontName = ReportFont.Name;
                count.OffsetY = -6;
            }

            plot.Axes.Bottom.SetTicks([.. bars.Select((_, i) => (double)(i + 1))], [.. bars.Select(b => b.Label)]);
            plot.Axes.Bottom.MajorTickStyle.Length = 0;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            // Room for the count above the tallest bar, also when every count is zero or one.
            var tallest = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
            plot.Axes.SetLimitsY(0, (tallest * 1.15) + 0.3);

            plot.Title(title);
            plot.XLabel(axisLabel);
            plot.YLabel("Số đề xuất");
            plot.Font.Set(ReportFont.Name);
            plot.Axes.Title.Label.FontSize = 30;
            plot.Axes.Bottom.Label.FontSize = 24;
            plot.Axes.Left.Label.FontSize = 24;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 22;
            plot.Axes.Left.TickLabelStyle.FontSize = 20;
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }
}
