using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// The font charts draw with: DejaVu Sans, shipped inside this assembly (licence beside it in
/// <c>Closeout/Writers/Fonts</c>). System fonts differ between machines, a bare container has none, and a
/// fallback font without Vietnamese glyphs silently draws empty boxes instead of "Siêu nhỏ".
/// </summary>
public sealed class ReportFont : IFontResolver
{
    /// <summary>The family name charts ask ScottPlot for; unique so no system font can answer it.</summary>
    public const string Name = "Proposals Report Sans";

    private static readonly SKData Regular = Load("DejaVuSans.ttf");
    private static readonly SKData Bold = Load("DejaVuSans-Bold.ttf");
    private static readonly Lock Registration = new();
    private static bool registered;

    /// <summary>Adds the shipped font to ScottPlot's (process-wide) resolvers, once.</summary>
    public static void EnsureRegistered()
    {
        lock (Registration)
        {
            if (!registered)
            {
                Fonts.FontResolvers.Insert(0, new ReportFont());
                registered = true;
            }
        }
    }

    // ScottPlot disposes the typefaces it is given, so each request gets a new one over the shared bytes.
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Name ? SKTypeface.FromData(bold ? Bold : Regular) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static SKData Load(string file)
    {
        var name = "Proposals.Pipeline.Closeout.Writers.Fonts." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The report font '{name}' is not embedded in the assembly.");
        return SKData.Create(stream);
    }
}
