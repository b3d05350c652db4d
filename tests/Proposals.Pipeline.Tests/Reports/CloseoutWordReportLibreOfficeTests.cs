using Proposals.Testing;
using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.Reports;

/// <summary>
/// Staff open the report, and enterprises the form, in Word or LibreOffice: a real office suite must
/// read them without a repair prompt and lay them out as Nghị định 30 asks.
/// </summary>
public sealed class CloseoutWordReportLibreOfficeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LibreOffice_converts_the_report_to_a_pdf_that_shows_the_national_emblem_lines_and_numbers_pages_from_two()
    {
        var folder = Directory.CreateTempSubdirectory("closeout-docx-");
        try
        {
            var (pdf, elapsed) = await LibreOfficeConversion.ToPdfAsync(CloseoutWordReportTests.Write(revision: 2), "closeout", folder);
            output.WriteLine($"LibreOffice converted the report in {elapsed.TotalSeconds:F1} s");

            ReportArtifacts.Save("closeout-r2.pdf", await File.ReadAllBytesAsync(pdf));
            using var document = PdfDocument.Open(pdf);
            var firstPage = Squeeze(document.GetPage(1).Text);
            firstPage.ShouldContain(Squeeze("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
            firstPage.ShouldContain(Squeeze("BÁO CÁO"));
            firstPage.ShouldContain(Squeeze("Kính gửi:"));

            // The top line of each page: no number on the report's first page nor on the appendix's
            // (the last page here), the page's number on the pages between.
            document.NumberOfPages.ShouldBeGreaterThanOrEqualTo(3);
            TopWord(document.GetPage(1)).ShouldNotBe("1");
            for (var number = 2; number < document.NumberOfPages; number++)
            {
                TopWord(document.GetPage(number)).ShouldBe(number.ToString(CultureInfo.InvariantCulture));
            }

            TopWord(document.GetPage(document.NumberOfPages)).ShouldBe("Phụ");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LibreOffice_lays_out_the_form_template_headed_by_the_enterprise_and_addressed_to_the_organiser()
    {
        var folder = Directory.CreateTempSubdirectory("form-template-docx-");
        try
        {
            var template = A1Form.Template();
            ReportArtifacts.Save("form-template.docx", template);
            var (pdf, _) = await LibreOfficeConversion.ToPdfAsync(template, "form-template", folder);

            ReportArtifacts.Save("form-template.pdf", await File.ReadAllBytesAsync(pdf));
            using var document = PdfDocument.Open(pdf);
            var firstPage = document.GetPage(1);
            var text = Squeeze(firstPage.Text);
            text.ShouldContain(Squeeze("TÊN DOANH NGHIỆP"));
            text.ShouldContain(Squeeze("Kính gửi: Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng"));
            text.ShouldNotContain(Squeeze("CHI CỤC TIÊU CHUẨN"), Case.Sensitive, "the organiser does not head the enterprise's form");

            // The enterprise on the left, the national name on the right, on the same line.
            var words = firstPage.GetWords().ToList();
            var enterprise = words.First(w => Squeeze(w.Text) == "TÊN");
            var nation = words.First(w => Squeeze(w.Text) == "CỘNG");
            enterprise.BoundingBox.Left.ShouldBeLessThan(firstPage.Width / 3);
            nation.BoundingBox.Left.ShouldBeGreaterThan(firstPage.Width / 3);
            Math.Abs(enterprise.BoundingBox.Top - nation.BoundingBox.Top).ShouldBeLessThan(4);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_Hai_Phong_report_rendered_is_issued_by_the_Sở_with_Như_trên_a_blank_date_its_basis_and_each_heading_beside_its_chart()
    {
        var folder = Directory.CreateTempSubdirectory("closeout-haiphong-");
        try
        {
            var (pdf, _) = await LibreOfficeConversion.ToPdfAsync(CloseoutWordReportTests.Write(revision: 1), "haiphong-2024", folder);
            ReportArtifacts.Save("haiphong-2024-r1.pdf", await File.ReadAllBytesAsync(pdf));
            using var document = PdfDocument.Open(pdf);
            var pages = document.GetPages().Select(p => Squeeze(p.Text)).ToList();
            var firstPage = pages[0];

            firstPage.ShouldContain(Squeeze("UBND THÀNH PHỐ HẢI PHÒNG"));
            firstPage.ShouldContain(Squeeze("SỞ KHOA HỌC VÀ CÔNG NGHỆ"));
            firstPage.ShouldNotContain(Squeeze("CHI CỤC TIÊU CHUẨN"), Case.Sensitive, "the Chi cục drafts; the Sở issues");
            firstPage.ShouldContain(Squeeze("Số: /BC-SKHCN"));
            firstPage.ShouldContain(Squeeze("Hải Phòng, ngày tháng năm"));
            firstPage.ShouldNotContain(Squeeze("tháng 4 năm 2023"));
            firstPage.ShouldContain(Squeeze("Thực hiện Công văn số 558/SKHCN-CCTĐC ngày 17/4/2023 của Sở Khoa học và Công nghệ"));
            string.Concat(pages).ShouldContain(Squeeze("Nơi nhận: - Như trên; - Giám đốc Sở (để b/c); - Lưu: VT, CCTĐC."));

            // LibreOffice honours keep-with-next: each heading is on the page of its chart's caption.
            PageOf(pages, "2. Phân loại theo nội dung ưu tiên").ShouldBe(PageOf(pages, "Hình 1."));
            PageOf(pages, "3. Phân loại theo quy mô doanh nghiệp").ShouldBe(PageOf(pages, "Hình 2."));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int PageOf(List<string> pages, string text) => pages.FindIndex(p => p.Contains(Squeeze(text), StringComparison.Ordinal));

    private static string TopWord(Page page) =>
        page.GetWords().OrderByDescending(w => w.BoundingBox.Top).First().Text.Normalize(NormalizationForm.FormC);

    /// <summary>PDF text comes back with its own spacing and sometimes decomposed accents.</summary>
    private static string Squeeze(string text) =>
        new(text.Normalize(NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c)).ToArray());
}
