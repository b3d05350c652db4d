using System.Text;
using System.Text.Json;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Shouldly;
using Xunit;

namespace Proposals.Domain.Tests;

/// <summary>The keyword rules as shipped in calls/haiphong-2024.json, on Vietnamese proposal texts.</summary>
public class PriorityAreaRulesTests
{
    internal static readonly CallDefinition HaiPhong = JsonSerializer.Deserialize<CallDefinition>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calls", "haiphong-2024.json")), JsonSerializerOptions.Web)!;

    private static PrioritySuggestion Suggest(params string[] texts) => PriorityAreaRules.Suggest(HaiPhong, texts);

    [Theory]
    [InlineData(1, "Nghiên cứu cơ chế, chính sách nâng cao năng suất các nhân tố tổng hợp (TFP) của ngành cơ khí Hải Phòng")]
    [InlineData(2, "Áp dụng hệ thống quản lý ISO 9001 và công cụ cải tiến 5S, Kaizen tại doanh nghiệp chế biến thủy sản")]
    [InlineData(3, "Đào tạo chuyên gia năng suất; xây dựng học phần năng suất chất lượng cho trường đại học và cao đẳng")]
    [InlineData(4, "Xây dựng TCVN cho sản phẩm OCOP và hệ thống truy xuất nguồn gốc nông sản")]
    [InlineData(5, "Truyền thông, tuyên truyền nâng cao nhận thức về năng suất; vai trò của hiệp hội doanh nghiệp")]
    public void Suggests_the_area_the_text_points_to(int area, string text) =>
        Suggest(text).Area.ShouldBe(area);

    [Fact]
    public void Matches_without_diacritics_in_upper_case_and_in_NFD()
    {
        var nfc = "Đào tạo, tập huấn chuyên gia năng suất";
        Suggest(nfc.Normalize(NormalizationForm.FormD)).Area.ShouldBe(3);
        Suggest("DAO TAO, TAP HUAN CHUYEN GIA NANG SUAT").Area.ShouldBe(3);
        Suggest("dao tao tap huan chuyen gia").Area.ShouldBe(3);
    }

    [Fact]
    public void Matches_whole_words_only()
    {
        // "lean" inside "cleaning" and "5s" inside "15s" are no evidence of area 2.
        Suggest("cleaning 15s").Scores.ShouldBeEmpty();
    }

    [Fact]
    public void A_phrase_weighs_its_number_of_words_and_the_evidence_names_the_phrases()
    {
        var suggestion = Suggest("Áp dụng hệ thống quản lý ISO 9001; hệ thống quản lý được duy trì.");
        var area2 = suggestion.Scores.Single(s => s.Area == 2);
        area2.Hits.ShouldContain(new KeywordHit("hệ thống quản lý", 2, 4));
        area2.Hits.ShouldContain(new KeywordHit("ISO 9001", 1, 2));
        suggestion.Evidence.ShouldStartWith("2 (");
        suggestion.Evidence.ShouldContain("«hệ thống quản lý» ×2");
        suggestion.RulesVersion.ShouldBe("nsclq-2024.1");
    }

    [Fact]
    public void Suggests_nothing_below_the_minimum_score_or_on_a_tie()
    {
        Suggest("Một đề xuất không có từ khóa nào").Area.ShouldBeNull();
        Suggest("Một đề xuất không có từ khóa nào").Evidence.ShouldContain("Không thấy từ khóa");
        Suggest("TFP").Area.ShouldBeNull(); // one one-word keyword: 1 point, below 2
        Suggest("đào tạo về TCVN và QCVN").Area.ShouldBeNull(); // 2 points each for areas 3 and 4
    }
}
