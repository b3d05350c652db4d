using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;

namespace Proposals.Pipeline.Tests;

/// <summary>Start-up refuses a call judged by lists that were not in force while it accepts submissions.</summary>
public class CallReferenceValidityTests
{
    private static readonly FormCatalog Forms = new(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "forms"));

    private static CallDefinition Call(string provinces, string vsic, DateTimeOffset deadline, DateTimeOffset? opensAt = null) => new()
    {
        Id = "c",
        Agency = "a",
        Title = "Đợt thử",
        Organiser = "Chi cục",
        ProgrammeYear = 2027,
        Deadline = deadline,
        OpensAt = opensAt,
        FormVersion = "A1-ĐXNV",
        ReceiptPrefix = "C27",
        ProvinceListVersion = provinces,
        VsicVersion = vsic,
        PriorityAreas = [new PriorityArea { Number = 1, Title = "Nội dung 1" }],
    };

    private static IReadOnlyList<string> Failures(CallDefinition call)
    {
        var options = new CallCatalogOptions();
        options.Calls[call.Id] = call;
        options.Agencies["a"] = new AgencyDefinition { Id = "a", Name = "Chi cục" };
        var result = new CallCatalogValidation(Forms).Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    private static readonly DateTimeOffset Deadline2026 = new(2026, 12, 20, 17, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void A_call_of_today_under_the_2023_provinces_is_refused_with_the_dates()
    {
        var failure = Failures(Call("provinces-2023", "vsic-2025", Deadline2026)).ShouldHaveSingleItem();
        failure.ShouldContain("'provinces-2023' is in force 09/01/2023 – 30/06/2025");
        failure.ShouldContain("20/12/2026 – 20/12/2026");
    }

    [Fact]
    public void A_call_open_across_a_change_of_list_is_refused()
    {
        var opens = new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.FromHours(7));
        var deadline = new DateTimeOffset(2025, 7, 15, 17, 0, 0, TimeSpan.FromHours(7));
        Failures(Call("provinces-2025", "vsic-2018", deadline, opens)).ShouldHaveSingleItem().ShouldContain("'provinces-2025' is in force from 01/07/2025");
        Failures(Call("provinces-2023", "vsic-2018", deadline, opens)).ShouldHaveSingleItem().ShouldContain("'provinces-2023'");
    }

    [Fact]
    public void The_lists_in_force_are_accepted()
    {
        Failures(Call("provinces-2025", "vsic-2025", Deadline2026)).ShouldBeEmpty();
        Failures(Call("provinces-2023", "vsic-2018", new DateTimeOffset(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7)))).ShouldBeEmpty();
        Failures(Call("provinces-2025", "vsic-2018", Deadline2026)).ShouldHaveSingleItem().ShouldContain("'vsic-2018' is in force 20/08/2018 – 14/11/2025");
    }
}
