using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Submissions;
using static Proposals.Pipeline.Closeout.Writers.WordBlocks;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// The closeout report in Word, laid out as an administrative report under Nghị định 30/2020/NĐ-CP:
/// the agency and national-emblem header, number and date line, title, the counts with two charts,
/// the signature block, then an appendix in landscape listing every counted proposal. The body is
/// written with the SDK's streaming writer, one table row at a time, and compressed into the
/// destination as it goes (<see cref="StreamedPackage{TPackage}"/>), so 100,000 proposals never sit
/// in memory, neither as a document tree nor as XML.
/// </summary>
public static partial class CloseoutWordReport
{
    public const string EmblemLine = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string MottoLine = "Độc lập - Tự do - Hạnh phúc";
    public const string NumberLine = "Số:        /BC-TĐC";
    public const string Title = "BÁO CÁO";

    // 16 cm × 9 cm: the text width of a portrait page, in the charts' 16:9 proportion. 360,000 EMU per cm.
    private const long ChartWidthEmu = 16 * 360_000L, ChartHeightEmu = 9 * 360_000L;

    public static void Write(
        Stream destination, CallDefinition call, int revision, DateTimeOffset generatedAtUtc,
        CloseoutSummary summary, IEnumerable<SubmissionRecord> counted)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(counted);

        using var package = new StreamedPackage<WordprocessingDocument>(destination, s => WordprocessingDocument.Create(s, WordprocessingDocumentType.Document));
        var main = package.Skeleton.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = Styles();
        styles.Styles.Save();
        var areaChart = AddPng(main, ReportCharts.ByPriorityArea(summary.ByPriorityArea));
        var sizeChart = AddPng(main, ReportCharts.BySize(summary.BySize));

