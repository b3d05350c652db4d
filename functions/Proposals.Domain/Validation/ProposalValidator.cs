using System.Globalization;
using System.Text.RegularExpressions;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;

namespace Proposals.Domain.Validation;

/// <summary>
/// The field rules of form A1-ĐXNV, enforced by intake and again by the validate stage. Input is the
/// raw form (key → text); output is the normalised fields (NFC, canonical tax code) and either a typed
/// <see cref="Proposal"/> or the field errors.
/// </summary>
public static partial class ProposalValidator
{
    public const int MaxDurationMonths = 36;

    public static ValidationOutcome Validate(
        IReadOnlyDictionary<string, string> rawFields, CallDefinition call, ProvinceDirectory provinces)
    {
        var errors = new List<FieldError>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in ProposalFields.All)
        {
            rawFields.TryGetValue(spec.Key, out var raw);
            var value = VietnameseText.Normalize(raw, spec.Multiline);
            if (value.Length > spec.MaxLength)
            {
                errors.Add(new(spec.Key,
                    $"{spec.LabelVi}: tối đa {spec.MaxLength} ký tự (hiện có {value.Length}).",
                    $"{spec.LabelEn}: at most {spec.MaxLength} characters (now {value.Length})."));
            }
            else if (value.Length == 0 && spec.Required)
            {
                errors.Add(new(spec.Key, $"Vui lòng nhập {Lower(spec.LabelVi)}.", $"{spec.LabelEn} is required."));
            }

            if (value.Length > 0)
            {
                fields[spec.Key] = value;
            }
        }

        if (rawFields.TryGetValue(ProposalFields.Honeypot, out var honeypot) && !string.IsNullOrWhiteSpace(honeypot))
        {
            errors.Add(new(ProposalFields.Honeypot,
                "Trường này phải để trống.", "This field must be left empty."));
        }

        var failed = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        string? Get(string key) => failed.Contains(key) ? null : fields.GetValueOrDefault(key);

        TaxCode? taxCode = null;
        if (Get(ProposalFields.TaxCode) is { } taxText)
        {
            if (TaxCode.TryParse(taxText, out taxCode, out var problem))
            {
                fields[ProposalFields.TaxCode] = taxCode!.Value;
            }
            else
            {
                errors.Add(TaxCodeError(problem));
            }
        }

        string? province = null;
        if (Get(ProposalFields.Province) is { } provinceText)
        {
            if (provinces.TryFind(provinceText, out var found))
            {
                province = found!.Name;
                fields[ProposalFields.Province] = province;
            }
            else
            {
                errors.Add(new(ProposalFields.Province,
                    $"Không nhận ra tỉnh/thành phố \"{provinceText}\"; hãy chọn trong danh sách.",
                    $"Unknown province or city \"{provinceText}\"; choose one from the list."));
            }
        }

        if (Get(ProposalFields.ContactEmail) is { } email && !EmailPattern().IsMatch(email))
        {
            errors.Add(new(ProposalFields.ContactEmail,
                "Email không đúng định dạng (ví dụ: ten@congty.vn).", "Not a valid email address (e.g. name@company.vn)."));
        }

        if (Get(ProposalFields.ContactPhone) is { } phone)
        {
            var digits = PhoneSeparators().Replace(phone, string.Empty);
            if (PhonePattern().IsMatch(digits))
            {
                fields[ProposalFields.ContactPhone] = digits;
            }
            else
            {
                errors.Add(new(ProposalFields.ContactPhone,
                    "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912 345 678 hoặc 0225 3842 123).",
                    "Not a valid Vietnamese phone number (e.g. 0912 345 678 or 0225 3842 123)."));
            }
        }

        var section = '\0';
        if (Get(ProposalFields.VsicSection) is { } sectionText)
        {
            var upper = sectionText.ToUpperInvariant();
            if (upper.Length == 1 && VsicSections.TryGet(upper[0], out _))
            {
                section = upper[0];
                fields[ProposalFields.VsicSection] = upper;
            }
            else
            {
                errors.Add(new(ProposalFields.VsicSection,
                    "Ngành cấp 1 phải là một chữ cái từ A đến U (VSIC 2018).", "The VSIC section must be a letter from A to U (VSIC 2018)."));
            }
        }

        if (Get(ProposalFields.VsicCode) is { } vsicCode && !VsicCodePattern().IsMatch(vsicCode))
        {
            errors.Add(new(ProposalFields.VsicCode,
                "Mã ngành VSIC gồm 2 đến 5 chữ số (ví dụ: 2599).", "A VSIC code has 2 to 5 digits (e.g. 2599)."));
        }

        var employees = ParseWhole(ProposalFields.Employees, 0, 10_000_000);
        var revenue = ParseWhole(ProposalFields.AnnualRevenueVnd, 0, 1_000_000_000_000_000);
        var capital = ParseWhole(ProposalFields.TotalCapitalVnd, 0, 1_000_000_000_000_000);

        var taskType = TaskType.Research;
        if (Get(ProposalFields.TaskType) is { } taskTypeText && !TaskTypes.TryParse(taskTypeText, out taskType))
        {
            errors.Add(new(ProposalFields.TaskType,
                "Hình thức thực hiện phải là đề tài, dự án sản xuất thử nghiệm hoặc đề án khoa học.",
                "The task type must be research, pilotProduction or scientificScheme."));
        }

