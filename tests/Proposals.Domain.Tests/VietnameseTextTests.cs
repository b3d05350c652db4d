using Proposals.Domain.Calls;
using Proposals.Domain.Text;

namespace Proposals.Domain.Tests;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Hải Phòng", "hai phong")]
    [InlineData("ĐỔI MỚI SÁNG TẠO", "doi moi sang tao")]
    [InlineData("Đắk Lắk", "dak lak")]
    public void Folds_diacritics_and_case(string text, string folded) => VietnameseText.Fold(text).ShouldBe(folded);

    [Fact]
    public void Folding_is_the_same_for_NFC_and_NFD() =>
        VietnameseText.Fold("Nâng cao năng suất".Normalize(System.Text.NormalizationForm.FormD))
            .ShouldBe(VietnameseText.Fold("Nâng cao năng suất"));

    [Fact]
    public void Single_line_text_loses_line_breaks_and_tabs() =>
        VietnameseText.Normalize("  Tên\tdoanh\nnghiệp  ").ShouldBe("Tên doanh nghiệp");

    [Fact]
    public void Shows_deadlines_in_Vietnam_time()
    {
        var deadline = DateTimeOffset.Parse("2023-04-22T00:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture);
        VietnamTime.FormatVi(deadline).ShouldBe("22/04/2023 00:00 (giờ Việt Nam)");
        VietnamTime.FormatVi(deadline.ToUniversalTime()).ShouldBe("22/04/2023 00:00 (giờ Việt Nam)");
    }

    [Fact]
    public void The_deadline_is_exclusive()
    {
        var call = ProposalValidatorTests.Call();
        var deadline = call.DeadlineInstant;
        call.AcceptsSubmissionsAt(deadline.AddTicks(-1)).ShouldBeTrue();
        call.AcceptsSubmissionsAt(deadline).ShouldBeFalse();
        call.AcceptsSubmissionsAt(deadline.AddSeconds(1)).ShouldBeFalse();
    }

    [Fact]
    public void Sorts_in_Vietnamese_alphabetical_order_with_tones_second()
    {
        string[] names = ["Đặng", "Dương", "Ăn", "Anh", "Ân", "Bình", "Đinh", "Đào"];
        names.Order(VietnameseText.Order).ShouldBe(["Anh", "Ăn", "Ân", "Bình", "Dương", "Đào", "Đặng", "Đinh"]);
        string[] tones = ["Hà", "Hả", "Ha", "Há"];
        tones.Order(VietnameseText.Order).First().ShouldBe("Ha", "the toneless form first");
        string[] decomposed = ["Đặng", "Dương".Normalize(System.Text.NormalizationForm.FormD)];
        decomposed.Order(VietnameseText.Order).First().ShouldStartWith("D");
    }
}
