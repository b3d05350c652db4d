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
    string? CoFunding);

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

/// <summary>Where a submission is in the pipeline; the public status values of the status API.</summary>
public static class SubmissionStatus
{
    public const string Received = "received";
    public const string Validated = "validated";
    public const string Rejected = "rejected";
    public const string Classified = "classified";

    public static string Vietnamese(string status) => status switch
    {
        Received => "Đã nhận",
        Validated => "Hồ sơ hợp lệ",
        Rejected => "Không hợp lệ",
        Classified => "Đã phân loại",
        _ => status,
    };
}
