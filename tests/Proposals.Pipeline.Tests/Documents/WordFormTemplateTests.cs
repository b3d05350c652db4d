using Proposals.Testing;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Pipeline.Documents;

namespace Proposals.Pipeline.Tests.Documents;

public class WordFormTemplateTests
{
    [Fact]
    public void The_template_is_valid_Open_XML()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}");

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Every_field_has_a_content_control_tagged_with_its_key_and_named_after_its_label()
    {
        var form = A1Form.Definition();
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);

        var controls = FieldControls(document).ToList();

        controls.Select(c => c.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value).ShouldBe(form.Fields.Select(f => f.Key));
        foreach (var (control, field) in controls.Zip(form.Fields))
        {
            control.SdtProperties!.GetFirstChild<SdtAlias>()!.Val!.Value.ShouldBe(field.Label.Vi);
            control.SdtProperties.GetFirstChild<ShowingPlaceholder>().ShouldNotBeNull();
            if (field.IsMultiline)
            {
                control.ShouldBeOfType<SdtBlock>();
            }
            else
            {
                control.ShouldBeOfType<SdtRun>().SdtProperties!.GetFirstChild<SdtContentText>().ShouldNotBeNull($"{field.Key} is plain text");
            }
        }
    }

    [Fact]
    public void The_placeholder_is_the_help_of_the_field_or_an_ellipsis()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);
        var placeholders = FieldControls(document)
            .ToDictionary(c => c.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value!, c => c.Descendants<Text>().Single().Text);

        placeholders["enterpriseName"].ShouldBe("Tên đầy đủ theo Giấy chứng nhận đăng ký doanh nghiệp.");
        placeholders["address"].ShouldBe("…");
        placeholders["taskType"].ShouldBe("Đề tài khoa học và công nghệ / Dự án sản xuất thử nghiệm / Đề án khoa học");
    }

    [Fact]
    public void The_enterprise_heads_the_form_beside_the_national_motto_and_the_organiser_is_only_addressed()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);
        var body = document.MainDocumentPart!.Document.Body!;

        var letterhead = body.GetFirstChild<Table>().ShouldNotBeNull();
        body.ChildElements[0].ShouldBeSameAs(letterhead);
        var cells = letterhead.Descendants<TableCell>().ToList();
        cells.Count.ShouldBe(2);
        cells[0].Elements().Select(e => e.InnerText).Where(t => t.Length > 0).ShouldBe(["TÊN DOANH NGHIỆP", "Mã số thuế: ……………………"]);
        cells[1].Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ShouldBe(
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "…………, ngày … tháng … năm ……"]);
        letterhead.GetFirstChild<TableProperties>()!.TableBorders!.ChildElements
            .Cast<BorderType>().ShouldAllBe(b => b.Val! == BorderValues.None);
        letterhead.InnerText.ShouldNotContain("CHI CỤC", Case.Insensitive);

        // NĐ30's short rules: under the enterprise's lines and under the motto.
        cells.Select(c => c.Elements<Paragraph>().Count(p => p.ParagraphProperties?.ParagraphBorders?.TopBorder is not null && p.InnerText.Length == 0))
            .ShouldBe([1, 1]);

        var title = body.Elements<Paragraph>().First();
        title.InnerText.ShouldBe(A1Form.Definition().Title.Vi);
        title.Descendants<Bold>().ShouldNotBeEmpty();
        title.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        body.Elements<Paragraph>().ElementAt(1).InnerText.ShouldBe(A1Form.Call().Title);
        body.Elements<Paragraph>().ElementAt(2).InnerText.ShouldBe("Kính gửi: Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng");
    }

    [Fact]
    public void The_enterprise_name_and_tax_code_in_the_letterhead_are_untagged_controls_the_reader_leaves_alone()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);
        var letterhead = document.MainDocumentPart!.Document.Body!.GetFirstChild<Table>()!;

        var controls = letterhead.Descendants<SdtElement>().ToList();

        controls.Select(c => c.SdtProperties!.GetFirstChild<SdtAlias>()!.Val!.Value)
            .ShouldBe(["Tên doanh nghiệp (đầu trang)", "Mã số thuế (đầu trang)"]);
        controls.ShouldAllBe(c => c.SdtProperties!.GetFirstChild<Tag>() == null && c.SdtProperties.GetFirstChild<ShowingPlaceholder>() != null);
        controls[0].SdtProperties!.GetFirstChild<RunProperties>()!.Bold.ShouldNotBeNull("what is typed over the placeholder is bold, as NĐ30 sets the issuer");
        document.MainDocumentPart.Document.Descendants<SdtId>().Select(i => i.Val!.Value).ShouldBeUnique();
    }

    [Fact]
    public void The_text_is_Times_New_Roman_13_in_Vietnamese()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);

        var defaults = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;

        defaults.RunFonts!.Ascii!.Value.ShouldBe("Times New Roman");
        defaults.RunFonts.HighAnsi!.Value.ShouldBe("Times New Roman");
        defaults.FontSize!.Val!.Value.ShouldBe("26");
        defaults.Languages!.Val!.Value.ShouldBe("vi-VN");
    }

    [Fact]
    public void Only_the_pilot_production_items_carry_the_applicability_note_and_the_signature_block_ends_the_form()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        paragraphs.Where(p => p.Contains("(chỉ áp dụng với dự án sản xuất thử nghiệm)", StringComparison.Ordinal))
            .ShouldBe(["9.1. Xuất xứ hình thành: (chỉ áp dụng với dự án sản xuất thử nghiệm)",
                "9.2. Khả năng huy động nguồn vốn ngoài ngân sách nhà nước: (chỉ áp dụng với dự án sản xuất thử nghiệm)"]);
        paragraphs.TakeLast(2).ShouldBe(["TỔ CHỨC, CÁ NHÂN ĐỀ XUẤT", "(Họ, tên, chữ ký, đóng dấu)"]);
    }

    [Fact]
    public void The_call_priority_areas_are_listed_under_the_priority_area_item()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        var item = paragraphs.FindIndex(p => p.StartsWith("Nội dung ưu tiên của Chương trình:", StringComparison.Ordinal));
        paragraphs.Skip(item + 1).Take(2).ShouldBe([
            "1. Cơ chế, chính sách nâng cao năng suất",
            "2. Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, công cụ cải tiến năng suất chất lượng"]);
    }

    /// <summary>The answers' controls: every one carries its field key as its tag.</summary>
    private static IEnumerable<SdtElement> FieldControls(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document.Descendants<SdtElement>().Where(c => c.SdtProperties!.GetFirstChild<Tag>() is not null);
}
