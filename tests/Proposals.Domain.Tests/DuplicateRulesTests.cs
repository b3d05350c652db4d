using System.Text;
using Proposals.Domain.Classification;
using Shouldly;
using Xunit;

namespace Proposals.Domain.Tests;

public class DuplicateRulesTests
{
    private const string TaxCode = "0100233488";
    private const string Name = "Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí";

    private static string Key(string name) => DuplicateRules.TaskNameKey(name);

    [Theory]
    [InlineData("ÁP DỤNG LEAN VÀ TPM NÂNG CAO NĂNG SUẤT DÂY CHUYỀN GIA CÔNG CƠ KHÍ")]
    [InlineData("Ap dung Lean va TPM nang cao nang suat day chuyen gia cong co khi")]
    [InlineData("Áp dụng  Lean và TPM: nâng cao năng suất dây chuyền gia công cơ khí.")]
    public void The_same_name_folded_is_a_possible_duplicate_for_staff_to_decide_never_a_replacement(string other) =>
        DuplicateRules.IsPossibleDuplicate(TaxCode, Key(Name), TaxCode, Key(other)).ShouldBeTrue();

    [Fact]
    public void NFD_and_NFC_are_the_same_name() =>
        Key(Name.Normalize(NormalizationForm.FormD)).ShouldBe(Key(Name));

    [Theory]
    [InlineData("Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí chính xác")]
    [InlineData("Ap dung Lean, TPM nang cao nang suat day chuyen co khi")]
    [InlineData("Áp dụng Lean và TPM nâng cao năng xuất dây chuyền gia công cơ khí")] // a typo
    public void A_similar_name_of_the_same_enterprise_is_a_possible_duplicate(string other) =>
        DuplicateRules.IsPossibleDuplicate(TaxCode, Key(Name), TaxCode, Key(other)).ShouldBeTrue();

    [Fact]
    public void A_different_task_of_the_same_enterprise_is_not_a_duplicate() =>
        DuplicateRules.IsPossibleDuplicate(TaxCode, Key(Name), TaxCode, Key("Đào tạo chuyên gia năng suất cho doanh nghiệp thủy sản")).ShouldBeFalse();

    [Fact]
    public void The_same_name_from_another_enterprise_is_neither()
    {
        DuplicateRules.IsPossibleDuplicate(TaxCode, Key(Name), "0314409058-002", Key(Name)).ShouldBeFalse();
        DuplicateRules.IsPossibleDuplicate(TaxCode, Key(Name), "0314409058-002", Key(Name + " mới")).ShouldBeFalse();
    }

    [Fact]
    public void Spelling_similarity_is_one_minus_the_edit_distance_share()
    {
        DuplicateRules.SpellingSimilarity("abcd", "abcd").ShouldBe(1);
        DuplicateRules.SpellingSimilarity("abcd", "abce").ShouldBe(0.75);
    }
}
