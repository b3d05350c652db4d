using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;
using Proposals.Pipeline.Staff;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The call overview warns staff, while the call is open, of each report setting its file leaves out:
/// the report would otherwise go out with placeholders to fill in by hand.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class CallOverviewWarningsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _bareCall = TestCalls.NewId();
    private readonly string _readyCall = TestCalls.NewId();
    private PipelineServices _services = null!;

    public async Task InitializeAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(10);
        var settings = TestCalls.Settings(_bareCall, deadline);
        foreach (var (key, value) in TestCalls.Settings(_readyCall, deadline))
        {
            settings[key] = value;
        }

        settings[$"Calls:{_readyCall}:Report:NumberSymbol"] = "BC-SKHCN";
        settings[$"Calls:{_readyCall}:Report:Addressees:0"] = "Ủy ban nhân dân thành phố Hải Phòng";
        settings[$"Calls:{_readyCall}:Report:DraftingUnit"] = "CCTĐC";
        settings[$"Calls:{_readyCall}:Report:Basis"] = "Thực hiện Công văn số 558/SKHCN-CCTĐC ngày 17/4/2023 của Sở Khoa học và Công nghệ";
        settings[$"Calls:{_readyCall}:Report:Recommendations"] = "Đề nghị Bộ xem xét.";
        settings[$"Calls:{_readyCall}:Report:SignerTitle"] = "GIÁM ĐỐC";
        settings[$"Calls:{_readyCall}:Report:SignerName"] = "Nguyễn Văn An";
        _services = await PipelineServices.StartAsync(azurite, DateTimeOffset.UtcNow, settings);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task An_open_call_without_report_settings_warns_of_each_one_in_Vietnamese_and_English()
    {
        var overview = await OverviewAsync(_bareCall);

        overview.Call.State.ShouldBe("open");
        overview.Warnings.Select(w => w.Code).ShouldBe([
            ReportSignOff.MissingNumberSymbol, ReportSignOff.MissingAddressees, ReportSignOff.MissingBasis,
            ReportSignOff.MissingRecommendations, ReportSignOff.MissingDraftingUnit,
            ReportSignOff.MissingSignerTitle, ReportSignOff.MissingSignerName]);
        overview.Warnings.Single(w => w.Code == ReportSignOff.MissingSignerName).Vi.ShouldContain("(Họ và tên)");
        overview.Warnings.ShouldAllBe(w => w.Vi.Length > 0 && w.En.Length > 0);
    }

    [Fact]
    public async Task A_call_ready_to_sign_has_no_warning()
    {
        (await OverviewAsync(_readyCall)).Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_shipped_Hai_Phong_call_warns_only_that_it_names_no_signer_and_no_recommendations()
    {
        (await OverviewAsync("haiphong-2024")).Warnings.Select(w => w.Code)
            .ShouldBe([ReportSignOff.MissingRecommendations, ReportSignOff.MissingSignerName]);
    }

    private Task<CallOverview> OverviewAsync(string callId) =>
        _services.Get<CallOverviews>().OverviewAsync(_services.Get<CallCatalog>().Find(callId).ShouldNotBeNull(), default);
}
