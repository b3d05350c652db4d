using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Shouldly;
using Xunit;

namespace Proposals.Domain.Tests;

public class ProposalClassifierTests
{
    private static readonly CallReferenceData Reference2023 = new(ProvinceDirectory.Load("provinces-2023"), VsicDirectory.Load("vsic-2018"));
    private static readonly CallDefinition Call = PriorityAreaRulesTests.HaiPhong;

    private static Proposal Proposal(Action<Dictionary<string, string>>? change = null)
    {
        var fields = ProposalValidatorTests.Valid();
        fields["taskName"] = "Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí";
        fields["contentsAndResults"] = "Áp dụng hệ thống quản lý ISO 9001; công cụ cải tiến 5S, Kaizen.";
        change?.Invoke(fields);
        var outcome = ProposalValidator.Validate(fields, Call, ProposalValidatorTests.Form, Reference2023);
        outcome.Errors.ShouldBeEmpty();
        return outcome.Proposal!;
    }

    private static ProposalClassification Classify(Proposal proposal, CallDefinition? call = null) => ProposalClassifier.Classify(proposal, call ?? Call, Reference2023);

    /// <summary>A call whose notice gives SMEs priority and limits tasks to 36 months.</summary>
    private static CallDefinition WithLimits()
    {
        var call = PriorityAreaRulesTests.HaiPhong;
        return new CallDefinition
        {
            Id = call.Id, Title = call.Title, Organiser = call.Organiser, ProgrammeYear = call.ProgrammeYear, Deadline = call.Deadline,
            FormVersion = call.FormVersion, ReceiptPrefix = call.ReceiptPrefix, Province = call.Province, PriorityAreas = call.PriorityAreas,
            PriorityRulesVersion = call.PriorityRulesVersion, PriorityMinimumScore = call.PriorityMinimumScore,
            SmePriority = true, MaxDurationMonths = 36, MaxDurationSource = "thông báo của đợt",
        };
    }

    [Fact]
    public void Classifies_size_sector_region_and_priority_with_evidence()
    {
        var result = Classify(Proposal());
        result.Size.ShouldBe(EnterpriseSize.Small);
        result.SizeEvidence.ShouldNotBeNullOrWhiteSpace();
        result.VsicSection.ShouldBe('C');
        result.SectorName.ShouldNotBeNullOrWhiteSpace();
        result.RegionId.ShouldBe("red-river-delta");
        result.DeclaredPriorityArea.ShouldBe(2);
        result.PrioritySuggestion.Area.ShouldBe(2);
        result.PrioritySuggestion.Evidence.ShouldContain("«ISO 9001»");
        result.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void A_declared_area_the_text_does_not_point_to_is_flagged_not_changed()
    {
        var result = Classify(Proposal(f =>
        {
            f["priorityArea"] = "5";
            f["contentsAndResults"] = "Đào tạo, tập huấn chuyên gia; học phần cho trường đại học.";
        }));
        result.DeclaredPriorityArea.ShouldBe(5);
        result.PrioritySuggestion.Area.ShouldBe(3);
        result.Flags.ShouldContain(EligibilityFlags.PriorityAreaMismatch);
    }

    [Fact]
    public void No_suggestion_is_no_mismatch()
    {
        var result = Classify(Proposal(f =>
        {
            f["taskName"] = "Nhiệm vụ A";
            f["contentsAndResults"] = "Nội dung";
            f["priorityArea"] = "1";
        }));
        result.PrioritySuggestion.Area.ShouldBeNull();
        result.Flags.ShouldNotContain(EligibilityFlags.PriorityAreaMismatch);
    }

    [Fact]
    public void An_enterprise_outside_the_call_province_is_flagged()
    {
        var result = Classify(Proposal(f => f["province"] = "Tỉnh Hải Dương"));
        result.RegionId.ShouldBe("red-river-delta");
        result.Flags.ShouldContain(EligibilityFlags.OutsideCallProvince);
        Classify(Proposal(f => f["province"] = "Thanh pho Hai Phong")).Flags.ShouldNotContain(EligibilityFlags.OutsideCallProvince);
    }

    [Fact]
    public void A_large_enterprise_is_flagged()
    {
        var result = Classify(Proposal(f =>
        {
            f["employees"] = "250";
            f["annualRevenueVnd"] = "500000000000";
            f["totalCapitalVnd"] = "300000000000";
        }));
        result.Size.ShouldBe(EnterpriseSize.Large);
        result.Flags.ShouldNotContain(EligibilityFlags.LargeEnterprise, "the Hai Phong notice gives SMEs no priority");
        var large = Proposal(f =>
        {
            f["employees"] = "250";
            f["annualRevenueVnd"] = "500000000000";
            f["totalCapitalVnd"] = "300000000000";
        });
        Classify(large, WithLimits()).Flags.ShouldContain(EligibilityFlags.LargeEnterprise, "a call that gives SMEs priority says so");
    }

    [Fact]
    public void A_task_over_the_calls_maximum_is_flagged_and_none_is_without_a_maximum()
    {
        Classify(Proposal() with { DurationMonths = 37 }, WithLimits()).Flags.ShouldContain(EligibilityFlags.DurationOverLimit);
        Classify(Proposal() with { DurationMonths = 36 }, WithLimits()).Flags.ShouldNotContain(EligibilityFlags.DurationOverLimit);
        Classify(Proposal() with { DurationMonths = 48 }).Flags.ShouldNotContain(EligibilityFlags.DurationOverLimit, "the call names no maximum");
    }

    [Fact]
    public void A_pilot_project_without_origin_or_co_funding_is_flagged()
    {
        var pilot = Proposal() with { TaskType = TaskType.PilotProduction, Origin = "Kết quả đề tài cấp thành phố", CoFunding = null };
        Classify(pilot).Flags.ShouldContain(EligibilityFlags.PilotInformationMissing);
        Classify(pilot with { CoFunding = "Vốn doanh nghiệp 60%" }).Flags.ShouldNotContain(EligibilityFlags.PilotInformationMissing);
    }

    [Fact]
    public void Every_flag_has_Vietnamese_and_English_wording()
    {
        foreach (var flag in EligibilityFlags.All)
        {
            EligibilityFlags.Vietnamese(flag).ShouldNotBe(flag);
            EligibilityFlags.English(flag).ShouldNotBe(flag);
        }
    }
}
