using System.Globalization;
using Proposals.Domain.Calls;

namespace Proposals.Pipeline.Closeout;

/// <summary>A report setting the call file leaves out, as the staff console shows it.</summary>
public sealed record ReportSettingGap(string Code, string Vi, string En);

/// <summary>
/// The lines of the closeout report that only the agency can supply (Nghị định 30/2020/NĐ-CP: the issuing
/// body under its parent, number symbol, the opening basis, "Kính gửi", "Nơi nhận", the signer, the closing
/// recommendations), taken from the call's <see cref="CallReportSettings"/>. Whatever is missing becomes a
/// visible placeholder the clerk fills in by hand, and a gap the staff console lists before the deadline:
/// both come from here, so the report and the warning cannot disagree.
/// </summary>
public sealed class ReportSignOff
{
    public const string NumberSymbolPlaceholder = "(Ký hiệu)";
    public const string AddresseePlaceholder = "(Cơ quan nhận báo cáo)";
    public const string DraftingUnitPlaceholder = "(đơn vị soạn thảo)";
    public const string SignerTitlePlaceholder = "(Chức vụ người ký)";
    public const string SignerNamePlaceholder = "(Họ và tên)";
    public const string BasisPlaceholder = "(Căn cứ: văn bản giao nhiệm vụ tổng hợp đề xuất — số, ngày, cơ quan ban hành, trích yếu)";
    public const string RecommendationsPlaceholder = "(Cán bộ soạn thảo ghi kiến nghị, đề xuất của đơn vị.)";

    /// <summary>The issue date, left for the clerk who registers the report, as its number is.</summary>
    public const string BlankDate = "ngày      tháng      năm";

    public const string MissingNumberSymbol = "report-number-symbol-missing";
    public const string MissingAddressees = "report-addressees-missing";
    public const string MissingDraftingUnit = "report-drafting-unit-missing";
    public const string MissingSignerTitle = "report-signer-title-missing";
    public const string MissingSignerName = "report-signer-name-missing";
    public const string MissingBasis = "report-basis-missing";
    public const string MissingRecommendations = "report-recommendations-missing";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private ReportSignOff(CallDefinition call)
    {
        var settings = call.Report;
        var gaps = new List<ReportSettingGap>();
        Issuer = Given(settings.Issuer) ?? call.Organiser;
        IssuerParent = Given(settings.IssuerParent) ?? Given(call.ParentAgency);
        NumberSymbol = Given(settings.NumberSymbol) ?? Gap(gaps, NumberSymbolPlaceholder, MissingNumberSymbol,
            "Chưa khai báo ký hiệu của báo cáo (report.numberSymbol, ví dụ BC-SKHCN): dòng \u201cSố:\u201d sẽ để trống ký hiệu.",
            "The report's number symbol is not set (report.numberSymbol, e.g. BC-SKHCN): the \u201cSố:\u201d line will have it blank.");
        Addressees = settings.Addressees.Select(Given).OfType<string>().ToList() is { Count: > 0 } addressees
            ? addressees
            : [Gap(gaps, AddresseePlaceholder, MissingAddressees,
                "Chưa khai báo cơ quan nhận báo cáo (report.addressees): dòng \u201cKính gửi:\u201d sẽ để trống.",
                "The report's addressees are not set (report.addressees): \u201cKính gửi:\u201d will be blank.")];
        Basis = Given(settings.Basis) ?? Gap(gaps, BasisPlaceholder, MissingBasis,
            "Chưa khai báo căn cứ mở đầu báo cáo (report.basis, ví dụ \u201cThực hiện Công văn số …\u201d): báo cáo sẽ in chỗ trống để điền tay.",
            "The report's opening basis is not set (report.basis, e.g. \u201cThực hiện Công văn số …\u201d): the report will print a blank to fill in by hand.");
        CopiesTo = settings.CopiesTo.Select(Given).OfType<string>().ToList();
        Recommendations = Given(settings.Recommendations) ?? Gap(gaps, RecommendationsPlaceholder, MissingRecommendations,
            "Chưa khai báo nội dung \u201cKiến nghị, đề xuất\u201d (report.recommendations): báo cáo sẽ để chỗ trống để cán bộ điền.",
            "The \u201cKiến nghị, đề xuất\u201d text is not set (report.recommendations): the report will leave a blank for staff to fill in.");
        DraftingUnit = Given(settings.DraftingUnit) ?? Gap(gaps, DraftingUnitPlaceholder, MissingDraftingUnit,
            "Chưa khai báo đơn vị soạn thảo (report.draftingUnit, ví dụ CCTĐC): dòng \u201cLưu: VT, …\u201d sẽ để trống.",
            "The drafting unit is not set (report.draftingUnit, e.g. CCTĐC): the \u201cLưu: VT, …\u201d line will be blank.");
        ArchiveCopies = settings.ArchiveCopies;
        // NĐ30 prints the authority and the title in capitals, whatever the call file says.
        SignerAuthority = Given(settings.SignerAuthority)?.ToUpper(Vietnamese);
        SignerTitle = Given(settings.SignerTitle)?.ToUpper(Vietnamese) ?? Gap(gaps, SignerTitlePlaceholder, MissingSignerTitle,
            "Chưa khai báo chức vụ người ký báo cáo (report.signerTitle): báo cáo sẽ in \u201c(Chức vụ người ký)\u201d để điền tay.",
            "The signer's title is not set (report.signerTitle): the report will print \u201c(Chức vụ người ký)\u201d to be filled in by hand.");
        SignerName = Given(settings.SignerName) ?? Gap(gaps, SignerNamePlaceholder, MissingSignerName,
            "Chưa khai báo họ tên người ký báo cáo (report.signerName): báo cáo sẽ in \u201c(Họ và tên)\u201d để điền tay.",
            "The signer's name is not set (report.signerName): the report will print \u201c(Họ và tên)\u201d to be filled in by hand.");
        Gaps = gaps;
    }

