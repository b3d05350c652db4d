using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

public class WordFormReaderTests
{
    private const long Bound = 1_000_000;

    [Fact]
    public void A_filled_template_reads_back_to_the_same_values()
    {
        var answers = SampleProposal.Fields(f => f["objectives"] = "Nâng năng suất lao động 20%.\nGiảm 30% phế phẩm.\n\nĐạt ISO 9001:2015.");

        var content = WordFormReader.TryRead(new MemoryStream(A1Form.Filled(answers)), Bound).ShouldNotBeNull();

        content.ValuesByTag.ShouldBe(answers, ignoreOrder: true);
        content.ValuesByTag["objectives"].ShouldBe("Nâng năng suất lao động 20%.\nGiảm 30% phế phẩm.\n\nĐạt ISO 9001:2015.");
        content.ValuesByTag["enterpriseName"].ShouldBe("Công ty TNHH Cơ khí Chính xác Hải Phòng");
    }

    [Fact]
    public void The_name_and_tax_code_typed_in_the_letterhead_are_not_read_as_answers()
    {
        var answers = SampleProposal.Fields();
        var typed = new Dictionary<string, string>(answers)
        {
            ["Tên doanh nghiệp (đầu trang)"] = "CÔNG TY CƠ KHÍ HẢI PHÒNG",
            ["Mã số thuế (đầu trang)"] = "0100233480",
        };

        var filled = A1Form.Filled(typed);

        using (var document = WordprocessingDocument.Open(new MemoryStream(filled), isEditable: false))
        {
            document.MainDocumentPart!.Document.Body!.GetFirstChild<Table>()!.InnerText.ShouldContain("CÔNG TY CƠ KHÍ HẢI PHÒNG");
        }

        WordFormReader.TryRead(new MemoryStream(filled), Bound).ShouldNotBeNull().ValuesByTag.ShouldBe(answers, ignoreOrder: true);
    }

    [Fact]
    public void An_unfilled_template_reads_as_empty_answers_not_as_its_placeholders()
    {
        var content = WordFormReader.TryRead(new MemoryStream(A1Form.Template()), Bound).ShouldNotBeNull();

        content.FollowsTemplate.ShouldBeTrue();
        content.ValuesByTag.Keys.ShouldBe(A1Form.Definition().Fields.Select(f => f.Key), ignoreOrder: true);
        content.ValuesByTag.Values.ShouldAllBe(v => v.Length == 0);
    }

    [Fact]
    public void A_Word_file_without_content_controls_reads_as_no_answers()
    {
        var content = WordFormReader.TryRead(new MemoryStream(SampleDocuments.Docx()), Bound).ShouldNotBeNull();

        content.ValuesByTag.ShouldBeEmpty();
        content.FollowsTemplate.ShouldBeFalse();
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_not_read() =>
        WordFormReader.TryRead(new MemoryStream("just text, not a zip"u8.ToArray()), Bound).ShouldBeNull();

    [Fact]
    public void A_zip_that_is_not_a_Word_document_is_not_read() =>
        WordFormReader.TryRead(new MemoryStream(SampleDocuments.ZipThatIsNotWord()), Bound).ShouldBeNull();

    [Fact]
    public void A_document_part_declared_larger_than_the_bound_is_refused_before_it_is_parsed()
    {
        // About 2 MB of text compresses to a few KB: a small upload that would inflate past the bound.
        var bomb = SampleDocuments.Docx(new string('a', 2_000_000));

        WordFormReader.TryRead(new MemoryStream(bomb), Bound).ShouldBeNull();
        WordFormReader.TryRead(new MemoryStream(bomb), 4 * Bound).ShouldNotBeNull();
    }

    [Fact]
    public void A_document_part_that_lies_about_its_size_is_still_stopped_at_the_bound()
    {
        var bomb = SampleDocuments.Docx(new string('a', 2_000_000));
        DeclareSize(bomb, "word/document.xml", 1_000);

        WordFormReader.TryRead(new MemoryStream(bomb), Bound).ShouldBeNull();
    }

    /// <summary>Rewrites the uncompressed size of an entry in its local header and the central directory.</summary>
    private static void DeclareSize(byte[] zip, string entryName, uint size)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i < zip.Length - 46; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034b50 && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size);
            }
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
            }
        }

        using var check = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        check.GetEntry(entryName)!.Length.ShouldBe(size);
    }
}
