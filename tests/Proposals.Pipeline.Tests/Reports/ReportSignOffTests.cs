using Proposals.Domain.Calls;
using Proposals.Pipeline.Closeout;

namespace Proposals.Pipeline.Tests.Reports;

public sealed class ReportSignOffTests
{
    [Fact]
    public void The_Hai_Phong_call_is_ready_but_for_its_signer()
    {
        var signOff = ReportSignOff.For(ReportSamples.HaiPhong());

        signOff.NumberLine.ShouldBe("Số:        /BC-TĐC");
        signOff.Addressees.ShouldBe(["Ủy ban nhân dân thành phố Hải Phòng", "Bộ Khoa học và Công nghệ"]);
        signOff.StorageUnit.ShouldBe("QLTC");
        signOff.Gaps.Select(g => g.Code).ShouldBe([ReportSignOff.MissingSignerTitle, ReportSignOff.MissingSignerName]);
        signOff.Gaps.ShouldAllBe(g => g.Vi.Length > 0 && g.En.Length > 0);
    }

    [Fact]
    public void A_call_with_every_setting_has_no_gap_and_its_signer_in_capitals()
    {
        var call = ReportSamples.HaiPhong();
        call.Report.SignerAuthority = " kt. chi cục trưởng ";
        call.Report.SignerTitle = "Phó Chi cục trưởng";
        call.Report.SignerName = "Nguyễn Văn An";

        var signOff = ReportSignOff.For(call);

        signOff.Gaps.ShouldBeEmpty();
        signOff.SignerAuthority.ShouldBe("KT. CHI CỤC TRƯỞNG");
        signOff.SignerTitle.ShouldBe("PHÓ CHI CỤC TRƯỞNG");
        signOff.SignerName.ShouldBe("Nguyễn Văn An");
    }

    [Fact]
    public void A_call_without_report_settings_has_every_gap_and_a_placeholder_for_each()
    {
        var call = ReportSamples.HaiPhong();
        call.Report = new CallReportSettings { Addressees = ["  "] };

        var signOff = ReportSignOff.For(call);

        signOff.Gaps.Select(g => g.Code).ShouldBe([
            ReportSignOff.MissingNumberSymbol, ReportSignOff.MissingAddressees, ReportSignOff.MissingStorageUnit,
            ReportSignOff.MissingSignerTitle, ReportSignOff.MissingSignerName]);
        signOff.NumberSymbol.ShouldBe(ReportSignOff.NumberSymbolPlaceholder);
        signOff.Addressees.ShouldBe([ReportSignOff.AddresseePlaceholder]);
        signOff.StorageUnit.ShouldBe(ReportSignOff.StorageUnitPlaceholder);
        signOff.SignerAuthority.ShouldBeNull();
        signOff.SignerTitle.ShouldBe(ReportSignOff.SignerTitlePlaceholder);
        signOff.SignerName.ShouldBe(ReportSignOff.SignerNamePlaceholder);
    }

    [Theory]
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
