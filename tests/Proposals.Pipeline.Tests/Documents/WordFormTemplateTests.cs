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

        var controls = document.MainDocumentPart!.Document.Descendants<SdtElement>().ToList();

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
        var placeholders = document.MainDocumentPart!.Document.Descendants<SdtElement>()
            .ToDictionary(c => c.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value!, c => c.Descendants<Text>().Single().Text);

        placeholders["enterpriseName"].ShouldBe("Tên đầy đủ theo Giấy chứng nhận đăng ký doanh nghiệp.");
        placeholders["address"].ShouldBe("…");
        placeholders["taskType"].ShouldBe("Đề tài / Dự án sản xuất thử nghiệm / Đề án khoa học");
    }

    [Fact]
    public void The_heading_follows_decree_30_with_the_agencies_and_the_national_motto_side_by_side()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(A1Form.Template()), isEditable: false);
        var body = document.MainDocumentPart!.Document.Body!;

        var letterhead = body.GetFirstChild<Table>().ShouldNotBeNull();
        body.ChildElements[0].ShouldBeSameAs(letterhead);
        var cells = letterhead.Descendants<TableCell>().Select(c => c.InnerText).ToList();
        cells.Count.ShouldBe(2);
        cells[0].ShouldBe("SỞ KHOA HỌC VÀ CÔNG NGHỆ HẢI PHÒNGCHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG HẢI PHÒNG");
        cells[1].ShouldStartWith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc");
        letterhead.GetFirstChild<TableProperties>()!.TableBorders!.ChildElements
            .Cast<BorderType>().ShouldAllBe(b => b.Val! == BorderValues.None);

        var title = body.Elements<Paragraph>().First();
        title.InnerText.ShouldBe(A1Form.Definition().Title.Vi);
        title.Descendants<Bold>().ShouldNotBeEmpty();
        title.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        body.Elements<Paragraph>().ElementAt(1).InnerText.ShouldBe(A1Form.Call().Title);
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
}
