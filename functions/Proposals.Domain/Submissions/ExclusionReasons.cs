namespace Proposals.Domain.Submissions;

/// <summary>Why staff leave a submission out of the report, each with its words in Vietnamese and English.</summary>
public static class ExclusionReasons
{
    public const string Duplicate = "duplicate";
    public const string Withdrawn = "withdrawn";
    public const string NotEligible = "not-eligible";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Duplicate, Withdrawn, NotEligible, Other];

    /// <summary>A reason that says little on its own needs a note.</summary>
    public static bool NeedsNote(string reason) => reason == Other;

    public static string Vietnamese(string reason) => reason switch
    {
        Duplicate => "Trùng với đề xuất khác",
        Withdrawn => "Doanh nghiệp đề nghị rút",
        NotEligible => "Không thuộc đối tượng của đợt",
        Other => "Lý do khác",
        _ => reason,
    };

    public static string English(string reason) => reason switch
    {
        Duplicate => "Duplicate of another proposal",
        Withdrawn => "Withdrawn at the enterprise's request",
        NotEligible => "Not eligible for this call",
        Other => "Other reason",
        _ => reason,
    };
}