        // The charts are parts of the skeleton already, so the body can refer to their relationship ids.
        package.WritePart(main, writer =>
        {
            writer.WriteStartElement(new Document(), [], Namespaces);
            writer.WriteStartElement(new Body());
            foreach (var block in Heading(call, revision, generatedAtUtc))
            {
                writer.WriteElement(block);
            }

            foreach (var block in Counts(call, generatedAtUtc, summary, areaChart, sizeChart))
            {
                writer.WriteElement(block);
            }

            writer.WriteElement(new Paragraph());
            writer.WriteElement(Signature());
            writer.WriteElement(SectionBreak(landscape: false));
            WriteProposalList(writer, call, summary, counted);
            writer.WriteElement(Section(landscape: true));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    private static readonly KeyValuePair<string, string>[] Namespaces =
    [
        new("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
        new("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        new("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
        new("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
        new("pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"),
    ];

    private static string AddPng(MainDocumentPart main, byte[] png)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var stream = new MemoryStream(png, writable: false))
        {
            part.FeedData(stream);
        }

        return main.GetIdOfPart(part);
    }

    /// <summary>The NĐ30 header: agency left, national emblem lines right; number left, place and date right.</summary>
    private static IEnumerable<OpenXmlElement> Heading(CallDefinition call, int revision, DateTimeOffset generatedAtUtc)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        yield return LayoutTable(
            [3969, 5386],
            [
                Cell(
                    Centered(Text(call.ParentAgency?.ToUpper(vi), size: 24)),
                    Centered(Text(call.Organiser.ToUpper(vi), bold: true, size: 24))),
                Cell(
                    Centered(Text(EmblemLine, bold: true, size: 24)),
                    Centered(Text(MottoLine, bold: true, underline: true))),
            ],
            [
                Cell(Centered(Text(NumberLine))),
                Cell(Centered(Text(DateLine(call.Province, generatedAtUtc), italic: true))),
            ]);
        yield return Centered();
        yield return Centered(Text(Title, bold: true, size: 28));
        yield return Centered(Text("Tổng hợp kết quả tiếp nhận " + LowerFirst(call.Title), bold: true));
        if (revision > 1)
        {
            // Revision 1 is the original report; each re-run after it is an amendment.
            yield return Centered(Text($"(Bản sửa đổi lần {revision - 1})", italic: true));
        }

        yield return Centered();
    }

    /// <summary>"Hải Phòng, ngày 05 tháng 02 năm 2024": NĐ30 pads days below 10 and the months 1 and 2.</summary>
    public static string DateLine(string? place, DateTimeOffset instant)
    {
        var local = VietnamTime.ToVietnam(instant);
        var day = local.Day < 10 ? "0" + local.Day : local.Day.ToString(CultureInfo.InvariantCulture);
        var month = local.Month <= 2 ? "0" + local.Month : local.Month.ToString(CultureInfo.InvariantCulture);
        return $"{(string.IsNullOrWhiteSpace(place) ? "......." : place)}, ngày {day} tháng {month} năm {local.Year}";
    }

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];

    private static IEnumerable<OpenXmlElement> Counts(
        CallDefinition call, DateTimeOffset generatedAtUtc, CloseoutSummary s, string areaChart, string sizeChart)
    {
        yield return Body(Text("1. Kết quả tiếp nhận", bold: true));
        yield return Body(Text(
            $"{call.Organiser} tiếp nhận hồ sơ đề xuất qua hệ thống trực tuyến, hạn tiếp nhận trước " +
            $"{VietnamTime.FormatVi(call.DeadlineInstant)}. Tính đến {VietnamTime.FormatVi(generatedAtUtc)}, " +
            $"hệ thống đã nhận {s.Received} hồ sơ, trong đó:"));
        yield return Body(Text($"- {s.Counted} đề xuất hợp lệ được tổng hợp trong báo cáo này (danh sách tại Phụ lục kèm theo);"));
        yield return Body(Text($"- {s.Rejected} hồ sơ không hợp lệ;"));
        yield return Body(Text($"- {s.Superseded} hồ sơ đã được doanh nghiệp thay bằng bản nộp sau;"));
        if (s.Excluded > 0)
        {
            yield return Body(Text($"- {s.Excluded} hồ sơ hợp lệ được cán bộ loại khỏi tổng hợp, có ghi rõ lý do (trang \u201cKhông tính vào tổng hợp\u201d của bảng tính);"));
        }

        yield return Body(Text($"- {s.InFlight} hồ sơ đang xử lý hoặc chờ cán bộ kiểm tra."));
        yield return Body(Text(
            $"Ngoài ra, hệ thống đã từ chối {s.LateRejected} lượt nộp sau thời hạn. " +
            $"Có {s.Flagged} đề xuất hợp lệ có cảnh báo cần cán bộ xem xét (cột \u201cCảnh báo\u201d trong Phụ lục)."));

        yield return Body(Text("2. Phân loại theo nội dung ưu tiên", bold: true));
        yield return Picture(areaChart, 1, "Biểu đồ 1", ReportCharts.PriorityAreaTitle + ": " + Describe(s.ByPriorityArea), ChartWidthEmu, ChartHeightEmu);
        yield return Centered(Text("Hình 1. " + ReportCharts.PriorityAreaTitle, italic: true, size: 24));
        foreach (var row in s.ByPriorityArea)
        {
            yield return Body(Text($"- Nội dung {row.Label}: {row.Count} đề xuất."));
        }

        yield return Body(Text("3. Phân loại theo quy mô doanh nghiệp", bold: true));
        yield return Picture(sizeChart, 2, "Biểu đồ 2", ReportCharts.SizeTitle + ": " + Describe(s.BySize), ChartWidthEmu, ChartHeightEmu);
        yield return Centered(Text("Hình 2. " + ReportCharts.SizeTitle + " (Nghị định 80/2021/NĐ-CP)", italic: true, size: 24));
        yield return Body(Text(string.Join("; ", s.BySize.Select(r => $"{r.Label}: {r.Count}")) + "."));
    }

    /// <summary>The chart's numbers as text, for screen readers and for anyone who cannot see the picture.</summary>
    private static string Describe(IReadOnlyList<CountRow> rows) =>
        string.Join("; ", rows.Select(r => $"{r.Label}: {r.Count}"));

    private static Table Signature() => LayoutTable(
        [4535, 4820],
        [
            Cell(
                Para(JustificationValues.Left, null, Text("Nơi nhận:", bold: true, italic: true, size: 24)),
                Para(JustificationValues.Left, null, Text("- Như trên;", size: 22)),
                Para(JustificationValues.Left, null, Text("- Lưu: VT.", size: 22))),
            Cell(
                Centered(Text("THỦ TRƯỞNG ĐƠN VỊ", bold: true)),
                Centered(Text("(Ký, ghi rõ họ tên và đóng dấu)", italic: true))),
        ]);
}
