using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Submissions;
using static Proposals.Pipeline.Closeout.Writers.WordBlocks;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// The closeout report in Word, laid out as an administrative report under Nghị định 30/2020/NĐ-CP so
/// it can be signed as it is: the issuing body (under its parent) and national-emblem header with their
/// rules, number and a blank issue date for the clerk, title, "Kính gửi", the opening basis, the counts with
/// two charts (each heading kept on the page of what it heads), "Kiến nghị, đề xuất", "Nơi nhận" beside the
/// signer, page numbers from page 2, then an appendix in landscape listing every counted proposal. What only
/// the agency can say (issuer, number symbol, basis, addressees, signer) comes from the call file
/// (<see cref="ReportSignOff"/>); the generation time goes into the manifest and the workbook, not here. The body is
/// written with the SDK's streaming writer, one table row at a time, and compressed into the
/// destination as it goes (<see cref="StreamedPackage{TPackage}"/>), so 100,000 proposals never sit
/// in memory, neither as a document tree nor as XML.
/// </summary>
public static partial class CloseoutWordReport
{
    public const string EmblemLine = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string MottoLine = "Độc lập - Tự do - Hạnh phúc";
    public const string Title = "BÁO CÁO";

    // Twentieths of a point. The letterhead's two columns fill the portrait text width; their text sits
    // inside the cells' default padding (108 each side). The motto, bold 13 pt Times New Roman, is 159 pt
    // wide as LibreOffice sets it: NĐ30 draws its rule as long as the line.
    private const int AgencyColumn = 3969, NationColumn = 5386, CellPadding = 108, MottoWidth = 3180;
    private const int PortraitTextWidth = A4Short - MarginLeft - MarginRight;
    private const int LetterheadSize = 24;

    // "Kính gửi:" starts 3.5 cm in; the dashes of a list stand under its colon ("Kính gửi" is 47 pt wide in 13 pt).
    private const int AddressIndent = 1985, AddressListIndent = AddressIndent + 940;

    // Six empty 13 pt lines, about 3 cm: room for the signature and the seal beside it.
    private const int SignatureSpaceLines = 6;

    // 16 cm × 9 cm: the text width of a portrait page, in the charts' 16:9 proportion. 360,000 EMU per cm.
    private const long ChartWidthEmu = 16 * 360_000L, ChartHeightEmu = 9 * 360_000L;

    public static void Write(
        Stream destination, CallDefinition call, int revision, CloseoutSummary summary, IEnumerable<SubmissionRecord> counted)
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
        // No proposal, no chart: an empty chart says less than the sentence that replaces it.
        var charts = summary.Counted == 0 ? null
            : new Charts(AddPng(main, ReportCharts.ByPriorityArea(summary.ByPriorityArea)), AddPng(main, ReportCharts.BySize(summary.BySize)));
        var headers = AddPageHeaders(main);
        var signOff = ReportSignOff.For(call);

