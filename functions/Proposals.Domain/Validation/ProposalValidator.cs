using System.Globalization;
using System.Text.RegularExpressions;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Forms;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;

namespace Proposals.Domain.Validation;

/// <summary>
/// Enforces a form definition's rules on the raw form (key → text), once, at intake (and when staff
/// complete a proposal that came another way). Output: the normalised fields (NFC, canonical tax code,
/// plain digits), which are what gets stored, and either a typed <see cref="Proposal"/> or the field
/// errors in Vietnamese and English. web/rules.js applies the same rules in the browser; one table of
/// cases runs through both (tests/cases/field-rules.json).
/// </summary>
public static partial class ProposalValidator
{
    public static ValidationOutcome Validate(
        IReadOnlyDictionary<string, string> rawFields, CallDefinition call, FormDefinition form, CallReferenceData reference)
    {
        var errors = new List<FieldError>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = rawFields.ToDictionary(p => p.Key, p => VietnameseText.Normalize(p.Value), StringComparer.Ordinal);

        foreach (var field in form.Fields)
        {
            if (!FormDefinition.IsShown(field, answers))
            {
                continue; // e.g. items 9.x of a research topic: neither required nor kept
            }

            rawFields.TryGetValue(field.Key, out var raw);
            var value = VietnameseText.Normalize(raw, field.IsMultiline);
            if (value.Length > field.MaxLength)
            {
                errors.Add(new(field.Key,
                    $"{field.Label.Vi}: tối đa {field.MaxLength} ký tự (hiện có {value.Length}).",
                    $"{field.Label.En}: at most {field.MaxLength} characters (now {value.Length})."));
                continue;
            }

            if (value.Length == 0)
            {
                if (field.Required)
                {
                    errors.Add(new(field.Key, $"Vui lòng nhập {LowerFirst(field.Label.Vi)}.", $"{field.Label.En} is required."));
                }

                continue;
            }

            if (field.Type == FieldType.VsicCode)
            {
                var vsic = VsicCodeRule.Check(field.Key, value, reference.Vsic, rawFields.GetValueOrDefault(ProposalFields.VsicCodeChoice));
                if (vsic.Error is { } vsicError)
                {
                    errors.Add(vsicError);
                }
                else
                {
                    fields[field.Key] = vsic.Code!;
                    if (vsic.DeclaredCode is { } declared)
                    {
                        fields[ProposalFields.VsicCode2018] = declared;
                    }
                }

                continue;
            }

            if (Check(field, value, call, reference) is { } checkedValue)
            {
                if (checkedValue.Error is { } error)
                {
                    errors.Add(error);
                }
                else
                {
                    fields[field.Key] = checkedValue.Value!;
                }
            }
        }

        if (SectionMismatch(fields, reference.Vsic) is { } mismatch)
        {
            errors.Add(mismatch);
        }

        if (rawFields.TryGetValue(ProposalFields.Honeypot, out var honeypot) && !string.IsNullOrWhiteSpace(honeypot))
        {
            errors.Add(new(ProposalFields.Honeypot, "Trường này phải để trống.", "This field must be left empty."));
        }

        return new ValidationOutcome(fields, errors, errors.Count == 0 ? Proposal.FromNormalisedFields(fields) : null);
    }

