using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Validation;

namespace Proposals.Domain.Tests;

/// <summary>
/// The whole code, not its first two digits, against the list of the call's VSIC version; and a VSIC 2018
/// code, as registration certificates carry it, converted in a 2025 call through the official table.
/// </summary>
public class VsicCodeRuleTests
{
    private static readonly VsicDirectory Vsic2025 = VsicDirectory.Load("vsic-2025");
    private static readonly VsicDirectory Vsic2018 = VsicDirectory.Load("vsic-2018");

    private static readonly CallReferenceData Reference2025 = new(ProvinceDirectory.Load("provinces-2025"), Vsic2025);

    [Fact]
    public void The_2025_lists_hold_every_class_and_subclass_of_QD_36_2025()
    {
        Vsic2025.Classes.Count.ShouldBe(495);
        Vsic2025.Subclasses.Count.ShouldBe(743);
        Vsic2025.ClassesComplete.ShouldBeTrue();
        Vsic2025.NameOf("6219").ShouldBe("Lập trình máy tính khác");
        Vsic2025.NameOf("25920").ShouldBe("Gia công cơ khí; xử lý và tráng phủ kim loại");
    }

    [Theory]
    [InlineData("2592")]
    [InlineData("25920")]
    [InlineData("6220")]
    [InlineData("9900")]
    public void Accepts_a_code_of_the_2025_list_as_it_is(string code)
    {
        var outcome = VsicCodeRule.Check("vsicCode", code, Vsic2025, choice: null);

        outcome.Error.ShouldBeNull();
        outcome.Code.ShouldBe(code);
        outcome.DeclaredCode.ShouldBeNull();
    }

    [Theory]
    [InlineData("2598")]
    [InlineData("25921")]
    [InlineData("9999")]
    public void Refuses_a_code_whose_division_exists_but_which_itself_does_not(string code)
    {
        var outcome = VsicCodeRule.Check("vsicCode", code, Vsic2025, choice: null);

        outcome.Error.ShouldNotBeNull().Vi.ShouldBe($"Mã ngành {code} không có trong VSIC 2025 (Quyết định 36/2025/QĐ-TTg).");
    }

    [Fact]
    public void Converts_a_2018_code_of_a_division_VSIC_2025_dropped()
    {
        var outcome = VsicCodeRule.Check("vsicCode", "4511", Vsic2025, choice: null);

        (outcome.Code, outcome.DeclaredCode, outcome.Error).ShouldBe(("4661", "4511", null), "motor vehicle wholesale: division 45 in 2018, 4661 in 2025");
    }

    [Theory]
    [InlineData("6202", "6220")]
    [InlineData("62020", "62200")]
    [InlineData("0131", "0130")]
    [InlineData("1104", "1104")] // a 2025 code as well: taken as one
    [InlineData("0722", "0729")]
    public void Converts_a_2018_code_with_one_2025_code_and_keeps_both(string declared, string converted)
    {
        var outcome = VsicCodeRule.Check("vsicCode", declared, Vsic2025, choice: null);

        outcome.Error.ShouldBeNull();
        outcome.Code.ShouldBe(converted);
        outcome.DeclaredCode.ShouldBe(declared == converted ? null : declared);
    }

    [Fact]
    public void Asks_for_a_choice_where_the_table_splits_a_code_and_takes_only_one_of_its_codes()
    {
        var asked = VsicCodeRule.Check("vsicCode", "6201", Vsic2025, choice: null);
        asked.Error.ShouldNotBeNull().Vi.ShouldContain("6211 (Phát triển trò chơi điện tử");
        asked.Error.Vi.ShouldContain("6219 (Lập trình máy tính khác)");

        VsicCodeRule.Check("vsicCode", "6201", Vsic2025, choice: "6202").Error.ShouldNotBeNull("a choice outside the conversion is no choice");
        var chosen = VsicCodeRule.Check("vsicCode", "6201", Vsic2025, choice: " 6219 ");
        chosen.Error.ShouldBeNull();
        (chosen.Code, chosen.DeclaredCode).ShouldBe(("6219", "6201"));
    }

    [Fact]
    public void A_converted_proposal_is_stored_with_the_2025_code_and_the_2018_code_beside_it()
    {
        var fields = ProposalValidatorTests.Valid();
        fields["province"] = "Hải Phòng";
        fields["vsicSection"] = "K";
        fields["vsicCode"] = "6201";
        fields["vsicCodeChoice"] = "6219";
        var call = ProposalValidatorTests.Call();

        var outcome = ProposalValidator.Validate(fields, call, ProposalValidatorTests.Form, Reference2025);

        outcome.Errors.ShouldBeEmpty();
        outcome.Fields["vsicCode"].ShouldBe("6219");
        outcome.Fields["vsicCode2018"].ShouldBe("6201");
        outcome.Fields.ShouldNotContainKey("vsicCodeChoice");
        outcome.Proposal!.VsicCode.ShouldBe("6219");
    }

    [Fact]
    public void Every_row_of_the_shipped_conversion_leads_from_a_2018_code_to_2025_codes()
    {
        var conversion = Vsic2025.Conversion.ShouldNotBeNull();
        conversion.From.ShouldBeSameAs(Vsic2018);
        conversion.Rows.Count.ShouldBeGreaterThan(150);
        foreach (var (from, targets) in conversion.Rows)
        {
            Vsic2018.Lists(from).ShouldBeTrue(from);
            targets.ShouldAllBe(t => Vsic2025.Lists(t));
        }

        conversion.TargetsOf("4661").ShouldBe(["4671"], "VSIC 2018 4661 is fuel wholesale; 4661 in 2025 is motor vehicles");
        Vsic2018.Conversion.ShouldBeNull();
    }

    [Fact]
    public void The_2018_lists_are_the_2018_side_of_the_official_conversion_table()
    {
        Vsic2018.ClassesComplete.ShouldBeTrue();
        (Vsic2018.Classes.Count, Vsic2018.Subclasses.Count).ShouldBe((464, 734));
        Vsic2018.NameOf("4661").ShouldBe("Bán buôn nhiên liệu rắn, lỏng, khí và các sản phẩm liên quan");
        Vsic2018.Contains("2592").ShouldBeTrue();
        Vsic2018.Contains("4511").ShouldBeTrue();
        Vsic2018.Contains("0221").ShouldBeFalse("an artefact of the earlier OCR: the class is 0220");
        Vsic2018.Contains("2698").ShouldBeFalse("group 269 does not exist in VSIC 2018");
        Vsic2025.Contains("4511").ShouldBeFalse();
    }

    [Fact]
    public void Every_2018_code_converts_to_codes_of_VSIC_2025()
    {
        var conversion = Vsic2025.Conversion.ShouldNotBeNull();
        foreach (var code in Vsic2018.Classes.Keys.Concat(Vsic2018.Subclasses))
        {
            conversion.TargetsOf(code).ShouldNotBeNull(code).ShouldAllBe(t => Vsic2025.Lists(t) && t.Length == code.Length);
        }

        conversion.TargetsOf("4799")!.Count.ShouldBe(19, "retail n.e.c. splits across the 2025 retail classes");
        conversion.TargetsOf("0220").ShouldBe(["0220"], "a code that did not change keeps its number");
    }
}
