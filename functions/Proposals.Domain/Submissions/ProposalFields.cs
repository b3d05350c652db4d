namespace Proposals.Domain.Submissions;

/// <summary>
/// The form keys of A1-ĐXNV: the public contract of the intake API (see README, "The API"). Labels,
/// types and limits live in the form definition (<c>calls/forms/</c>); these names are what the
/// classification reads.
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

    /// <summary>
    /// Kept with a proposal whose business code was declared in VSIC 2018 (as registration certificates still
    /// carry it) and converted: the code as declared; <see cref="VsicCode"/> holds the VSIC 2025 code.
    /// </summary>
    public const string VsicCode2018 = "vsicCode2018";

    /// <summary>Posted, not kept: the VSIC 2025 code the person chose where the conversion of a 2018 code offers several.</summary>
    public const string VsicCodeChoice = "vsicCodeChoice";
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

    /// <summary>A revised version: the earlier submission it replaces, and that one's tracking token (or a digitally signed scan instead).</summary>
    public const string ReplacesSubmissionId = "replacesSubmissionId";
    public const string ReplacesTrackingToken = "replacesTrackingToken";

    public const string SignedScan = "signedScan";
    public const string EditableForm = "editableForm";
}
