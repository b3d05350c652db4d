using Proposals.Domain.Classification;

namespace Proposals.Domain.Tests;

public class ProvinceDirectoryTests
{
    private readonly ProvinceDirectory _provinces = ProvinceDirectory.Load("provinces-2023");

    [Fact]
    public void The_2023_list_has_63_provinces_in_six_regions()
    {
        _provinces.Provinces.Count.ShouldBe(63);
        _provinces.Regions.Count().ShouldBe(6);
        _provinces.Provinces.GroupBy(p => p.Region).Select(g => g.Count()).Order().ShouldBe([5, 6, 11, 13, 14, 14]);
    }

    [Theory]
    [InlineData("Hải Phòng")]
    [InlineData("Thành phố Hải Phòng")]
    [InlineData("TP. Hải Phòng")]
    [InlineData("hai phong")]
    [InlineData("HAI PHONG")]
    [InlineData("Tp Hai Phong")]
    public void Finds_a_province_with_or_without_diacritics_and_prefix(string typed)
    {
        _provinces.TryFind(typed, out var province).ShouldBeTrue();
        province!.Name.ShouldBe("Hải Phòng");
        _provinces.RegionOf(province).Id.ShouldBe("red-river-delta");
    }

    [Theory]
    [InlineData("Tỉnh Hải Dương", "red-river-delta")]
    [InlineData("Đắk Lắk", "central-highlands")]
    [InlineData("Dak Lak", "central-highlands")]
    [InlineData("TP HCM", "southeast")]
    [InlineData("Thành phố Hồ Chí Minh", "southeast")]
    [InlineData("Thừa Thiên Huế", "north-central-central-coast")]
    [InlineData("Huế", "north-central-central-coast")]
    [InlineData("Cà Mau", "mekong-delta")]
    [InlineData("Lào Cai", "northern-midlands-mountains")]
    [InlineData("Bà Rịa - Vũng Tàu", "southeast")]
    public void Maps_provinces_to_their_region(string typed, string region)
    {
        _provinces.TryFind(typed, out var province).ShouldBeTrue();
        _provinces.RegionOf(province!).Id.ShouldBe(region);
    }

    [Fact]
    public void Does_not_guess_unknown_names() => _provinces.TryFind("Atlantis", out _).ShouldBeFalse();

    [Fact]
    public void Finds_NFD_input()
    {
        _provinces.TryFind("Hải Phòng".Normalize(System.Text.NormalizationForm.FormD), out var province).ShouldBeTrue();
        province!.Name.ShouldBe("Hải Phòng");
    }
}
