using Proposals.Domain.Classification;
using Proposals.Pipeline.Staff;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The national view flags one enterprise's task sent to two agencies, or again after an earlier year's call, and
/// the same or a similar task name sent by two enterprises, by the rule used within a call.
/// </summary>
public sealed class CrossAgencyDuplicatesTests
{
    private const int Year = 2028;

    private static NationalProposal Sent(string agency, string taxCode, string taskName, int n, int year = Year) =>
        new(agency, $"{agency}-{year}", "s" + n, $"R-{n:D6}", taxCode, "Công ty " + n, taskName, DuplicateRules.TaskNameKey(taskName), "Hải Phòng", "classified", year, year < Year);

    private static IReadOnlyList<CrossAgencyDuplicate> Find(params NationalProposal[] proposals) =>
        NationalView.CrossAgencyDuplicates(proposals);

    [Fact]
    public void The_same_tax_code_and_a_similar_task_in_two_agencies_is_flagged()
    {
        var duplicate = Find(
            Sent("haiphong", "0200123456", "Áp dụng ISO 9001 tại nhà máy cơ khí", 1),
            Sent("danang", "0200123456", "Ap dung ISO 9001 tai nha may co khi.", 2)).ShouldHaveSingleItem();
        duplicate.Kind.ShouldBe("same-tax-code-similar-task");
        duplicate.Proposals.Select(p => p.AgencyId).ShouldBe(["danang", "haiphong"]);
    }

    [Fact]
    public void The_same_tax_code_with_different_tasks_is_flagged_as_such_and_one_agency_s_own_pair_is_left_to_its_call()
    {
        Find(
            Sent("haiphong", "0200123456", "Đào tạo chuyên gia năng suất", 1),
            Sent("danang", "0200123456", "Xây dựng TCVN cho sản phẩm OCOP", 2)).ShouldHaveSingleItem().Kind.ShouldBe("same-tax-code");

        Find(
            Sent("haiphong", "0200123456", "Đào tạo chuyên gia năng suất", 1),
            Sent("haiphong", "0200123456", "Đào tạo chuyên gia năng suất", 2)).ShouldBeEmpty("within one agency's call the call's own rule flags it");
    }

    [Fact]
    public void The_same_task_name_under_two_tax_codes_in_two_agencies_is_flagged()
    {
        var duplicate = Find(
            Sent("haiphong", "0200123456", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 1),
            Sent("danang", "0400765432", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 2)).ShouldHaveSingleItem();
        duplicate.Kind.ShouldBe("same-task-name");
        duplicate.TaxCode.ShouldBeNull();
    }

    [Theory]
    [InlineData("Ứng dụng mô hình 5S và Kaizen cho doanh nghiệp nhỏ ngành may mặc tại Đà Nẵng")] // two words changed
    [InlineData("Ung dung mo hinh 5S va Kaizan cho doanh ngiep nho nganh may mac tai Hai Phong")] // typos
    public void A_similar_task_name_under_another_tax_code_in_another_agency_is_flagged(string copied)
    {
        var duplicate = Find(
            Sent("haiphong", "0200123456", "Ứng dụng mô hình 5S và Kaizen cho doanh nghiệp nhỏ ngành may mặc tại Hải Phòng", 1),
            Sent("danang", "0400765432", copied, 2),
            Sent("danang", "0400111111", "Đào tạo chuyên gia năng suất chất lượng cho hợp tác xã", 3)).ShouldHaveSingleItem();
        duplicate.Kind.ShouldBe("similar-task-name");
        duplicate.Proposals.Select(p => p.SubmissionId).ShouldBe(["s2", "s1"]);
    }

    [Fact]
    public void Names_linked_in_a_chain_are_reported_once_as_one_set()
    {
        var found = Find(
            Sent("haiphong", "0200000001", "Áp dụng ISO 50001 quản lý năng lượng tại nhà máy thép", 1),
            Sent("danang", "0200000002", "Áp dụng ISO 50001 quản lý năng lượng tại nhà máy thép Đà Nẵng", 2),
            Sent("quangninh", "0200000003", "Áp dụng ISO 50001 quản lý năng lượng tại nhà máy thép Đà Nẵng mới", 3));
        found.ShouldHaveSingleItem().Proposals.Count.ShouldBe(3);
    }

    [Fact]
    public void An_enterprise_proposing_again_a_task_it_proposed_in_an_earlier_year_is_flagged_even_in_the_same_agency()
    {
        var duplicate = Find(
            Sent("haiphong", "0200123456", "Áp dụng TPM cho dây chuyền đúc", 1, 2024),
            Sent("haiphong", "0200123456", "Áp dụng TPM cho dây chuyền đúc gang", 2)).ShouldHaveSingleItem();
        duplicate.Kind.ShouldBe("same-tax-code-similar-task");
        duplicate.Proposals.Select(p => (p.ProgrammeYear, p.EarlierYear)).ShouldBe([(2028, false), (2024, true)]);
    }

    [Fact]
    public void An_enterprise_proposing_a_different_task_than_last_time_is_not_flagged()
    {
        Find(
            Sent("haiphong", "0200123456", "Áp dụng TPM cho dây chuyền đúc", 1, 2024),
            Sent("haiphong", "0200123456", "Xây dựng phòng thử nghiệm đạt ISO/IEC 17025", 2)).ShouldBeEmpty();
    }

    [Fact]
    public void Another_enterprise_sending_an_earlier_year_s_task_name_is_flagged_and_earlier_years_among_themselves_are_not()
    {
        Find(
            Sent("haiphong", "0200123456", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 1, 2024),
            Sent("haiphong", "0400765432", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 2)).ShouldHaveSingleItem().Kind.ShouldBe("same-task-name");

        Find(
            Sent("haiphong", "0200123456", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 1, 2024),
            Sent("danang", "0400765432", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 2, 2025),
            Sent("danang", "0200123456", "Mô hình điểm 5S cho doanh nghiệp nhỏ", 3, 2026)).ShouldBeEmpty("those were earlier programmes' business");
    }

    [Fact(Timeout = 60_000)]
    public async Task Thousands_of_proposals_sent_under_one_public_tax_code_do_not_stall_the_Ministry_s_view()
    {
        // Tax codes are public: an attacker can send many proposals under a victim's, each with another name.
        var random = new Random(24);
        string Word() => new([.. Enumerable.Range(0, 6).Select(_ => (char)('a' + random.Next(26)))]);
        var sent = Enumerable.Range(0, 3_000)
            .Select(n => Sent(n % 2 == 0 ? "haiphong" : "danang", "0200123456", string.Join(' ', Enumerable.Range(0, 12).Select(_ => Word())), n))
            .ToList();

        var found = await Task.Run(() => Find([.. sent]));

        var duplicate = found.ShouldHaveSingleItem();
        (duplicate.Kind, duplicate.Proposals.Count).ShouldBe(("same-tax-code", 3_000));
    }
}
