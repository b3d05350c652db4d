using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;

namespace Proposals.Domain.Classification;

/// <summary>What staff need to sort a proposal: size, sector, region, priority area (declared and suggested), and flags.</summary>
public sealed record ProposalClassification(
    EnterpriseSize Size,
    string SizeEvidence,
    char VsicSection,
    string SectorName,
    string RegionId,
    string RegionName,
    int DeclaredPriorityArea,
    string PriorityAreaTitle,
    PrioritySuggestion PrioritySuggestion,
    IReadOnlyList<string> Flags);

public static class ProposalClassifier
{
    public static ProposalClassification Classify(Proposal proposal, CallDefinition call, CallReferenceData reference)
    {
        var provinces = reference.Provinces;
        var section = reference.Vsic.Section(proposal.VsicSection);
        var size = EnterpriseSizeRules.Classify(section.Group, proposal.Employees, proposal.AnnualRevenueVnd, proposal.TotalCapitalVnd);

        if (!provinces.TryFind(proposal.Province, out var province))
        {
            throw new ArgumentException($"Province '{proposal.Province}' is not in {provinces.Version}.", nameof(proposal));
        }

        var region = provinces.RegionOf(province!);
        var area = call.PriorityAreas.FirstOrDefault(a => a.Number == proposal.PriorityArea);

        var suggestion = PriorityAreaRules.Suggest(call,
            [proposal.TaskName, proposal.Objectives, proposal.Urgency, proposal.ContentsAndResults, proposal.Application, proposal.ExpectedBenefits]);

        var flags = new List<string>();
        if (call.MaxDurationMonths is { } maxMonths && proposal.DurationMonths > maxMonths)
        {
            flags.Add(EligibilityFlags.DurationOverLimit);
        }

        if (call.Province is { Length: > 0 } callProvince
            && provinces.TryFind(callProvince, out var home) && home != province)
        {
            flags.Add(EligibilityFlags.OutsideCallProvince);
        }

        if (size.Size == EnterpriseSize.Large && call.SmePriority)
        {
            flags.Add(EligibilityFlags.LargeEnterprise);
        }

        if (proposal.TaskType == TaskType.PilotProduction
            && (string.IsNullOrEmpty(proposal.Origin) || string.IsNullOrEmpty(proposal.CoFunding)))
        {
            flags.Add(EligibilityFlags.PilotInformationMissing);
        }

        if (suggestion.Area is { } suggested && suggested != proposal.PriorityArea)
        {
            flags.Add(EligibilityFlags.PriorityAreaMismatch);
        }

        return new ProposalClassification(
            size.Size, size.Evidence, section.Letter, section.NameVi, region.Id, region.Name,
            proposal.PriorityArea, area?.Title ?? string.Empty, suggestion, flags);
    }
}
