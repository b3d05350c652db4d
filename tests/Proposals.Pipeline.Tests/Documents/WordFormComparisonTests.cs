using System.Text;
using Proposals.Pipeline.Documents;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Documents;

public class WordFormComparisonTests
{
    private static IReadOnlyList<FormWarning> Compare(Dictionary<string, string> inWord, Dictionary<string, string>? posted = null) =>
        WordFormComparison.Compare(new WordFormContent(inWord), posted ?? SampleProposal.Fields(), A1Form.Definition());

    [Fact]
    public void A_Word_file_filled_in_like_the_form_gives_no_warning()
    {
        var content = WordFormReader.TryRead(new MemoryStream(A1Form.Filled(SampleProposal.Fields())), 1_000_000).ShouldNotBeNull();

        WordFormComparison.Compare(content, SampleProposal.Fields(), A1Form.Definition()).ShouldBeEmpty();
    }

    [Fact]
    public void Differences_of_typing_only_are_not_differences()
    {
        var inWord = SampleProposal.Fields(f =>
        {
            f["enterpriseName"] = "  CÔNG TY TNHH   cơ khí chính xác\nHẢI PHÒNG ".Normalize(NormalizationForm.FormD);
            f["taskName"] = "Ap dung LEAN va TPM nang cao nang suat day chuyen gia cong co khi";
            f["taxCode"] = "0100 233 488";
            f["annualRevenueVnd"] = "45 000 000 000 đồng";
            f["contactPhone"] = "+84 904.577.972";
            f["province"] = "Hải Phòng";
            f["taskType"] = "Dự án sản xuất thử nghiệm";
            f["priorityArea"] = "2. Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn";
            f["startMonth"] = "tháng 7/2024";
            f["objectives"] = "Nâng năng suất lao động 20%\n và giảm 30% phế phẩm.";
        });

        Compare(inWord).ShouldBeEmpty();
    }

    [Fact]
    public void A_VSIC_2018_code_in_the_Word_file_matches_the_code_it_was_converted_from_and_no_other()
    {
        var posted = SampleProposal.Fields(f =>
        {
            f["vsicCode"] = "6219";
            f["vsicCode2018"] = "6201";
        });

        Compare(SampleProposal.Fields(f => f["vsicCode"] = "6201"), posted).ShouldBeEmpty();
        Compare(SampleProposal.Fields(f => f["vsicCode"] = "6219"), posted).ShouldBeEmpty();
        Compare(SampleProposal.Fields(f => f["vsicCode"] = "6202"), posted).ShouldHaveSingleItem().Field.ShouldBe("vsicCode");
    }

    [Fact]
    public void A_different_task_name_gives_one_warning_quoting_the_Word_file()
    {
        var inWord = SampleProposal.Fields(f => f["taskName"] = "Áp dụng 5S tại xưởng đúc");

        var warning = Compare(inWord).ShouldHaveSingleItem();

        warning.Field.ShouldBe("taskName");
        warning.Vi.ShouldBe("Tên nhiệm vụ KH&CN trong tệp Word khác với nội dung đã khai: «Áp dụng 5S tại xưởng đúc»");
        warning.En.ShouldBe("The task name in the Word file differs from the form: «Áp dụng 5S tại xưởng đúc»");
    }

    [Fact]
    public void A_different_tax_code_or_task_type_is_a_difference()
    {
        var inWord = SampleProposal.Fields(f =>
        {
            f["taxCode"] = "0100233489";
            f["taskType"] = "Đề tài";
        });

        Compare(inWord).Select(w => w.Field).ShouldBe(["taxCode", "taskType"]);
    }

    [Fact]
    public void A_long_Word_answer_is_quoted_up_to_120_characters()
    {
        var inWord = SampleProposal.Fields(f => f["urgency"] = new string('x', 500));

        var warning = Compare(inWord).ShouldHaveSingleItem();

        var quoted = warning.En[(warning.En.IndexOf('«', StringComparison.Ordinal) + 1)..warning.En.IndexOf('»', StringComparison.Ordinal)];
        quoted.Length.ShouldBe(120);
        quoted.ShouldEndWith("…");
    }

    [Fact]
    public void Answers_missing_on_either_side_are_not_compared()
    {
        var inWord = SampleProposal.Fields(f =>
        {
            f["origin"] = string.Empty;
            f.Remove("coFunding");
        });
        var posted = SampleProposal.Fields(f => f.Remove("taskName"));
        inWord["taskName"] = "Một nhiệm vụ khác";

        Compare(inWord, posted).ShouldBeEmpty();
    }

    [Fact]
    public void A_Word_file_not_made_from_the_template_cannot_be_compared()
    {
        var content = WordFormReader.TryRead(new MemoryStream(SampleDocuments.Docx()), 1_000_000).ShouldNotBeNull();

        var warning = WordFormComparison.Compare(content, SampleProposal.Fields(), A1Form.Definition()).ShouldHaveSingleItem();

        warning.Field.ShouldBe("editableForm");
        warning.En.ShouldContain("does not follow the call's template");
    }
}
