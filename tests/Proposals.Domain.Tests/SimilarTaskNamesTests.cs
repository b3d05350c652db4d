using Proposals.Domain.Classification;
using Shouldly;
using Xunit;

namespace Proposals.Domain.Tests;

/// <summary>The join finds every pair the word-share half of the duplicate rule finds by comparing all pairs, and only similar pairs.</summary>
public class SimilarTaskNamesTests
{
    private static readonly string[] Vocabulary =
    [
        "ap", "dung", "iso", "9001", "lean", "tpm", "kaizen", "5s", "nang", "cao", "suat", "chat", "luong", "san", "pham",
        "day", "chuyen", "nha", "may", "co", "khi", "thuy", "det", "go", "duoc", "dien", "tu", "quan", "ly", "he", "thong",
    ];

    [Fact]
    public void Every_pair_the_word_share_rule_finds_by_brute_force_is_found_and_nothing_else()
    {
        var random = new Random(20261204);
        // Names drawn from a small vocabulary, so that many pairs sit around the 60 % threshold.
        var keys = Enumerable.Range(0, 1200).Select(_ => string.Join(' ',
            Enumerable.Range(0, random.Next(1, 9)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]))).ToList();

        var found = SimilarTaskNames.Pairs(keys).ToHashSet();

        var expected = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = i + 1; j < keys.Count; j++)
            {
                if (keys[i] != keys[j] && WordShare(keys[i], keys[j]) >= DuplicateRules.SimilarWordShare)
                {
                    expected++;
                    found.ShouldContain((i, j), $"'{keys[i]}' and '{keys[j]}'");
                }
            }
        }

        expected.ShouldBeGreaterThan(100, "the sample must hold pairs at the threshold");
        found.ShouldAllBe(p => p.First < p.Second && keys[p.First] != keys[p.Second] && DuplicateRules.AreSimilar(keys[p.First], keys[p.Second]));
    }

    [Fact]
    public void A_copy_with_a_typo_in_a_few_words_is_found_by_the_spelling_half()
    {
        var original = DuplicateRules.TaskNameKey("Ứng dụng mô hình 5S và Kaizen cho doanh nghiệp nhỏ ngành may mặc tại Hải Phòng");
        var typed = DuplicateRules.TaskNameKey("Ung dung mo hinh 5S va Kaizan cho doanh ngiep nho nganh may mac tai Hai Phong");
        var other = DuplicateRules.TaskNameKey("Đào tạo chuyên gia năng suất chất lượng cho hợp tác xã");

        SimilarTaskNames.Pairs([original, other, typed]).ShouldBe([(0, 2)]);
    }

    [Fact]
    public void Empty_and_equal_names_are_not_pairs() =>
        SimilarTaskNames.Pairs(["", "", "ap dung iso", "ap dung iso"]).ShouldBeEmpty();

    private static double WordShare(string a, string b)
    {
        var wordsA = a.Split(' ').ToHashSet();
        var wordsB = b.Split(' ').ToHashSet();
        var common = wordsA.Count(wordsB.Contains);
        return (double)common / (wordsA.Count + wordsB.Count - common);
    }
}