        // The charts and headers are parts of the skeleton already, so the body can refer to their relationship ids.
        package.WritePart(main, writer =>
        {
            writer.WriteStartElement(new Document(), [], Namespaces);
            writer.WriteStartElement(new Body());
            foreach (var block in Heading(call, signOff, revision))
            {
                writer.WriteElement(block);
            }

            foreach (var block in Counts(call, signOff, summary, charts))
            {
                writer.WriteElement(block);
            }

            writer.WriteElement(new Paragraph());
            writer.WriteElement(Signature(signOff));
            writer.WriteElement(SectionBreak(headers));
            WriteProposalList(writer, signOff, counted);
            writer.WriteElement(Section(landscape: true, headers, restartNumbering: true));
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

    /// <summary>
    /// The NĐ30 header: agency left, national name and motto right, each with its short rule below;
    /// number left, place and date right. Then the title with its rule, and "Kính gửi".
    /// </summary>
    private static IEnumerable<OpenXmlElement> Heading(CallDefinition call, ReportSignOff signOff, int revision)
    {
        var issuer = signOff.Issuer.ToUpper(Vietnamese);
        var agency = new List<Paragraph>();
        if (signOff.IssuerParent is { } parent)
        {
            agency.Add(HeaderLine(Text(parent.ToUpper(Vietnamese), size: LetterheadSize)));
        }

        agency.Add(HeaderLine(Text(issuer, bold: true, size: LetterheadSize)));
        agency.Add(Rule(AgencyColumn - 2 * CellPadding, AgencyRuleWidth(issuer, AgencyColumn - 2 * CellPadding)));
        yield return LayoutTable(
            [AgencyColumn, NationColumn],
            [
                Cell([.. agency]),
                Cell(
                    HeaderLine(Text(EmblemLine, bold: true, size: LetterheadSize)),
                    HeaderLine(Text(MottoLine, bold: true)),
                    Rule(NationColumn - 2 * CellPadding, MottoWidth)),
            ],
            [
                Cell(Centered(Text(signOff.NumberLine))),
                Cell(Centered(Text(DateLine(call.Province), italic: true))),
            ]);
        yield return Centered();
        yield return HeaderLine(Text(Title, bold: true, size: 28));
        yield return HeaderLine(Text("Tổng hợp kết quả tiếp nhận " + LowerFirst(InFull(call.Title)), bold: true));
        yield return Rule(PortraitTextWidth, PortraitTextWidth / 3); // NĐ30: a third to a half of the line, under the summary
        if (revision > 1)
        {
            // Revision 1 is the original report; each re-run after it is an amendment.
            yield return Centered(Text($"(Bản sửa đổi lần {revision - 1})", italic: true));
        }

        yield return Centered();
        foreach (var line in AddressedTo(signOff.Addressees))
        {
            yield return line;
        }

        yield return Centered();
    }

    /// <summary>
    /// NĐ30's rule under the agency is a third to a half of the name's line. Times New Roman capitals
    /// average about 0.62 em an advance, spaces included (measured on the rendered header), which is
    /// close enough to size it for a short name as well as for one that wraps across the column.
    /// </summary>
    private static int AgencyRuleWidth(string name, int textWidth) =>
        (int)(Math.Min(textWidth, name.Length * 0.62 * LetterheadSize * 10) * 0.4);

    /// <summary>
    /// "Kính gửi: X" on one line for one addressee; for several, each on its own line under the colon,
    /// starting with "-", ending with ";" and the last with "." (NĐ30, Phụ lục I, II.9.b).
    /// </summary>
    private static IEnumerable<Paragraph> AddressedTo(IReadOnlyList<string> addressees)
    {
        if (addressees.Count == 1)
        {
            yield return Indented(AddressIndent, hanging: 0, Text("Kính gửi: " + addressees[0]));
            yield break;
        }

        yield return Indented(AddressIndent, hanging: 0, Text("Kính gửi:"));
        for (var i = 0; i < addressees.Count; i++)
        {
            yield return Indented(AddressListIndent, hanging: 170, Text($"- {addressees[i]}{(i == addressees.Count - 1 ? "." : ";")}"));
        }
    }

    private static Paragraph Indented(int left, int hanging, Run text)
    {
        var paragraph = Line(JustificationValues.Left, text);
        var indentation = new Indentation { Left = (left + hanging).ToString(CultureInfo.InvariantCulture) };
        if (hanging > 0)
        {
            indentation.Hanging = hanging.ToString(CultureInfo.InvariantCulture);
        }

        paragraph.ParagraphProperties!.InsertBefore(indentation, paragraph.ParagraphProperties.Justification);
        return paragraph;
    }

    /// <summary>
    /// "Hải Phòng, ngày      tháng      năm": the issue date is the day the report is signed and registered,
    /// which the clerk writes in by hand, as the number; the day it was generated is not that day.
    /// </summary>
    public static string DateLine(string? place) =>
        $"{(string.IsNullOrWhiteSpace(place) ? "......." : place)}, {ReportSignOff.BlankDate}";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static string LowerFirst(string text) =>
        text.Length == 0 ? text : char.ToLower(text[0], Vietnamese) + text[1..];

    /// <summary>An official title spells "khoa học và công nghệ" out; a call file may abbreviate it.</summary>
    private static string InFull(string title) => title.Replace("KH&CN", "khoa học và công nghệ", StringComparison.Ordinal);

    /// <summary>1.234: Vietnamese groups thousands with dots.</summary>
    private static string Count(int n) => n.ToString("N0", Vietnamese);

    /// <summary>Nghị định 80/2021/NĐ-CP, cited in full where the report first names it (NĐ30), then short.</summary>
    public const string SmeDecreeInFull =
        "Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Hỗ trợ doanh nghiệp nhỏ và vừa";

    private sealed record Charts(string ByArea, string BySize);

    /// <summary>A numbered heading of the body: it stays on the page of what follows it.</summary>
    private static Paragraph Heading(string text) => KeptWithNext(Body(Text(text, bold: true)));

    private static Paragraph KeptWithNext(Paragraph paragraph)
    {
        paragraph.ParagraphProperties!.PrependChild(new KeepNext());
        return paragraph;
    }

    private static IEnumerable<OpenXmlElement> Counts(CallDefinition call, ReportSignOff signOff, CloseoutSummary s, Charts? charts)
    {
        yield return Body(Text($"{signOff.Basis.TrimEnd('.', ',', ';', ' ')}, {signOff.Issuer} báo cáo kết quả tiếp nhận hồ sơ đề xuất như sau:"));
        yield return Heading("1. Kết quả tiếp nhận");
        yield return Body(Text(
            $"Đến hết thời hạn tiếp nhận ({VietnamTime.FormatVi(call.DeadlineInstant).Replace(" (giờ Việt Nam)", string.Empty, StringComparison.Ordinal)}), " +
            $"{call.Organiser} đã tiếp nhận {Count(s.Received)} hồ sơ đề xuất, trong đó:"));
        yield return Body(Text($"- {Count(s.Counted)} đề xuất hợp lệ được tổng hợp trong báo cáo này (danh sách tại Phụ lục kèm theo);"));
        yield return Body(Text($"- {Count(s.Rejected)} hồ sơ không hợp lệ;"));
        yield return Body(Text($"- {Count(s.Superseded)} hồ sơ đã được doanh nghiệp thay bằng bản nộp sau;"));
        if (s.Excluded > 0)
        {
            yield return Body(Text($"- {Count(s.Excluded)} hồ sơ hợp lệ được cán bộ loại khỏi tổng hợp, có ghi rõ lý do;"));
        }

        yield return Body(Text($"- {Count(s.InFlight)} hồ sơ đang xử lý hoặc chờ cán bộ kiểm tra."));
        yield return Body(Text(
            $"Ngoài ra, {Count(s.LateRejected)} lượt nộp sau thời hạn không được tiếp nhận. " +
            $"Có {Count(s.Flagged)} đề xuất hợp lệ có cảnh báo cần xem xét (cột \u201cCảnh báo\u201d trong Phụ lục)."));

        // Each heading stays with its chart and caption: keep-with-next for Word, one unsplittable row for LibreOffice.
        const string NothingToClassify = "Không có đề xuất hợp lệ nào để phân loại.";
        var areaHeading = Heading("2. Phân loại theo nội dung ưu tiên");
        if (charts is null)
        {
            yield return areaHeading;
            yield return Body(Text(NothingToClassify));
        }
        else
        {
            yield return KeptTogether(PortraitTextWidth, areaHeading,
                Picture(charts.ByArea, 1, "Biểu đồ 1", ReportCharts.PriorityAreaTitle + ": " + Describe(s.ByPriorityArea), ChartWidthEmu, ChartHeightEmu),
                Centered(Text("Hình 1. " + ReportCharts.PriorityAreaTitle, italic: true, size: 24)));
            foreach (var row in s.ByPriorityArea)
            {
                yield return Body(Text($"- Nội dung {row.Label}: {Count(row.Count)} đề xuất."));
            }
        }

        var sizeHeading = Heading("3. Phân loại theo quy mô doanh nghiệp");
        var sizeBasis = KeptWithNext(Body(Text($"Quy mô doanh nghiệp được xác định theo {SmeDecreeInFull} (sau đây gọi là Nghị định 80/2021/NĐ-CP).")));
        if (charts is null)
        {
            yield return sizeHeading;
            yield return sizeBasis;
            yield return Body(Text(NothingToClassify));
        }
        else
        {
            yield return KeptTogether(PortraitTextWidth, sizeHeading, sizeBasis,
                Picture(charts.BySize, 2, "Biểu đồ 2", ReportCharts.SizeTitle + ": " + Describe(s.BySize), ChartWidthEmu, ChartHeightEmu),
                Centered(Text("Hình 2. " + ReportCharts.SizeTitle + " (Nghị định 80/2021/NĐ-CP)", italic: true, size: 24)));
            yield return Body(Text(string.Join("; ", s.BySize.Select(r => $"{r.Label}: {Count(r.Count)}")) + "."));
        }

        yield return Heading("4. Kiến nghị, đề xuất");
        foreach (var paragraph in signOff.Recommendations.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return Body(Text(paragraph));
        }
    }

    /// <summary>The chart's numbers as text, for screen readers and for anyone who cannot see the picture.</summary>
    private static string Describe(IReadOnlyList<CountRow> rows) =>
        string.Join("; ", rows.Select(r => $"{r.Label}: {r.Count}"));

    /// <summary>
    /// "Nơi nhận:" at the left margin, level with the signer's title (NĐ30: 12 pt bold italic, the list in
    /// 11 pt): "Như trên" for the addressees, the copies, and the archive copy; the signer on the right: the authority
    /// when a deputy signs, the title, room for the signature and seal, and the name in bold.
    /// </summary>
    private static Table Signature(ReportSignOff signOff)
    {
        var recipients = new List<Paragraph> { Line(JustificationValues.Left, Text("Nơi nhận:", bold: true, italic: true, size: 24)) };
        recipients.AddRange(signOff.RecipientLines.Select(line => Line(JustificationValues.Left, Text(line, size: 22))));

        var signer = new List<Paragraph>();
        if (signOff.SignerAuthority is { } authority)
        {
            signer.Add(HeaderLine(Text(authority, bold: true)));
        }

        signer.Add(HeaderLine(Text(signOff.SignerTitle, bold: true)));
        signer.AddRange(Enumerable.Range(0, SignatureSpaceLines).Select(_ => HeaderLine()));
        signer.Add(HeaderLine(Text(signOff.SignerName, bold: true)));
        var table = LayoutTable([4535, 4820], [Cell([.. recipients]), Cell([.. signer])]);

        // One row that never splits: the title, the signature and the name stay on one page.
        table.GetFirstChild<TableRow>()!.PrependChild(new TableRowProperties(new CantSplit()));
        return table;
    }
}