    public static ReportSignOff For(CallDefinition call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call);
    }

    /// <summary>The body that issues the report, e.g. "Sở Khoa học và Công nghệ".</summary>
    public string Issuer { get; }

    /// <summary>The body above it, e.g. "UBND thành phố Hải Phòng"; null when none is known.</summary>
    public string? IssuerParent { get; }

    /// <summary>"BC-SKHCN": what follows "Số: …/".</summary>
    public string NumberSymbol { get; }

    /// <summary>"Thực hiện Công văn số …": what the body opens with.</summary>
    public string Basis { get; }

    public IReadOnlyList<string> Addressees { get; }

    /// <summary>Recipients under "Nơi nhận" after "Như trên", without the archive line.</summary>
    public IReadOnlyList<string> CopiesTo { get; }

    /// <summary>"CCTĐC": the drafting unit, in the archive line.</summary>
    public string DraftingUnit { get; }

    public int? ArchiveCopies { get; }

    /// <summary>"KT. GIÁM ĐỐC" above the title when a deputy signs; null when the head signs.</summary>
    public string? SignerAuthority { get; }

    public string SignerTitle { get; }

    public string SignerName { get; }

    /// <summary>The closing section's text, or its placeholder.</summary>
    public string Recommendations { get; }

    /// <summary>The settings left out, in the order they appear on the report.</summary>
    public IReadOnlyList<ReportSettingGap> Gaps { get; }

    /// <summary>"Số:        /BC-SKHCN": the number itself is left blank for the clerk who registers the report.</summary>
    public string NumberLine => "Số:        /" + NumberSymbol;

    /// <summary>
    /// "Nơi nhận": "Như trên" stands for the addressees of "Kính gửi" (NĐ30, Phụ lục I, II.9), then the copies,
    /// then the archive: "- Lưu: VT, CCTĐC, 02b.".
    /// </summary>
    public IReadOnlyList<string> RecipientLines =>
        ["- Như trên;", .. CopiesTo.Select(c => $"- {c.TrimEnd(';', '.')};"),
         $"- Lưu: VT, {DraftingUnit}{(ArchiveCopies is { } copies ? ", " + copies.ToString("D2", CultureInfo.InvariantCulture) + "b" : string.Empty)}."];

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Gap(List<ReportSettingGap> gaps, string placeholder, string code, string vi, string en)
    {
        gaps.Add(new(code, vi, en));
        return placeholder;
    }
}
