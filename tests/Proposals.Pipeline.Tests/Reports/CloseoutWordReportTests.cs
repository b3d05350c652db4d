using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Tests.Reports;

public sealed class CloseoutWordReportTests
{
    [Fact]
    public void Header_has_the_agency_the_national_emblem_lines_and_the_date_in_Vietnam_time()
    {
        using var document = Open(Write());
        var header = document.MainDocumentPart!.Document.Body!.Elements<Table>().First();
        var left = header.Elements<TableRow>().First().Elements<TableCell>().First();
        var right = header.Elements<TableRow>().First().Elements<TableCell>().Last();

        left.Elements<Paragraph>().Select(p => p.InnerText).ShouldBe(
            ["SỞ KHOA HỌC VÀ CÔNG NGHỆ HẢI PHÒNG", "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG HẢI PHÒNG"]);
        left.Elements<Paragraph>().Last().Descendants<Bold>().ShouldNotBeEmpty();
        right.Elements<Paragraph>().Select(p => p.InnerText).ShouldBe(
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
        right.Elements<Paragraph>().Last().Descendants<Underline>().ShouldNotBeEmpty();

        var dateLine = header.Elements<TableRow>().Last().Elements<TableCell>().Last();
        // 01:30 UTC on 22 April is 08:30 on 22 April in Vietnam.
        dateLine.InnerText.ShouldBe("Hải Phòng, ngày 22 tháng 4 năm 2023");
        dateLine.Descendants<Italic>().ShouldNotBeEmpty();
        header.Elements<TableRow>().Last().Elements<TableCell>().First().InnerText.ShouldStartWith("Số:");
    }

    [Fact]
    public void Date_line_pads_days_below_ten_and_the_first_two_months()
    {
        var late = new DateTimeOffset(2024, 2, 4, 18, 0, 0, TimeSpan.Zero); // 5 Feb 01:00 in Vietnam

        CloseoutWordReport.DateLine("Hải Phòng", late).ShouldBe("Hải Phòng, ngày 05 tháng 02 năm 2024");
    }

    [Fact]
    public void Title_names_the_call_and_the_revision_when_rewritten()
    {
        var first = Paragraphs(Write(revision: 1));
        var third = Paragraphs(Write(revision: 3));

        first.ShouldContain("BÁO CÁO");
        first.ShouldContain(p => p.StartsWith("Tổng hợp kết quả tiếp nhận đề xuất nhiệm vụ KH&CN cấp quốc gia", StringComparison.Ordinal));
        first.ShouldNotContain(p => p.Contains("Bản sửa đổi", StringComparison.Ordinal));
        third.ShouldContain("(Bản sửa đổi lần 2)");
    }

    [Fact]
    public void Summary_states_every_count_in_Vietnamese()
    {
        var text = string.Join("\n", Paragraphs(Write()));

        text.ShouldContain("hệ thống đã nhận 7 hồ sơ");
        text.ShouldContain("- 4 đề xuất hợp lệ");
        text.ShouldContain("- 1 hồ sơ không hợp lệ");
        text.ShouldContain("- 1 hồ sơ đã được doanh nghiệp thay bằng bản nộp sau");
        text.ShouldContain("- 1 hồ sơ đang xử lý");
        text.ShouldContain("từ chối 2 lượt nộp sau thời hạn");
        text.ShouldContain("Có 1 đề xuất hợp lệ có cảnh báo");
    }

    [Fact]
    public void Appendix_lists_each_counted_proposal_in_order_with_text_as_typed()
    {
        using var document = Open(Write());
        var list = document.MainDocumentPart!.Document.Body!.Elements<Table>().Last();
        var rows = list.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();

        rows[0].ShouldBe(CloseoutWordReport.ListHeaders);
        list.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>().ShouldNotBeNull("header repeats on each page");
        rows.Count.ShouldBe(1 + 4);
        rows[1].ShouldBe(["1", "Áp dụng ISO 9001 và công cụ Lean tại nhà máy đóng tàu", "Công ty TNHH Đóng tàu Bạch Đằng", "0100233488", "2", "24", "",
            SignatureStates.Vietnamese(SignatureStates.Verified)]);
        rows[2].ShouldBe(
        [
            "2", "=1+1", "Công ty Cổ phần Thép \"Hải Phòng\" & Cộng sự", "0314409058-002", "4 (gợi ý: 2)", "40",
            string.Join("; ", EligibilityFlags.Vietnamese(EligibilityFlags.DurationOverLimit), EligibilityFlags.Vietnamese(EligibilityFlags.LargeEnterprise),
                EligibilityFlags.Vietnamese(EligibilityFlags.PriorityAreaMismatch)),
            SignatureStates.Vietnamese(SignatureStates.NotSigned),
        ]);
        rows[3][1].ShouldBe("<script>&\"");
        rows[4][1].ShouldBe("Đào tạo chuyên gia năng suất chất lượng cho doanh nghiệp vừa", "the control character is dropped");
        rows.SelectMany(r => r).ShouldAllBe(cell => cell.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void Both_charts_are_embedded_as_png_pictures_with_alt_text()
    {
        using var document = Open(Write());
        var main = document.MainDocumentPart!;

        main.ImageParts.Count().ShouldBe(2);
        foreach (var image in main.ImageParts)
        {
            image.ContentType.ShouldBe("image/png");
            using var stream = image.GetStream();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            bytes.Length.ShouldBeGreaterThan(5_000);
            bytes.ToArray()[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        }

        var pictures = main.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().ToList();
        pictures.Select(p => p.Description!.Value).ShouldSatisfyAllConditions(
            d => d.ShouldContain(a => a!.StartsWith(ReportCharts.PriorityAreaTitle, StringComparison.Ordinal)),
            d => d.ShouldContain(a => a!.StartsWith(ReportCharts.SizeTitle, StringComparison.Ordinal) && a.Contains("Siêu nhỏ: 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Body_is_Times_New_Roman_13pt_on_A4_with_NĐ30_margins()
    {
        using var document = Open(Write());
        var defaults = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        defaults.RunFonts!.Ascii!.Value.ShouldBe("Times New Roman");
        defaults.FontSize!.Val!.Value.ShouldBe("26");

        var sections = document.MainDocumentPart.Document.Descendants<SectionProperties>().ToList();
        sections.Count.ShouldBe(2, "the report in portrait, the appendix in landscape");
        var portrait = sections[0];
        portrait.GetFirstChild<PageSize>()!.Width!.Value.ShouldBe(11906u);
        var margin = portrait.GetFirstChild<PageMargin>()!;
        ((int)margin.Top!.Value).ShouldBeInRange(1134, 1417);
        ((int)margin.Bottom!.Value).ShouldBeInRange(1134, 1417);
        ((int)margin.Left!.Value).ShouldBeInRange(1701, 1984);
        ((int)margin.Right!.Value).ShouldBeInRange(851, 1134);
        sections[1].GetFirstChild<PageSize>()!.Orient!.Value.ShouldBe(PageOrientationValues.Landscape);
    }

    [Fact]
    public void Document_is_valid_Open_XML()
    {
        using var document = Open(Write());

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_call_still_gives_a_valid_report()
    {
        var call = ReportSamples.HaiPhong();
        using var docx = new MemoryStream();
        CloseoutWordReport.Write(docx, call, 1, ReportSamples.GeneratedAtUtc, CloseoutSummary.Of(call, []), []);

        using var document = Open(docx.ToArray());
        new OpenXmlValidator().Validate(document).ShouldBeEmpty();
        document.MainDocumentPart!.Document.Body!.Elements<Table>().Last().Elements<TableRow>().Count().ShouldBe(1);
    }

    internal static byte[] Write(int revision = 1)
    {
        var call = ReportSamples.HaiPhong();
        var all = ReportSamples.All();
        var summary = CloseoutSummary.Of(call, all, lateRejected: 2);
        using var docx = new MemoryStream();
        CloseoutWordReport.Write(docx, call, revision, ReportSamples.GeneratedAtUtc, summary, all.Where(r => r.IsCounted));
        ReportArtifacts.Save($"closeout-r{revision}.docx", docx.ToArray());
        return docx.ToArray();
    }

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    private static List<string> Paragraphs(byte[] docx)
    {
        using var document = Open(docx);
        return document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
    }
}