    private static Checked? Check(FormField field, string value, CallDefinition call, CallReferenceData reference)
    {
        var (vi, en) = (field.Label.Vi, field.Label.En);
        switch (field.Type)
        {
            case FieldType.Text or FieldType.Multiline:
                return Checked.Ok(value);

            case FieldType.TaxCode:
                return TaxCode.TryParse(value, out var taxCode, out var problem)
                    ? Checked.Ok(taxCode!.Value)
                    : Checked.Fail(TaxCodeError(field.Key, problem));

            case FieldType.Email:
                return EmailPattern().IsMatch(value)
                    ? Checked.Ok(value)
                    : Checked.Fail(new(field.Key, "Email không đúng định dạng (ví dụ: ten@congty.vn).", "Not a valid email address (e.g. name@company.vn)."));

            case FieldType.Phone:
                var phone = PhoneSeparators().Replace(value, string.Empty);
                return PhonePattern().IsMatch(phone)
                    ? Checked.Ok(phone)
                    : Checked.Fail(new(field.Key,
                        "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912 345 678 hoặc 0225 3842 123).",
                        "Not a valid Vietnamese phone number (e.g. 0912 345 678 or 0225 3842 123)."));

            case FieldType.Province:
                return reference.Provinces.TryFind(value, out var province) ? Checked.Ok(province!.Name)
                    : reference.Provinces.TryFindSuccession(value, out var succession) ? Checked.Fail(MergedProvinceError(field.Key, succession!))
                    : Checked.Fail(new(field.Key,
                        $"Không nhận ra tỉnh/thành phố \"{value}\"; hãy chọn trong danh sách.",
                        $"Unknown province or city \"{value}\"; choose one from the list."));

            case FieldType.VsicSection:
                var section = value.ToUpperInvariant();
                return section.Length == 1 && reference.Vsic.TryGetSection(section[0], out _)
                    ? Checked.Ok(section)
                    : Checked.Fail(VsicSectionError(field.Key, reference.Vsic));

            case FieldType.WholeNumber:
                var digits = NumberSeparators().Replace(value, string.Empty);
                if (digits.Length is 0 or > 18 || !digits.All(char.IsAsciiDigit))
                {
                    return Checked.Fail(new(field.Key, $"{vi}: chỉ nhập số nguyên.", $"{en}: whole numbers only."));
                }

                return InRange(field, long.Parse(digits, CultureInfo.InvariantCulture));

            case FieldType.Money:
                return MoneyAmount.TryParse(value, out var amount, out var moneyProblem)
                    ? InRange(field, amount)
                    : Checked.Fail(MoneyAmount.Error(field, value, moneyProblem));

            case FieldType.Choice:
                var options = field.Options ?? [];
                return options.Any(o => o.Value == value)
                    ? Checked.Ok(value)
                    : Checked.Fail(new(field.Key,
                        $"{vi}: chọn một trong {string.Join(", ", options.Select(o => o.Label.Vi))}.",
                        $"{en}: choose one of {string.Join(", ", options.Select(o => o.Label.En))}."));

            case FieldType.PriorityArea:
                var areas = call.PriorityAreas.Select(a => a.Number.ToString(CultureInfo.InvariantCulture)).ToList();
                return areas.Contains(value)
                    ? Checked.Ok(value)
                    : Checked.Fail(new(field.Key,
                        $"Nội dung ưu tiên phải là một trong: {string.Join(", ", areas)}.",
                        $"The priority area must be one of: {string.Join(", ", areas)}."));

            case FieldType.Month:
                // People write "01/2027" (tháng/năm); "2027-01" is what the API and older drafts send. Stored as 2027-01.
                if (!DateTime.TryParseExact(value.Replace(" ", string.Empty, StringComparison.Ordinal), ["MM/yyyy", "M/yyyy", "yyyy-MM"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
                {
                    return Checked.Fail(new(field.Key,
                        "Tháng bắt đầu viết theo dạng tháng/năm (ví dụ: 01/2027).", "Write the month as month/year (e.g. 01/2027)."));
                }

                return month.Year >= call.ProgrammeYear
                    ? Checked.Ok(month.ToString("yyyy-MM", CultureInfo.InvariantCulture))
                    : Checked.Fail(new(field.Key,
                        $"Nhiệm vụ bắt đầu không sớm hơn năm {call.ProgrammeYear}.", $"The task cannot start before {call.ProgrammeYear}."));

            default:
                throw new InvalidOperationException($"Field type {field.Type} has no rule.");
        }
    }

    /// <summary>What staff are told is what the form shows while the name is typed (web/rules.js, from the call's answer).</summary>
    public static FieldError MergedProvinceError(string key, ProvinceSuccession succession) => new(key,
        $"{succession.Vietnamese}; hãy chọn {succession.Successor.Name}.",
        $"{succession.English}; choose {succession.Successor.Name}.");

    public static FieldError VsicSectionError(string key, VsicDirectory vsic) => new(key,
        $"Ngành cấp 1 phải là một chữ cái từ A đến {vsic.Sections[^1].Letter} ({vsic.Name}).",
        $"The VSIC section must be a letter from A to {vsic.Sections[^1].Letter} ({vsic.Name}).");

    /// <summary>
    /// The main business code must belong to the declared section (4690 is wholesale, G, not manufacturing,
    /// C): the section decides the size group of Nghị định 80/2021, so a mismatch would misjudge the size.
    /// </summary>
    private static FieldError? SectionMismatch(Dictionary<string, string> fields, VsicDirectory vsic)
    {
        if (!fields.TryGetValue(ProposalFields.VsicSection, out var declared) || !fields.TryGetValue(ProposalFields.VsicCode, out var code)
            || vsic.SectionOfCode(code) is not { } actual || actual.Letter == declared[0])
        {
            return null;
        }

        var chosen = vsic.Section(declared[0]);
        return new(ProposalFields.VsicCode,
            $"Mã ngành {code} thuộc ngành cấp 1 {actual.Letter} ({actual.NameVi}), không thuộc ngành {chosen.Letter} ({chosen.NameVi}) đã chọn. Ngành cấp 1 quyết định cách xác định quy mô doanh nghiệp; hãy sửa mã ngành hoặc ngành cấp 1.",
            $"Code {code} belongs to section {actual.Letter} ({actual.NameEn}), not to the chosen section {chosen.Letter} ({chosen.NameEn}). The section decides how the enterprise's size is judged; correct the code or the section.");
    }

    private static FieldError TaxCodeError(string key, TaxCodeProblem problem) => problem switch
    {
        TaxCodeProblem.PersonalIdentificationNumber => new(key,
            "Đây là số định danh cá nhân (12 chữ số), mã số thuế của cá nhân và hộ kinh doanh. Đợt này nhận đề xuất của doanh nghiệp: hãy nhập mã số thuế của doanh nghiệp (10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc).",
            "This is a personal identification number (12 digits), the tax code of individuals and household businesses. This call is for enterprises: enter the enterprise's tax code (10 digits, or 13 for a dependent branch)."),
        TaxCodeProblem.CheckDigit => new(key,
            "Mã số thuế không đúng (sai chữ số kiểm tra); hãy kiểm tra lại từng chữ số.",
            "The tax code is wrong (its check digit does not match); check each digit."),
        TaxCodeProblem.BranchSuffix => new(key,
            "Mã chi nhánh (3 số cuối) không thể là 000.", "A branch suffix (last 3 digits) cannot be 000."),
        _ => new(key,
            "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc (0123456789-001).",
            "A tax code has 10 digits, or 13 for a dependent branch (0123456789-001)."),
    };

    private static Checked InRange(FormField field, long number)
    {
        var (min, max) = (field.Min ?? 0, field.Max ?? long.MaxValue);
        return number >= min && number <= max
            ? Checked.Ok(number.ToString(CultureInfo.InvariantCulture))
            : Checked.Fail(new(field.Key,
                $"{field.Label.Vi}: từ {Grouped(min, '.')} đến {Grouped(max, '.')}.",
                $"{field.Label.En}: from {Grouped(min, ',')} to {Grouped(max, ',')}."));
    }

    internal static string Grouped(long number, char separator) =>
        number.ToString("N0", CultureInfo.InvariantCulture).Replace(',', separator);

    private static string LowerFirst(string label) =>
        char.IsDigit(label[0]) ? label : char.ToLower(label[0], CultureInfo.GetCultureInfo("vi-VN")) + label[1..];

    private sealed record Checked(string? Value, FieldError? Error)
    {
        public static Checked Ok(string value) => new(value, null);

        public static Checked Fail(FieldError error) => new(null, error);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex PhoneSeparators();

    // Mobiles 03x/05x/07x/08x/09x (10 digits), landlines 02xx (11 digits); +84 or 84 for the leading 0.
    [GeneratedRegex(@"^(?:\+84|84|0)(?:[35789]\d{8}|2\d{9})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\s.,_\u00A0]")]
    private static partial Regex NumberSeparators();
}

public sealed record ValidationOutcome(
    IReadOnlyDictionary<string, string> Fields, IReadOnlyList<FieldError> Errors, Proposal? Proposal)
{
    public bool IsValid => Errors.Count == 0;
}
