namespace Proposals.Domain.Submissions;

/// <summary>
/// The form keys of A1-ĐXNV: the public contract of the intake API (see README, "The API").
/// </summary>
public static class ProposalFields
{
    public const string EnterpriseName = "enterpriseName";
    public const string TaxCode = "taxCode";
    public const string Address = "address";
    public const string Province = "province";
    public const string LegalRepresentative = "legalRepresentative";
    public const string ContactName = "contactName";
    public const string ContactEmail = "contactEmail";
    public const string ContactPhone = "contactPhone";
    public const string VsicSection = "vsicSection";
    public const string VsicCode = "vsicCode";
    public const string Employees = "employees";
    public const string AnnualRevenueVnd = "annualRevenueVnd";
    public const string TotalCapitalVnd = "totalCapitalVnd";
    public const string TaskName = "taskName";
    public const string TaskType = "taskType";
    public const string PriorityArea = "priorityArea";
    public const string Objectives = "objectives";
    public const string Urgency = "urgency";
    public const string ContentsAndResults = "contentsAndResults";
    public const string Application = "application";
    public const string ExpectedBenefits = "expectedBenefits";
    public const string DurationMonths = "durationMonths";
    public const string StartMonth = "startMonth";
    public const string Origin = "origin";
    public const string CoFunding = "coFunding";

    /// <summary>Left empty by people, filled by bots: a submission that fills it is refused.</summary>
    public const string Honeypot = "website";

    public const string SignedScan = "signedScan";
    public const string EditableForm = "editableForm";

    /// <summary>Every text field in form order, with its limit and whether it may span lines.</summary>
    public static readonly IReadOnlyList<FieldSpec> All =
    [
        new(EnterpriseName, "Tên doanh nghiệp", "Enterprise name", 300),
        new(TaxCode, "Mã số thuế", "Tax code", 20),
        new(Address, "Địa chỉ", "Address", 500),
        new(Province, "Tỉnh/thành phố", "Province or city", 100),
        new(LegalRepresentative, "Người đại diện theo pháp luật", "Legal representative", 200),
        new(ContactName, "Người liên hệ", "Contact person", 200),
        new(ContactEmail, "Email liên hệ", "Contact email", 254),
        new(ContactPhone, "Điện thoại liên hệ", "Contact phone", 20),
        new(VsicSection, "Ngành kinh tế (VSIC, cấp 1)", "Economic sector (VSIC section)", 1),
        new(VsicCode, "Mã ngành kinh doanh chính (VSIC)", "Main business code (VSIC)", 5),
        new(Employees, "Số lao động bình quân năm", "Average employees", 9),
        new(AnnualRevenueVnd, "Tổng doanh thu năm (đồng)", "Annual revenue (VND)", 24),
        new(TotalCapitalVnd, "Tổng nguồn vốn (đồng)", "Total capital (VND)", 24),
        new(TaskName, "1. Tên nhiệm vụ KH&CN", "1. Task name", 500),
        new(TaskType, "2. Hình thức thực hiện", "2. Task type", 20),
        new(PriorityArea, "Nội dung ưu tiên", "Priority area", 2),
        new(Objectives, "3. Mục tiêu", "3. Objectives", 4000, Multiline: true),
        new(Urgency, "4. Tính cấp thiết", "4. Urgency and national importance", 4000, Multiline: true),
        new(ContentsAndResults, "5. Nội dung chính và kết quả dự kiến", "5. Main contents and expected results", 4000, Multiline: true),
        new(Application, "6. Khả năng và địa chỉ áp dụng", "6. Application", 4000, Multiline: true),
        new(ExpectedBenefits, "7. Dự kiến hiệu quả mang lại", "7. Expected benefits", 4000, Multiline: true),
        new(DurationMonths, "8. Thời gian thực hiện (tháng)", "8. Duration (months)", 2),
        new(StartMonth, "8. Bắt đầu từ (tháng/năm)", "8. Start month", 7),
        new(Origin, "9.1. Xuất xứ hình thành", "9.1. Origin", 4000, Multiline: true, Required: false),
        new(CoFunding, "9.2. Khả năng huy động nguồn vốn ngoài NSNN", "9.2. Non-state co-funding", 4000, Multiline: true, Required: false),
    ];

    public static FieldSpec Spec(string key) => All.First(f => f.Key == key);
}

public sealed record FieldSpec(
    string Key, string LabelVi, string LabelEn, int MaxLength, bool Multiline = false, bool Required = true);
