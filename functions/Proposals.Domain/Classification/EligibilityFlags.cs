namespace Proposals.Domain.Classification;

/// <summary>
/// What staff should look at before forwarding a proposal. A flag never rejects or changes a
/// submission: it is a note for a person, with its wording in Vietnamese and English.
/// </summary>
public static class EligibilityFlags
{
    /// <summary>Longer than the call's <c>maxDurationMonths</c> (its code keeps the name records were stored with).</summary>
    public const string DurationOverLimit = "duration-over-36-months";
    public const string PilotInformationMissing = "pilot-information-missing";
    public const string OutsideCallProvince = "outside-call-province";
    public const string LargeEnterprise = "large-enterprise";
    public const string DocumentsRejected = "documents-rejected";
    public const string PriorityAreaMismatch = "priority-area-mismatch";
    public const string PossibleDuplicate = "possible-duplicate";

    public static readonly IReadOnlyList<string> All =
    [
        DurationOverLimit, PilotInformationMissing, OutsideCallProvince, LargeEnterprise,
        DocumentsRejected, PriorityAreaMismatch, PossibleDuplicate,
    ];

    public static string Vietnamese(string flag) => flag switch
    {
        DurationOverLimit => "Thời gian thực hiện quá thời hạn tối đa của đợt",
        PilotInformationMissing => "Dự án SXTN thiếu xuất xứ hoặc nguồn vốn ngoài NSNN",
        OutsideCallProvince => "Doanh nghiệp ngoài địa bàn tiếp nhận",
        LargeEnterprise => "Doanh nghiệp lớn (không thuộc diện ưu tiên DNNVV)",
        DocumentsRejected => "Tệp hồ sơ không hợp lệ",
        PriorityAreaMismatch => "Nội dung ưu tiên đã chọn khác nội dung gợi ý",
        PossibleDuplicate => "Có thể trùng đề xuất khác",
        _ => flag,
    };

    public static string English(string flag) => flag switch
    {
        DurationOverLimit => "Duration over the call's maximum",
        PilotInformationMissing => "Pilot project without origin or non-state co-funding",
        OutsideCallProvince => "Enterprise outside the call's province",
        LargeEnterprise => "Large enterprise (no SME priority)",
        DocumentsRejected => "Documents rejected",
        PriorityAreaMismatch => "Declared priority area differs from the suggested one",
        PossibleDuplicate => "Possible duplicate of another proposal",
        _ => flag,
    };
}
