using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Signatures;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Tests.Reports;

public sealed class CloseoutWordReportTests
{
    [Fact]
    public void Header_has_the_issuing_Sở_under_the_city_the_national_emblem_lines_their_rules_and_a_blank_issue_date()
    {
        using var document = Open(Write());
        var header = document.MainDocumentPart!.Document.Body!.Elements<Table>().First();
        var left = header.Elements<TableRow>().First().Elements<TableCell>().First();
        var right = header.Elements<TableRow>().First().Elements<TableCell>().Last();

        left.Elements<Paragraph>().Select(p => p.InnerText).ShouldBe(
            ["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", ""]);
        left.Elements<Paragraph>().ElementAt(1).Descendants<Bold>().ShouldNotBeEmpty();
        right.Elements<Paragraph>().Select(p => p.InnerText).ShouldBe(
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]);
        right.Elements<Paragraph>().ElementAt(1).Descendants<Bold>().ShouldNotBeEmpty();

        // NĐ30: a third to a half of the agency's line under the agency, the motto's length under the motto.
        var agencyText = CellWidth(left) - 2 * 108;
        RuleWidth(left.Elements<Paragraph>().Last(), agencyText).ShouldBeInRange(agencyText / 3, agencyText / 2);
        RuleWidth(right.Elements<Paragraph>().Last(), CellWidth(right) - 2 * 108).ShouldBeInRange(3000, 3400);

