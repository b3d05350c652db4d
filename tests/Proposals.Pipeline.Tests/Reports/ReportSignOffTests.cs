using Proposals.Domain.Calls;
using Proposals.Pipeline.Closeout;

namespace Proposals.Pipeline.Tests.Reports;

public sealed class ReportSignOffTests
{
    [Fact]
    public void The_Hai_Phong_call_is_issued_by_the_Sở_and_drafted_by_the_Chi_cục_and_lacks_only_the_signer_name_and_recommendations()
    {
        var signOff = ReportSignOff.For(ReportSamples.HaiPhong());

        (signOff.IssuerParent, signOff.Issuer).ShouldBe(("UBND thành phố Hải Phòng", "Sở Khoa học và Công nghệ"));
        signOff.NumberLine.ShouldBe("Số:        /BC-SKHCN");
        signOff.Addressees.ShouldBe(["Ủy ban nhân dân thành phố Hải Phòng", "Bộ Khoa học và Công nghệ"]);
        signOff.DraftingUnit.ShouldBe("CCTĐC");
        signOff.RecipientLines.ShouldBe(["- Như trên;", "- Giám đốc Sở (để b/c);", "- Lưu: VT, CCTĐC."]);
        (signOff.SignerAuthority, signOff.SignerTitle).ShouldBe(("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"));
        signOff.Basis.ShouldStartWith("Thực hiện Công văn số 558/SKHCN-CCTĐC ngày 17/4/2023 của Sở Khoa học và Công nghệ");
        signOff.Gaps.Select(g => g.Code).ShouldBe([ReportSignOff.MissingRecommendations, ReportSignOff.MissingSignerName]);
        signOff.Gaps.ShouldAllBe(g => g.Vi.Length > 0 && g.En.Length > 0);
    }

    [Fact]
    public void A_call_with_every_setting_has_no_gap_and_its_signer_in_capitals()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.SignerAuthority = " kt. giám đốc ";
        call.Report.SignerTitle = "Phó Giám đốc";
        call.Report.SignerName = "Nguyễn Văn An";
        call.Report.Recommendations = "Đề nghị Bộ xem xét.";

        var signOff = ReportSignOff.For(call);

        signOff.Gaps.ShouldBeEmpty();
        signOff.SignerAuthority.ShouldBe("KT. GIÁM ĐỐC");
        signOff.SignerTitle.ShouldBe("PHÓ GIÁM ĐỐC");
        signOff.SignerName.ShouldBe("Nguyễn Văn An");
    }

    [Fact]
    public void A_call_without_report_settings_has_every_gap_and_a_placeholder_for_each()
    {
        var call = ReportSamples.HaiPhong();
        call.Report = new CallReportSettings { Addressees = ["  "] };

        var signOff = ReportSignOff.For(call);

        signOff.Gaps.Select(g => g.Code).ShouldBe([
            ReportSignOff.MissingNumberSymbol, ReportSignOff.MissingAddressees, ReportSignOff.MissingBasis,
            ReportSignOff.MissingRecommendations, ReportSignOff.MissingDraftingUnit,
            ReportSignOff.MissingSignerTitle, ReportSignOff.MissingSignerName]);
        signOff.NumberSymbol.ShouldBe(ReportSignOff.NumberSymbolPlaceholder);
        signOff.Addressees.ShouldBe([ReportSignOff.AddresseePlaceholder]);
        signOff.DraftingUnit.ShouldBe(ReportSignOff.DraftingUnitPlaceholder);
        (signOff.Issuer, signOff.IssuerParent).ShouldBe((call.Organiser, call.ParentAgency), "without an issuer the organiser issues under its parent");
        signOff.SignerAuthority.ShouldBeNull();
        signOff.SignerTitle.ShouldBe(ReportSignOff.SignerTitlePlaceholder);
        signOff.SignerName.ShouldBe(ReportSignOff.SignerNamePlaceholder);
    }

    [Theory]
    [InlineData("BC-SKHCN", true)]
    [InlineData("BC-TĐC", true)]
    [InlineData("BC-UBND-KHCN2", true)]
    [InlineData("bc-tđc", false)]
    [InlineData("BC - TĐC", false)]
    [InlineData("/BC-TĐC", false)]
    public void The_number_symbol_is_capitals_in_groups_joined_by_hyphens(string symbol, bool valid)
    {
        var settings = new CallReportSettings { NumberSymbol = symbol };

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            settings, new(settings), null, validateAllProperties: true).ShouldBe(valid);
    }
}
