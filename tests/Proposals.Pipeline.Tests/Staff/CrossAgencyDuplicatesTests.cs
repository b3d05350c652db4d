using Proposals.Domain.Classification;
using Proposals.Pipeline.Staff;

namespace Proposals.Pipeline.Tests;

/// <summary>The national view flags one enterprise's task sent to two agencies, by the rule used within a call.</summary>
public sealed class CrossAgencyDuplicatesTests
{
    private static NationalProposal Sent(string agency, string taxCode, string taskName, int n) =>
        new(agency, agency + "-2028", "s" + n, $"R-{n:D6}", taxCode, "Công ty " + n, taskName, DuplicateRules.TaskNameKey(taskName), "Hải Phòng", "classified");

    [Fact]
    public void The_same_tax_code_and_a_similar_task_in_two_agencies_is_flagged()
    {
        var found = NationalView.CrossAgencyDuplicates(
        [
            Sent("haiphong", "0200123456", "Áp dụng ISO 9001 tại nhà máy cơ khí", 1),
            Sent("danang", "0200123456", "Ap dung ISO 9001 tai nha may co khi.", 2),
        ]);
        var duplicate = found.ShouldHaveSingleItem();
        duplicate.Kind.ShouldBe("same-tax-code-similar-task");
        duplicate.Proposals.Select(p => p.AgencyId).ShouldBe(["danang", "haiphong"]);
    }

    [Fact]
    public void The_same_tax_code_with_different_tasks_is_flagged_as_such_and_one_agency_s_own_pair_is_left_to_its_call()
    {
        NationalView.CrossAgencyDuplicates(
        [
            Sent("haiphong", "0200123456", "Đào tạo chuyên gia năng suất", 1),
            Sent("danang", "0200123456", "Xây dựng TCVN cho sản phẩm OCOP", 2),
        ]).ShouldHaveSingleItem().Kind.ShouldBe("same-tax-code");

        NationalView.CrossAgencyDuplicates(
        [
            Sent("haiphong", "0200123456", "Đào tạo chuyên gia năng suất", 1),
            Sent("haiphong", "0200123456", "Đào tạo chuyên gia năng suất", 2),
        ]).ShouldBeEmpty("within one agency's call the call's own rule flags it");
    }

    [Fact]
    public void The_same_task_name_under_two_tax_codes_in_two_agencies_is_flagged()
    {
        var found = NationalView.CrossAgencyDuplicates(
        [
            Sent("haiphong", "0200123456", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 1),
            Sent("danang", "0400765432", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 2),
        ]);
        var duplicate = found.ShouldHaveSingleItem();
        duplicate.Kind.ShouldBe("same-task-name");
        duplicate.TaxCode.ShouldBeNull();
    }
}
