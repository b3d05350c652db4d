using System.Text;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;

namespace Proposals.Domain.Tests;

/// <summary>A call opened today meets the country as it is: 34 provincial units, VSIC 2025, personal tax numbers.</summary>
public class ReferenceDataByDateTests
{
    private static readonly CallReferenceData Reference2025 = new(ProvinceDirectory.Load("provinces-2025"), VsicDirectory.Load("vsic-2025"));
    private static readonly CallReferenceData Reference2023 = new(ProvinceDirectory.Load("provinces-2023"), VsicDirectory.Load("vsic-2018"));

    [Fact]
    public void The_2025_list_has_34_units_in_six_regions_and_says_when_it_applies()
    {
        var provinces = Reference2025.Provinces;
        provinces.Provinces.Count.ShouldBe(34);
        provinces.Regions.Count().ShouldBe(6);
        provinces.Validity.ShouldBe(new ReferenceValidity(new DateOnly(2025, 7, 1), null));
        Reference2023.Provinces.Validity.Covers(new DateOnly(2023, 4, 21)).ShouldBeTrue();
        Reference2023.Provinces.Validity.Covers(new DateOnly(2025, 7, 1)).ShouldBeFalse();
        provinces.TryFind("Thành phố Hải Phòng", out var haiPhong).ShouldBeTrue();
        provinces.RegionOf(haiPhong!).Id.ShouldBe("red-river-delta");
    }

    [Theory]
    [InlineData("Hải Dương", "Tỉnh Hải Dương (cũ) đã được sắp xếp vào thành phố Hải Phòng từ ngày 01/07/2025; hãy chọn Hải Phòng.")]
    [InlineData("Tỉnh Hải Dương", "Tỉnh Hải Dương (cũ) đã được sắp xếp vào thành phố Hải Phòng từ ngày 01/07/2025; hãy chọn Hải Phòng.")]
    [InlineData("hai duong", "Tỉnh Hải Dương (cũ) đã được sắp xếp vào thành phố Hải Phòng từ ngày 01/07/2025; hãy chọn Hải Phòng.")]
    [InlineData("Vũng Tàu", "Tỉnh Bà Rịa - Vũng Tàu (cũ) đã được sắp xếp vào thành phố Hồ Chí Minh từ ngày 01/07/2025; hãy chọn Hồ Chí Minh.")]
    [InlineData("Bắc Giang", "Tỉnh Bắc Giang (cũ) đã được sắp xếp vào tỉnh Bắc Ninh từ ngày 01/07/2025 (nay là thành phố Bắc Ninh); hãy chọn Bắc Ninh.")]
    public void A_name_merged_in_2025_is_answered_with_its_successor_in_NFC_and_NFD(string typed, string expected)
    {
        foreach (var form in new[] { NormalizationForm.FormC, NormalizationForm.FormD })
        {
            var outcome = Validate(Reference2025, f => f[ProposalFields.Province] = typed.Normalize(form));
            var error = outcome.Errors.ShouldHaveSingleItem();
            error.Field.ShouldBe(ProposalFields.Province);
            error.Vi.ShouldBe(expected);
            error.En.ShouldContain("was merged into");
        }
    }

    [Fact]
    public void A_unit_that_kept_its_name_is_itself_not_a_merged_name()
    {
        Validate(Reference2025, f => f[ProposalFields.Province] = "Huế").Errors.ShouldBeEmpty();
        Validate(Reference2025, f => f[ProposalFields.Province] = "Thừa Thiên Huế").Errors.ShouldBeEmpty("renamed, not merged: an alias");
        Validate(Reference2023, f => f[ProposalFields.Province] = "Hải Dương").Errors.ShouldBeEmpty("a 2023 call knows Hải Dương as it was");
    }

    [Theory]
    [InlineData("vsic-2018", "C", "4690", "G")] // wholesale, not manufacturing
    [InlineData("vsic-2025", "C", "4690", "G")]
    [InlineData("vsic-2025", "J", "6219", "K")] // programming: J in 2018, K since the 2025 split
    [InlineData("vsic-2018", "K", "6201", "J")]
    public void The_business_code_must_belong_to_the_declared_section(string version, string declared, string code, string actual)
    {
        var reference = version == "vsic-2018" ? Reference2023 : Reference2025;
        var error = Validate(reference, f => (f[ProposalFields.VsicSection], f[ProposalFields.VsicCode]) = (declared, code)).Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(ProposalFields.VsicCode);
        error.Vi.ShouldStartWith($"Mã ngành {code} thuộc ngành cấp 1 {actual} (");
        error.Vi.ShouldContain($"không thuộc ngành {declared} (");
        Validate(reference, f => (f[ProposalFields.VsicSection], f[ProposalFields.VsicCode]) = (actual, code)).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_code_with_no_division_in_the_version_is_named_as_such()
    {
        // Division 45 (motor vehicle trade) exists in VSIC 2018 only: a 2025 call converts its codes (4511 → 4661).
        Validate(Reference2023, f => (f[ProposalFields.VsicSection], f[ProposalFields.VsicCode]) = ("G", "4511")).Errors.ShouldBeEmpty();
        Validate(Reference2025, f => (f[ProposalFields.VsicSection], f[ProposalFields.VsicCode]) = ("G", "4511")).Fields[ProposalFields.VsicCode].ShouldBe("4661");
        Validate(Reference2025, f => (f[ProposalFields.VsicSection], f[ProposalFields.VsicCode]) = ("C", "2698")).Errors.ShouldHaveSingleItem()
            .Vi.ShouldBe("Mã ngành 2698 không có trong VSIC 2025 (Quyết định 36/2025/QĐ-TTg).");
    }

    [Fact]
    public void VSIC_2025_has_22_sections_from_A_to_V()
    {
        Reference2025.Vsic.Sections.Count.ShouldBe(22);
        Reference2025.Vsic.Sections[^1].Letter.ShouldBe('V');
        Validate(Reference2023, f => f[ProposalFields.VsicSection] = "V").Errors.ShouldHaveSingleItem().Vi.ShouldContain("từ A đến U (VSIC 2018)");
    }

    [Theory]
    [InlineData("001203012345")]
    [InlineData("001 203 012 345")]
    public void A_12_digit_personal_identification_number_is_explained(string typed)
    {
        var error = Validate(Reference2025, f => f[ProposalFields.TaxCode] = typed).Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(ProposalFields.TaxCode);
        error.Vi.ShouldStartWith("Đây là số định danh cá nhân (12 chữ số)");
        error.En.ShouldContain("household businesses");
    }

    private static ValidationOutcome Validate(CallReferenceData reference, Action<Dictionary<string, string>> change)
    {
        var fields = ProposalValidatorTests.Valid();
        fields[ProposalFields.VsicSection] = "C";
        change(fields);
        var call = ProposalValidatorTests.Call();
        call.Deadline = reference == Reference2023 ? call.Deadline : new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.FromHours(7));
        return ProposalValidator.Validate(fields, call, ProposalValidatorTests.Form, reference);
    }
}
