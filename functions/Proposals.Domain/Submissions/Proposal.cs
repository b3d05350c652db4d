using System.Globalization;
using Proposals.Domain.Validation;

namespace Proposals.Domain.Submissions;

/// <summary>A proposal whose fields passed every rule, in typed form.</summary>
public sealed record Proposal(
    string EnterpriseName,
    TaxCode TaxCode,
    string Address,
    string Province,
    string LegalRepresentative,
    string ContactName,
    string ContactEmail,
    string ContactPhone,
    char VsicSection,
    string VsicCode,
    int Employees,
    long AnnualRevenueVnd,
    long TotalCapitalVnd,
    string TaskName,
    TaskType TaskType,
    int PriorityArea,
    string Objectives,
    string Urgency,
    string ContentsAndResults,
    string Application,
    string ExpectedBenefits,
    int DurationMonths,
    string StartMonth,
    string? Origin,
    string? CoFunding)
{
    /// <summary>
    /// The typed proposal from fields <see cref="Validation.ProposalValidator"/> has already normalised (what
    /// <c>submission.json</c> stores): parsing only, no rule runs again. Null when a field the classification
    /// reads is missing.
    /// </summary>
    public static Proposal? FromNormalisedFields(IReadOnlyDictionary<string, string> f)
    {
        string[] core =
        [
            ProposalFields.EnterpriseName, ProposalFields.TaxCode, ProposalFields.Province, ProposalFields.ContactEmail,
            ProposalFields.VsicSection, ProposalFields.Employees, ProposalFields.AnnualRevenueVnd, ProposalFields.TotalCapitalVnd,
            ProposalFields.TaskName, ProposalFields.TaskType, ProposalFields.PriorityArea, ProposalFields.DurationMonths,
        ];
        if (!core.All(f.ContainsKey) || !TaskTypes.TryParse(f[ProposalFields.TaskType], out var taskType))
        {
            return null;
        }

        string Text(string key) => f.GetValueOrDefault(key, string.Empty);
        long Number(string key) => long.Parse(f[key], CultureInfo.InvariantCulture);
        return new Proposal(
            Text(ProposalFields.EnterpriseName), TaxCode.Parse(f[ProposalFields.TaxCode]), Text(ProposalFields.Address),
            Text(ProposalFields.Province), Text(ProposalFields.LegalRepresentative), Text(ProposalFields.ContactName),
            Text(ProposalFields.ContactEmail), Text(ProposalFields.ContactPhone), f[ProposalFields.VsicSection][0],
            Text(ProposalFields.VsicCode), (int)Number(ProposalFields.Employees), Number(ProposalFields.AnnualRevenueVnd),
            Number(ProposalFields.TotalCapitalVnd), Text(ProposalFields.TaskName), taskType, (int)Number(ProposalFields.PriorityArea),
            Text(ProposalFields.Objectives), Text(ProposalFields.Urgency), Text(ProposalFields.ContentsAndResults),
            Text(ProposalFields.Application), Text(ProposalFields.ExpectedBenefits), (int)Number(ProposalFields.DurationMonths),
            Text(ProposalFields.StartMonth), f.GetValueOrDefault(ProposalFields.Origin), f.GetValueOrDefault(ProposalFields.CoFunding));
    }
}

public enum TaskType
{
    Research,
    PilotProduction,
    ScientificScheme,
}

public static class TaskTypes
{
    public static bool TryParse(string value, out TaskType type)
    {
        switch (value)
        {
            case "research": type = TaskType.Research; return true;
            case "pilotProduction": type = TaskType.PilotProduction; return true;
            case "scientificScheme": type = TaskType.ScientificScheme; return true;
            default: type = default; return false;
        }
    }

    public static string Key(TaskType type) => type switch
    {
        TaskType.Research => "research",
        TaskType.PilotProduction => "pilotProduction",
        _ => "scientificScheme",
    };

    public static string Vietnamese(TaskType type) => type switch
    {
        TaskType.Research => "Đề tài",
        TaskType.PilotProduction => "Dự án sản xuất thử nghiệm",
        _ => "Đề án khoa học",
    };
}

/// <summary>
/// Where a submission is in the pipeline: the public status values of the status API, and their labels,
/// the one copy the status page, the staff console and the report all show (served with the answers).
/// </summary>
public static class SubmissionStatus
{
    public const string Received = "received";
    public const string Validated = "validated";
    public const string Rejected = "rejected";
    public const string Classified = "classified";

    /// <summary>Came by email: its fields, read from the Word form where it follows the template, wait for staff to complete and accept it.</summary>
    public const string NeedsReview = "needsReview";

    /// <summary>Came by email, and staff found it is no proposal (with a reason, on the audit trail): kept, never counted.</summary>
    public const string NotAProposal = "notAProposal";

    public static IReadOnlyList<string> All { get; } = [NeedsReview, Received, Validated, Rejected, Classified, NotAProposal];

    public static string Vietnamese(string status) => status switch
    {
        Received => "Đã nhận, đang kiểm tra",
        Validated => "Hợp lệ, đang phân loại",
        Rejected => "Không hợp lệ",
        Classified => "Đã tiếp nhận và phân loại",
        NeedsReview => "Nhận qua email, chờ cán bộ hoàn thiện",
        NotAProposal => "Không phải đề xuất",
        _ => status,
    };

    public static string English(string status) => status switch
    {
        Received => "Received, being checked",
        Validated => "Valid, being classified",
        Rejected => "Not valid",
        Classified => "Accepted and classified",
        NeedsReview => "Received by email, waiting for staff",
        NotAProposal => "Not a proposal",
        _ => status,
    };
}

/// <summary>How a proposal reached the organiser: the report says which came by email or on paper.</summary>
public static class SubmissionSources
{
    public const string Web = "web";
    public const string Email = "email";
    public const string Paper = "paper";

    public static string Vietnamese(string? source) => source switch
    {
        Email => "Email",
        Paper => "Bản giấy",
        _ => "Trực tuyến",
    };
}