        var dateLine = header.Elements<TableRow>().Last().Elements<TableCell>().Last();
        // The issue date is the day the report is signed and registered: the clerk writes it, not the generator.
        dateLine.InnerText.ShouldBe("Hải Phòng, ngày      tháng      năm");
        dateLine.Descendants<Italic>().ShouldNotBeEmpty();
        header.Elements<TableRow>().Last().Elements<TableCell>().First().InnerText.ShouldBe("Số:        /BC-SKHCN");
    }

    [Fact]
    public void Pages_are_numbered_at_the_top_centre_from_page_two_and_the_appendix_on_its_own()
    {
        using var document = Open(Write());
        var main = document.MainDocumentPart!;
        var sections = main.Document.Descendants<SectionProperties>().ToList();

        sections.Count.ShouldBe(2);
        foreach (var section in sections)
        {
            section.GetFirstChild<TitlePage>().ShouldNotBeNull("the first page of each section shows no number");
            var numbered = Header(main, section, HeaderFooterValues.Default);
            numbered.Descendants<FieldCode>().Select(f => f.Text.Trim()).ShouldBe(["PAGE"]);
            numbered.Descendants<Justification>().Single().Val!.Value.ShouldBe(JustificationValues.Center);
            var first = Header(main, section, HeaderFooterValues.First);
            first.InnerText.ShouldBeEmpty();
            first.Descendants<FieldCode>().ShouldBeEmpty();
        }

        sections[0].GetFirstChild<PageNumberType>().ShouldBeNull("the report counts from 1");
        sections[1].GetFirstChild<PageNumberType>()!.Start!.Value.ShouldBe(1, "NĐ30 numbers an appendix on its own");
    }

    [Fact]
    public void The_report_is_addressed_to_each_addressee_on_its_own_line_under_the_title()
    {
        var paragraphs = Paragraphs(Write());

        var addressed = paragraphs.IndexOf("Kính gửi:");
        addressed.ShouldBeGreaterThan(paragraphs.IndexOf("BÁO CÁO"));
        addressed.ShouldBeLessThan(paragraphs.IndexOf("1. Kết quả tiếp nhận"));
        paragraphs.Skip(addressed + 1).Take(2).ShouldBe(["- Ủy ban nhân dân thành phố Hải Phòng;", "- Bộ Khoa học và Công nghệ."]);
    }

    [Fact]
    public void One_addressee_stands_on_the_line_of_Kính_gửi()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.Addressees = ["Ủy ban nhân dân thành phố Hải Phòng"];

        var paragraphs = Paragraphs(Write(call: call));

        paragraphs.ShouldContain("Kính gửi: Ủy ban nhân dân thành phố Hải Phòng");
        paragraphs.ShouldNotContain("Kính gửi:");
    }

    [Fact]
    public void Recipients_start_with_Như_trên_copy_the_director_and_keep_the_drafting_unit_beside_the_deputy_who_signs()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.SignerName = "Nguyễn Văn An";

        var (recipients, signer) = SignatureBlock(Write(call: call));

        recipients.ShouldBe(["Nơi nhận:", "- Như trên;", "- Giám đốc Sở (để b/c);", "- Lưu: VT, CCTĐC."]);
        signer.Where(line => line.Length > 0).ShouldBe(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]);
        signer.Count(line => line.Length == 0).ShouldBeGreaterThanOrEqualTo(3, "room for the signature and the seal");
    }

    [Fact]
    public void A_signer_left_out_of_the_call_file_is_a_visible_placeholder()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.SignerName.ShouldBeNullOrEmpty("the notice names no signer");
        call.Report.SignerAuthority = null;
        call.Report.SignerTitle = null;

        var (_, signer) = SignatureBlock(Write(call: call));

        signer.Where(line => line.Length > 0).ShouldBe(["(Chức vụ người ký)", "(Họ và tên)"]);
    }

    [Fact]
    public void A_call_without_report_settings_gets_placeholders_for_the_number_symbol_addressees_and_archive()
    {
        var call = ReportSamples.HaiPhong();
        call.Report = new CallReportSettings();
        var docx = Write(call: call);

        var paragraphs = Paragraphs(docx);
        paragraphs.ShouldContain("Số:        /(Ký hiệu)");
        paragraphs.ShouldContain("Kính gửi: (Cơ quan nhận báo cáo)");
        SignatureBlock(docx).Recipients.ShouldBe(["Nơi nhận:", "- Như trên;", "- Lưu: VT, (đơn vị soạn thảo)."]);
        paragraphs.ShouldContain(p => p.StartsWith(ReportSignOff.BasisPlaceholder, StringComparison.Ordinal));
        paragraphs.ShouldContain(ReportSignOff.RecommendationsPlaceholder);
    }

    [Fact]
    public void The_appendix_cites_the_report_by_number_symbol_and_issuer_with_the_number_and_date_left_blank()
    {
        var paragraphs = Paragraphs(Write());

        var appendix = paragraphs.IndexOf("Phụ lục");
        paragraphs.Skip(appendix).Take(3).ShouldBe([
            "Phụ lục",
            "DANH SÁCH ĐỀ XUẤT NHIỆM VỤ HỢP LỆ",
            "(Kèm theo Báo cáo số        /BC-SKHCN ngày      tháng      năm       của Sở Khoa học và Công nghệ)",
        ]);
    }

    [Fact]
    public void The_date_line_names_the_place_and_leaves_the_issue_date_to_the_clerk()
    {
        CloseoutWordReport.DateLine("Hải Phòng").ShouldBe("Hải Phòng, ngày      tháng      năm");
        var paragraphs = Paragraphs(Write());
        paragraphs.ShouldNotContain(p => p.Contains("2023", StringComparison.Ordinal) && p.Contains("tháng 4", StringComparison.Ordinal),
            "the day the report was generated is not its issue date");
    }

    [Fact]
    public void Title_names_the_call_and_the_revision_when_rewritten()
    {
        var first = Paragraphs(Write(revision: 1));
        var third = Paragraphs(Write(revision: 3));

        first.ShouldContain("BÁO CÁO");
        first.ShouldContain(p => p.StartsWith("Tổng hợp kết quả tiếp nhận đề xuất nhiệm vụ khoa học và công nghệ cấp quốc gia", StringComparison.Ordinal));
        first.ShouldNotContain(p => p.Contains("KH&CN", StringComparison.Ordinal));
        first.ShouldNotContain(p => p.Contains("Bản sửa đổi", StringComparison.Ordinal));
        third.ShouldContain("(Bản sửa đổi lần 2)");
    }

    [Fact]
    public void Summary_states_every_count_in_Vietnamese()
    {
        var text = string.Join("\n", Paragraphs(Write()));

        text.ShouldContain("Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng đã tiếp nhận 7 hồ sơ đề xuất");
        text.ShouldContain("- 4 đề xuất hợp lệ");
        text.ShouldContain("- 1 hồ sơ không hợp lệ");
        text.ShouldContain("- 1 hồ sơ đã được doanh nghiệp thay bằng bản nộp sau");
        text.ShouldContain("- 1 hồ sơ đang xử lý");
        text.ShouldContain("2 lượt nộp sau thời hạn không được tiếp nhận");
        text.ShouldContain("Có 1 đề xuất hợp lệ có cảnh báo");
        foreach (var cut in new[] { "hệ thống trực tuyến", "hệ thống đã", "bảng tính", "giờ Việt Nam", "KH&CN" })
        {
            text.ShouldNotContain(cut, Case.Sensitive, "an official would cut it");
        }
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
        CloseoutWordReport.Write(docx, call, 1, CloseoutSummary.Of(call, []), []);

        using var document = Open(docx.ToArray());
        new OpenXmlValidator().Validate(document).ShouldBeEmpty();
        document.MainDocumentPart!.Document.Body!.Elements<Table>().Last().Elements<TableRow>().Count().ShouldBe(1);
        document.MainDocumentPart.ImageParts.ShouldBeEmpty("no proposal, no empty chart");
        document.MainDocumentPart.Document.Body.Descendants<Paragraph>().Count(p => p.InnerText == "Không có đề xuất hợp lệ nào để phân loại.").ShouldBe(2);
    }

    [Fact]
    public void The_body_opens_with_the_basis_from_the_call_file_and_ends_with_the_recommendations()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.Recommendations = "Đề nghị Bộ xem xét các đề xuất tại Phụ lục.\nĐề nghị Ủy ban nhân dân thành phố chỉ đạo.";
        var paragraphs = Paragraphs(Write(call: call));

        var opening = paragraphs.IndexOf(paragraphs.First(p => p.StartsWith("Thực hiện Công văn số 558/SKHCN-CCTĐC ngày 17/4/2023 của Sở Khoa học và Công nghệ", StringComparison.Ordinal)));
        paragraphs[opening].ShouldEndWith(", Sở Khoa học và Công nghệ báo cáo kết quả tiếp nhận hồ sơ đề xuất như sau:");
        opening.ShouldBeLessThan(paragraphs.IndexOf("1. Kết quả tiếp nhận"));
        var closing = paragraphs.IndexOf("4. Kiến nghị, đề xuất");
        closing.ShouldBeGreaterThan(paragraphs.IndexOf("3. Phân loại theo quy mô doanh nghiệp"));
        paragraphs.Skip(closing + 1).Take(2).ShouldBe(["Đề nghị Bộ xem xét các đề xuất tại Phụ lục.", "Đề nghị Ủy ban nhân dân thành phố chỉ đạo."]);
    }

    [Fact]
    public void Headings_keep_with_what_follows_and_each_chart_shares_an_unsplittable_row_with_its_heading_and_caption()
    {
        using var document = Open(Write());
        var body = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();

        foreach (var heading in new[] { "1. Kết quả tiếp nhận", "2. Phân loại theo nội dung ưu tiên", "3. Phân loại theo quy mô doanh nghiệp", "4. Kiến nghị, đề xuất" })
        {
            body.Single(p => p.InnerText == heading).ParagraphProperties!.GetFirstChild<KeepNext>().ShouldNotBeNull(heading);
        }

        var pictures = body.Where(p => p.Descendants<Drawing>().Any()).ToList();
        pictures.Count.ShouldBe(2);
        foreach (var (picture, heading, caption) in new[] { (pictures[0], "2. Phân loại", "Hình 1."), (pictures[1], "3. Phân loại", "Hình 2.") })
        {
            picture.ParagraphProperties!.GetFirstChild<KeepNext>().ShouldNotBeNull("the chart stays with its caption");
            var row = picture.Ancestors<TableRow>().Single();
            row.TableRowProperties!.GetFirstChild<CantSplit>().ShouldNotBeNull("LibreOffice ignores keep-with-next before a picture");
            var together = row.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
            together.First().ShouldStartWith(heading);
            together.Last().ShouldStartWith(caption);
        }
    }

    [Fact]
    public void The_SME_decree_is_cited_in_full_once_then_short()
    {
        var text = string.Join("\n", Paragraphs(Write()));

        text.Split(CloseoutWordReport.SmeDecreeInFull).Length.ShouldBe(2, "cited in full exactly once");
        text.IndexOf(CloseoutWordReport.SmeDecreeInFull, StringComparison.Ordinal)
            .ShouldBeLessThan(text.IndexOf("(Nghị định 80/2021/NĐ-CP)", StringComparison.Ordinal));
    }

    [Fact]
    public void Counts_are_written_with_dots_between_thousands_and_the_archive_line_gives_the_copies()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.ArchiveCopies = 2;
        var many = Enumerable.Range(1, 1234).Select(n => ReportSamples.Counted(n, "Nhiệm vụ " + n, "Công ty " + n, "0100233488", 2, 12)).ToList();
        using var docx = new MemoryStream();
        CloseoutWordReport.Write(docx, call, 1, CloseoutSummary.Of(call, many), many);

        var text = string.Join("\n", Paragraphs(docx.ToArray()));
        text.ShouldContain("đã tiếp nhận 1.234 hồ sơ đề xuất");
        text.ShouldContain("- 1.234 đề xuất hợp lệ");
        SignatureBlock(docx.ToArray()).Recipients.Last().ShouldBe("- Lưu: VT, CCTĐC, 02b.");
    }

    internal static byte[] Write(int revision = 1, CallDefinition? call = null)
    {
        call ??= ReportSamples.HaiPhong();
        var all = ReportSamples.All();
        var summary = CloseoutSummary.Of(call, all, lateRejected: 2);
        using var docx = new MemoryStream();
        CloseoutWordReport.Write(docx, call, revision, summary, all.Where(r => r.IsCounted));
        ReportArtifacts.Save($"closeout-r{revision}.docx", docx.ToArray());
        return docx.ToArray();
    }

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    private static Header Header(MainDocumentPart main, SectionProperties section, HeaderFooterValues type)
    {
        var reference = section.Elements<HeaderReference>().Single(h => h.Type!.Value == type);
        return ((HeaderPart)main.GetPartById(reference.Id!.Value!)).Header;
    }

    private static int CellWidth(TableCell cell) => int.Parse(cell.TableCellProperties!.TableCellWidth!.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A rule is an empty paragraph with a top border, narrowed by equal indents.</summary>
    private static int RuleWidth(Paragraph rule, int textWidth)
    {
        rule.InnerText.ShouldBeEmpty();
        rule.ParagraphProperties!.ParagraphBorders!.TopBorder!.Val!.Value.ShouldBe(BorderValues.Single);
        var indentation = rule.ParagraphProperties.Indentation!;
        indentation.Left!.Value.ShouldBe(indentation.Right!.Value, "centred");
        return textWidth - 2 * int.Parse(indentation.Left.Value!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The two columns of the table that ends the report: "Nơi nhận" and the signer, line by line.</summary>
    private static (List<string> Recipients, List<string> Signer) SignatureBlock(byte[] docx)
    {
        using var document = Open(docx);
        var table = document.MainDocumentPart!.Document.Body!.Elements<Table>()
            .Single(t => t.InnerText.StartsWith("Nơi nhận:", StringComparison.Ordinal));
        var cells = table.Elements<TableRow>().Single().Elements<TableCell>().ToList();
        return (cells[0].Elements<Paragraph>().Select(p => p.InnerText).ToList(), cells[1].Elements<Paragraph>().Select(p => p.InnerText).ToList());
    }

    private static List<string> Paragraphs(byte[] docx)
    {
        using var document = Open(docx);
        return document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
    }
}
