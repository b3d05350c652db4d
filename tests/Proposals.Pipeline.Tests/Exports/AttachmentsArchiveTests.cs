using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Tests.Exports;

public sealed class AttachmentsArchiveTests
{
    [Theory]
    [InlineData("Công ty TNHH Cơ khí Chính xác Hải Phòng", "0100233488_cong-ty-tnhh-co-khi-chinh-xac-hai-phong")]
    [InlineData("../../etc/passwd", "0100233488_etc-passwd")]
    [InlineData("C:\\Windows\\System32 <>:\"|?*", "0100233488_c-windows-system32")]
    [InlineData("...", "0100233488")]
    public void Folder_names_are_the_tax_code_and_the_folded_name_and_nothing_else(string enterpriseName, string expected) =>
        AttachmentsArchive.FolderName(Record(enterpriseName)).ShouldBe(expected);

    [Fact]
    public void An_NFD_name_gives_the_same_folder_as_its_NFC_form() =>
        AttachmentsArchive.FolderName(Record("Đóng tàu Bạch Đằng".Normalize(System.Text.NormalizationForm.FormD))).ShouldBe("0100233488_dong-tau-bach-dang");

    [Fact]
    public void Long_names_are_cut_at_a_word_boundary_free_length()
    {
        var folder = AttachmentsArchive.FolderName(Record(string.Join(' ', Enumerable.Repeat("Công ty", 40))));
        folder.Length.ShouldBeLessThanOrEqualTo("0100233488_".Length + AttachmentsArchive.MaxNameLength);
        folder.ShouldNotEndWith("-");
    }

    [Fact]
    public void Each_proposal_gives_its_two_documents_named_by_receipt_number()
    {
        var entries = AttachmentsArchive.Entries(Record("Công ty A"));
        entries.Select(e => e.EntryName).ShouldBe([
            "0100233488_cong-ty-a/HP24-000012_ban-quet-co-chu-ky.pdf",
            "0100233488_cong-ty-a/HP24-000012_phieu-de-xuat.docx",
        ]);
    }

    [Fact]
    public void A_proposal_from_paper_without_a_Word_file_gives_its_scan_only()
    {
        var record = Record("Công ty A");
        record.EditableFormBytes = 0;
        AttachmentsArchive.Entries(record).ShouldHaveSingleItem().EntryName.ShouldEndWith("_ban-quet-co-chu-ky.pdf");
    }

    private static SubmissionRecord Record(string enterpriseName) => new()
    {
        PartitionKey = "haiphong-2024",
        RowKey = "0123456789abcdef0123456789abcdef",
        ReceiptNumber = "HP24-000012",
        TaxCode = "0100233488",
        EnterpriseName = enterpriseName,
        SignedScanBytes = 329,
        EditableFormBytes = 950,
    };
}