        var areas = call.PriorityAreas.Select(a => (long)a.Number).ToHashSet();
        var priorityArea = ParseWhole(ProposalFields.PriorityArea, 1, 99);
        if (priorityArea is { } area && !areas.Contains(area))
        {
            errors.Add(new(ProposalFields.PriorityArea,
                $"Nội dung ưu tiên phải là một trong: {string.Join(", ", areas.Order())}.",
                $"The priority area must be one of: {string.Join(", ", areas.Order())}."));
            priorityArea = null;
        }

        var duration = ParseWhole(ProposalFields.DurationMonths, 1, MaxDurationMonths);

        if (Get(ProposalFields.StartMonth) is { } startText)
        {
            if (!DateTime.TryParseExact(startText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                errors.Add(new(ProposalFields.StartMonth,
                    "Tháng bắt đầu theo dạng NNNN-TT (ví dụ: 2024-01).", "The start month is written YYYY-MM (e.g. 2024-01)."));
            }
            else if (start.Year < call.ProgrammeYear)
            {
                errors.Add(new(ProposalFields.StartMonth,
                    $"Nhiệm vụ bắt đầu không sớm hơn năm {call.ProgrammeYear}.",
                    $"The task cannot start before {call.ProgrammeYear}."));
            }
        }

        if (errors.Count > 0)
        {
            return new ValidationOutcome(fields, errors, null);
        }

        var proposal = new Proposal(
            fields[ProposalFields.EnterpriseName], taxCode!, fields[ProposalFields.Address], province!,
            fields[ProposalFields.LegalRepresentative], fields[ProposalFields.ContactName],
            fields[ProposalFields.ContactEmail], fields[ProposalFields.ContactPhone], section,
            fields[ProposalFields.VsicCode], (int)employees!.Value, revenue!.Value, capital!.Value,
            fields[ProposalFields.TaskName], taskType, (int)priorityArea!.Value,
            fields[ProposalFields.Objectives], fields[ProposalFields.Urgency],
            fields[ProposalFields.ContentsAndResults], fields[ProposalFields.Application],
            fields[ProposalFields.ExpectedBenefits], (int)duration!.Value, fields[ProposalFields.StartMonth],
            fields.GetValueOrDefault(ProposalFields.Origin), fields.GetValueOrDefault(ProposalFields.CoFunding));
        return new ValidationOutcome(fields, errors, proposal);

        long? ParseWhole(string key, long min, long max)
        {
            if (Get(key) is not { } text)
            {
                return null;
            }

            var spec = ProposalFields.Spec(key);
            var digits = NumberSeparators().Replace(text, string.Empty);
            if (digits.Length is 0 or > 18 || !digits.All(char.IsAsciiDigit))
            {
                errors.Add(new(key, $"{spec.LabelVi}: chỉ nhập số nguyên.", $"{spec.LabelEn}: whole numbers only."));
                return null;
            }

            var number = long.Parse(digits, CultureInfo.InvariantCulture);
            if (number < min || number > max)
            {
                errors.Add(new(key,
                    $"{spec.LabelVi}: từ {Grouped(min, '.')} đến {Grouped(max, '.')}.",
                    $"{spec.LabelEn}: from {Grouped(min, ',')} to {Grouped(max, ',')}."));
                return null;
            }

            fields[key] = digits.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
            return number;
        }
    }

    private static FieldError TaxCodeError(TaxCodeProblem problem) => problem switch
    {
        TaxCodeProblem.CheckDigit => new(ProposalFields.TaxCode,
            "Mã số thuế không đúng (sai chữ số kiểm tra); hãy kiểm tra lại từng chữ số.",
            "The tax code is wrong (its check digit does not match); check each digit."),
        TaxCodeProblem.BranchSuffix => new(ProposalFields.TaxCode,
            "Mã chi nhánh (3 số cuối) không thể là 000.", "A branch suffix (last 3 digits) cannot be 000."),
        _ => new(ProposalFields.TaxCode,
            "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc (0123456789-001).",
            "A tax code has 10 digits, or 13 for a dependent branch (0123456789-001)."),
    };

    private static string Grouped(long number, char separator) =>
        number.ToString("N0", CultureInfo.InvariantCulture).Replace(',', separator);

    private static string Lower(string label) =>
        char.IsDigit(label[0]) ? label : char.ToLower(label[0], CultureInfo.GetCultureInfo("vi-VN")) + label[1..];

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex PhoneSeparators();

    // Mobiles 03x/05x/07x/08x/09x (10 digits), landlines 02xx (11 digits); +84 or 84 for the leading 0.
    [GeneratedRegex(@"^(?:\+84|84|0)(?:[35789]\d{8}|2\d{9})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\d{2,5}$")]
    private static partial Regex VsicCodePattern();

    [GeneratedRegex(@"[\s.,_\u00A0]")]
    private static partial Regex NumberSeparators();
}

public sealed record ValidationOutcome(
    IReadOnlyDictionary<string, string> Fields, IReadOnlyList<FieldError> Errors, Proposal? Proposal)
{
    public bool IsValid => Errors.Count == 0;
}
