using Proposals.Domain.Calls;
using Proposals.Domain.Privacy;
using Proposals.Pipeline.Calls;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The call file's notice and retention: start-up refuses a notice that cannot say how long data is kept, and the
/// notice written from a call says who, why, what, to whom, how long and which rights, in both languages.
/// </summary>
public class CallPrivacySettingsTests
{
    private static readonly FormCatalog Forms = new(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "forms"));

    private static readonly DateTimeOffset Deadline = new(2026, 12, 20, 17, 0, 0, TimeSpan.FromHours(7));

    private static CallDefinition Call(CallPrivacyNotice? notice, CallRetention? retention) => new()
    {
        Id = "c",
        Agency = "a",
        Title = "Đợt thử",
        TitleEn = "Trial call",
        Organiser = "Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng",
        Programme = "Chương trình năng suất chất lượng",
        ProgrammeYear = 2027,
        Deadline = Deadline,
        FormVersion = "A1-ĐXNV",
        ReceiptPrefix = "C27",
        ProvinceListVersion = "provinces-2025",
        VsicVersion = "vsic-2025",
        PriorityAreas = [new PriorityArea { Number = 1, Title = "Nội dung 1" }],
        Contact = new CallContact { Person = "Ông Vũ Công Quý", Email = "khcn@example.vn" },
        Report = new CallReportSettings { Addressees = ["Ủy ban nhân dân thành phố Hải Phòng", "Bộ Khoa học và Công nghệ"] },
        PrivacyNotice = notice,
        Retention = retention,
    };

    private static IReadOnlyList<string> Failures(CallDefinition call)
    {
        var options = new CallCatalogOptions();
        options.Calls[call.Id] = call;
        options.Agencies["a"] = new AgencyDefinition { Id = "a", Name = "Chi cục" };
        var result = new CallCatalogValidation(Forms).Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void A_notice_without_a_retention_and_a_retention_without_a_basis_stop_start_up()
    {
        Failures(Call(new CallPrivacyNotice { Version = "v1" }, null)).ShouldHaveSingleItem().ShouldContain("how long data is kept");
        Failures(Call(null, new CallRetention { DaysAfterDeadline = 30 })).ShouldHaveSingleItem().ShouldContain("Retention:Basis");
        Failures(Call(null, new CallRetention { DaysAfterDeadline = -1, Basis = "x" })).ShouldHaveSingleItem().ShouldContain("DaysAfterDeadline");
        Failures(Call(new CallPrivacyNotice { Version = "../v1" }, new CallRetention { Basis = "x" })).ShouldHaveSingleItem().ShouldContain("PrivacyNotice:Version");
        Failures(Call(new CallPrivacyNotice { Version = "2026-01" }, new CallRetention { DaysAfterDeadline = 0, Basis = "Cấu hình thử nghiệm" })).ShouldBeEmpty();
        Failures(Call(null, null)).ShouldBeEmpty(); // no notice, no retention: nothing shown, nothing purged
    }

    [Fact]
    public void The_notice_says_who_why_what_to_whom_how_long_and_which_rights_in_both_languages()
    {
        var call = Call(new CallPrivacyNotice { Version = "2026-01", RightsContact = "dulieu@example.vn" },
            new CallRetention { DaysAfterDeadline = 1826, Basis = "Danh mục hồ sơ: 05 năm", BasisEn = "Records schedule: 5 years" });
        var notice = PrivacyNotice.For(call)!;

        notice.Version.ShouldBe("2026-01");
        notice.Sections.Select(s => s.Key).ShouldBe(["controller", "purpose", "data", "retention", "rights"]);
        var vi = string.Join("\n", notice.Sections.Select(s => s.Vi));
        var en = string.Join("\n", notice.Sections.Select(s => s.En));
        vi.ShouldContain("Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng");
        vi.ShouldContain("Chương trình năng suất chất lượng");
        vi.ShouldContain("Bộ Khoa học và Công nghệ");
        vi.ShouldContain("SendGrid");
        vi.ShouldContain("1826 ngày sau hạn tiếp nhận, tức đến 20/12/2031");
        vi.ShouldContain("Danh mục hồ sơ: 05 năm");
        vi.ShouldContain("dulieu@example.vn");
        en.ShouldContain("Trial call");
        en.ShouldContain("until 20/12/2031");
        en.ShouldContain("Records schedule: 5 years");
        en.ShouldContain("Law 91/2025/QH15");
        PrivacyNotice.For(Call(null, null)).ShouldBeNull();
        PrivacyNotice.PageUrl("https://dexuat.example.vn/", "hp 24").ShouldBe("https://dexuat.example.vn/privacy.html?call=hp%2024");
    }
}
