using Microsoft.Extensions.Configuration;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;

namespace Proposals.Pipeline.Tests;

/// <summary>Agencies are files beside the calls: each call names one and takes what it leaves out from it.</summary>
public sealed class AgencyFilesTests : IDisposable
{
    private static readonly FormCatalog Forms = new(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "forms"));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agency-files-" + Guid.NewGuid().ToString("N")[..8]);

    public AgencyFilesTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "agencies"));
        Directory.CreateDirectory(Path.Combine(_directory, "programmes"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "programmes"), "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, "programmes", Path.GetFileName(file)));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls"), "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "agencies"), "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, "agencies", Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CallCatalogOptions Read(IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder().AddCallFiles(_directory);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return CallCatalogOptions.Read(builder.Build());
    }

    private static IReadOnlyList<string> Failures(CallCatalogOptions options) =>
        new CallCatalogValidation(Forms).Validate(null, options) is { Failed: true } result ? [.. result.Failures!] : [];

    [Fact]
    public void The_shipped_calls_name_agencies_that_exist_and_load_clean()
    {
        var options = Read();
        Failures(options).ShouldBeEmpty();
        options.Calls.Values.ShouldAllBe(c => options.Agencies.ContainsKey(c.Agency));
    }

    [Fact]
    public void A_call_takes_the_agency_s_sign_off_and_contact_and_keeps_what_it_states_itself()
    {
        var options = Read();
        var agency = options.Agencies["haiphong"];
        var old = options.Calls["haiphong-2024"];
        var demo = options.Calls["demo"];

        foreach (var call in new[] { old, demo })
        {
            call.Organiser.ShouldBe(agency.Name);
            call.ParentAgency.ShouldBe(agency.Parent);
            call.Report.Issuer.ShouldBe("Sở Khoa học và Công nghệ");
            call.Report.NumberSymbol.ShouldBe("BC-SKHCN");
            call.Report.Addressees.ShouldBe(agency.Report.Addressees);
            call.Contact!.Person.ShouldBe(agency.Contact!.Person);
        }

        old.Contact!.Address!.ShouldContain("quận Ngô Quyền", customMessage: "the 2023 call keeps the address of its day");
        demo.Contact!.Address.ShouldBe(agency.Contact!.Address);
        old.Report.Basis!.ShouldContain("558/SKHCN-CCTĐC");
        demo.Report.ArchiveCopies.ShouldBe(2);
        old.Report.ArchiveCopies.ShouldBeNull();
        ReportSignOff.For(old).Gaps.Select(g => g.Code).ShouldBe([ReportSignOff.MissingRecommendations, ReportSignOff.MissingSignerName]);
    }

    [Fact]
    public void The_demo_s_second_agency_signs_its_own_report()
    {
        var call = Read().Calls["danang-2028"];
        call.Organiser.ShouldBe("Sở Khoa học và Công nghệ thành phố Đà Nẵng");
        var signOff = ReportSignOff.For(call);
        signOff.IssuerParent.ShouldBe("UBND thành phố Đà Nẵng");
        signOff.RecipientLines.ShouldContain("- Lưu: VT, QLKH.");
        signOff.Gaps.Select(g => g.Code).ShouldBe([ReportSignOff.MissingSignerName], "the notice names no signer; everything else is the agency's");
    }

    [Fact]
    public void A_setting_overridden_on_the_agency_reaches_every_call_of_it_and_a_call_s_own_override_wins()
    {
        var options = Read(new Dictionary<string, string?>
        {
            ["Agencies:haiphong:Report:SignerName"] = "Nguyễn Văn An",
            ["Calls:demo:Report:SignerName"] = "Trần Thị Bình",
        });
        options.Calls["haiphong-2024"].Report.SignerName.ShouldBe("Nguyễn Văn An");
        options.Calls["demo"].Report.SignerName.ShouldBe("Trần Thị Bình");
    }

    [Fact]
    public void A_call_naming_an_unknown_agency_is_refused_at_start_up_with_the_agencies_there_are()
    {
        var failures = Failures(Read(new Dictionary<string, string?> { ["Calls:demo:Agency"] = "quang-ninh" }));
        failures.ShouldContain("Call 'demo': it names agency 'quang-ninh', but there is no calls/agencies/quang-ninh.json (have danang, haiphong).");
    }

    [Fact]
    public void A_call_naming_no_agency_is_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "demo.json"),
            File.ReadAllText(Path.Combine(_directory, "demo.json")).Replace("\"agency\": \"haiphong\",", string.Empty, StringComparison.Ordinal));
        Failures(Read()).ShouldContain(f => f.Contains("Call 'demo'", StringComparison.Ordinal) && f.Contains("Agency", StringComparison.Ordinal));
    }

    [Fact]
    public void An_agency_file_whose_id_differs_from_its_name_or_is_malformed_is_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "agencies", "khac.json"), """{ "id": "Khác Nữa", "name": "" }""");
        var failures = Failures(Read());
        failures.ShouldContain(f => f.Contains("Agency 'khac': its id is 'Khác Nữa'", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Agency 'khac'", StringComparison.Ordinal) && f.Contains("Name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_programme_is_fed_by_both_agencies_calls_and_one_naming_an_unknown_call_is_refused()
    {
        var options = Read();
        options.Programmes["nsclq-2028"].Calls.Select(c => options.Calls[c].Agency).ShouldBe(["haiphong", "danang"]);
        Failures(Read(new Dictionary<string, string?> { ["Programmes:nsclq-2028:Calls:2"] = "khong-co" }))
            .ShouldContain("Programme 'nsclq-2028': it names call 'khong-co', but there is no calls/khong-co.json.");
    }

    [Fact]
    public void Two_agencies_may_not_share_an_inbound_address()
    {
        File.WriteAllText(Path.Combine(_directory, "agencies", "khac.json"), """{ "name": "Sở khác", "inboundAddress": "HaiPhong@dexuat.localhost" }""");
        Failures(Read()).ShouldContain(f => f.Contains("share the inbound address haiphong@dexuat.localhost", StringComparison.Ordinal));
    }

    [Fact]
    public void Mail_to_the_agency_s_address_goes_to_its_call_that_accepts_submissions()
    {
        var options = Read();
        var catalog = new CallCatalog(Microsoft.Extensions.Options.Options.Create(options), Forms);
        var during = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));
        catalog.FindByInboundAddress(["haiphong@dexuat.localhost"], during)!.Id.ShouldBe("demo");
        catalog.FindByInboundAddress(["demo@dexuat.localhost"], during)!.Id.ShouldBe("demo");
        catalog.FindByInboundAddress(["someone@dexuat.localhost"], during).ShouldBeNull();
        // Before the demo opens, nothing of the agency accepts submissions: the latest call answers (as late or not yet).
        catalog.FindByInboundAddress(["haiphong@dexuat.localhost"], new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))!.Id.ShouldBe("demo");
    }
}
