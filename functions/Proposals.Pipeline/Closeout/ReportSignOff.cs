using System.Globalization;
using Proposals.Domain.Calls;

namespace Proposals.Pipeline.Closeout;

/// <summary>A report setting the call file leaves out, as the staff console shows it.</summary>
public sealed record ReportSettingGap(string Code, string Vi, string En);

/// <summary>
/// The lines of the closeout report that only the agency can supply (Nghị định 30/2020/NĐ-CP: number
/// symbol, "Kính gửi", "Nơi nhận", the signer), taken from the call's <see cref="CallReportSettings"/>.
/// Whatever is missing becomes a visible placeholder the clerk fills in by hand, and a gap the staff
/// console lists before the deadline: both come from here, so the report and the warning cannot disagree.
/// </summary>
public sealed class ReportSignOff
{
    public const string NumberSymbolPlaceholder = "(Ký hiệu)";
    public const string AddresseePlaceholder = "(Cơ quan nhận báo cáo)";
    public const string StorageUnitPlaceholder = "(đơn vị soạn thảo)";
    public const string SignerTitlePlaceholder = "(Chức vụ người ký)";
    public const string SignerNamePlaceholder = "(Họ và tên)";

    public const string MissingNumberSymbol = "report-number-symbol-missing";
    public const string MissingAddressees = "report-addressees-missing";
    public const string MissingStorageUnit = "report-storage-unit-missing";
    public const string MissingSignerTitle = "report-signer-title-missing";
    public const string MissingSignerName = "report-signer-name-missing";

    private ReportSignOff(CallReportSettings settings)
    {
        var gaps = new List<ReportSettingGap>();
        NumberSymbol = Given(settings.NumberSymbol) ?? Gap(gaps, NumberSymbolPlaceholder, MissingNumberSymbol,
            "Chưa khai báo ký hiệu của báo cáo (report.numberSymbol, ví dụ BC-TĐC): dòng \u201cSố:\u201d sẽ để trống ký hiệu.",
            "The report's number symbol is not set (report.numberSymbol, e.g. BC-TĐC): the \u201cSố:\u201d line will have it blank.");
        Addressees = settings.Addressees.Select(Given).OfType<string>().ToList() is { Count: > 0 } addressees
            ? addressees
            : [Gap(gaps, AddresseePlaceholder, MissingAddressees,
                "Chưa khai báo cơ quan nhận báo cáo (report.addressees): dòng \u201cKính gửi:\u201d và \u201cNơi nhận:\u201d sẽ để trống.",
                "The report's addressees are not set (report.addressees): \u201cKính gửi:\u201d and \u201cNơi nhận:\u201d will be blank.")];
        StorageUnit = Given(settings.StorageUnit) ?? Gap(gaps, StorageUnitPlaceholder, MissingStorageUnit,
            "Chưa khai báo đơn vị soạn thảo lưu bản báo cáo (report.storageUnit, ví dụ QLTC): dòng \u201cLưu: VT, …\u201d sẽ để trống.",
            "The drafting unit that keeps the report is not set (report.storageUnit, e.g. QLTC): the \u201cLưu: VT, …\u201d line will be blank.");
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
        return new(call.Report);
    }

    /// <summary>"BC-TĐC": what follows "Số: …/".</summary>
    public string NumberSymbol { get; }

    public IReadOnlyList<string> Addressees { get; }

    public string StorageUnit { get; }

    /// <summary>"KT. CHI CỤC TRƯỞNG" above the title when a deputy signs; null when the head signs.</summary>
    public string? SignerAuthority { get; }

    public string SignerTitle { get; }

    public string SignerName { get; }

    /// <summary>The settings left out, in the order they appear on the report.</summary>
    public IReadOnlyList<ReportSettingGap> Gaps { get; }

    /// <summary>"Số:        /BC-TĐC": the number itself is left blank for the clerk who registers the report.</summary>
    public string NumberLine => "Số:        /" + NumberSymbol;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Gap(List<ReportSettingGap> gaps, string placeholder, string code, string vi, string en)
    {
        gaps.Add(new(code, vi, en));
        return placeholder;
    }
}
