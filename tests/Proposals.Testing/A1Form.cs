using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Domain.Calls;
using Proposals.Domain.Forms;
using Proposals.Pipeline.Documents;

namespace Proposals.Testing;

/// <summary>The shipped A1-ĐXNV definition, a call like Hai Phong's, and its Word template filled in as Word would.</summary>
public static class A1Form
{
    public static FormDefinition Definition()
    {
        using var json = File.OpenRead(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "forms", "a1-dxnv.json"));
        return FormDefinition.Load(json);
    }

    public static CallDefinition Call() => new()
    {
        Id = "demo",
        Title = "Đề xuất nhiệm vụ KH&CN cấp quốc gia bắt đầu thực hiện từ năm 2024",
        Organiser = "Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng",
        ParentAgency = "Sở Khoa học và Công nghệ Hải Phòng",
        ProgrammeYear = 2024,
        Deadline = new DateTimeOffset(2030, 12, 31, 17, 0, 0, TimeSpan.FromHours(7)),
        FormVersion = "A1-ĐXNV",
        ReceiptPrefix = "DEMO",
        PriorityAreas =
        [
            new() { Number = 1, Title = "Cơ chế, chính sách nâng cao năng suất" },
            new() { Number = 2, Title = "Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, công cụ cải tiến năng suất chất lượng" },
        ],
    };

    public static byte[] Template()
    {
        using var buffer = new MemoryStream();
        WordFormTemplate.Write(buffer, Call(), Definition());
        return buffer.ToArray();
    }

    /// <summary>
    /// Types <paramref name="answers"/> into the template's controls: the placeholder goes, each line of
    /// a block control becomes a paragraph, and a one-line answer is split into two runs as Word often does.
    /// </summary>
    public static byte[] Filled(IReadOnlyDictionary<string, string> answers)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Template());
        using (var document = WordprocessingDocument.Open(buffer, isEditable: true))
        {
            foreach (var control in document.MainDocumentPart!.Document.Descendants<SdtElement>().ToList())
            {
                // An answer by its field key; the letterhead's untagged controls by their name.
                var key = control.SdtProperties!.GetFirstChild<Tag>()?.Val?.Value ?? control.SdtProperties.GetFirstChild<SdtAlias>()!.Val!.Value!;
                if (!answers.TryGetValue(key, out var answer))
                {
                    continue;
                }

                control.SdtProperties.GetFirstChild<ShowingPlaceholder>()?.Remove();
                switch (control)
                {
                    case SdtBlock block:
                        block.SdtContentBlock!.RemoveAllChildren();
                        block.SdtContentBlock.Append(answer.Split('\n').Select(line => new Paragraph(new Run(new Text(line)))));
                        break;
                    case SdtRun run:
                        var half = answer.Length / 2;
                        run.SdtContentRun!.RemoveAllChildren();
                        run.SdtContentRun.Append(
                            new Run(new Text(answer[..half]) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                            new Run(new Text(answer[half..]) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                        break;
                }
            }
        }

        return buffer.ToArray();
    }
}
