using System.Text.RegularExpressions;
using Proposals.Domain.Classification;

namespace Proposals.Domain.Validation;

/// <summary>
/// The main business code: four digits (a class) or five (a subclass) that exist in the call's VSIC
/// version, not just two digits that name a division. A 2025 call also takes a 2018 code, because
/// registration certificates still carry those: converted through the official table, to its one 2025 code
/// or to the one the person chose among several, and kept beside it (<c>vsicCode2018</c>). A 2018 code the
/// table as shipped does not convert is refused with a request for the 2025 code, never guessed. web/rules.js
/// applies the same rule (tests/cases/field-rules.json).
/// </summary>
public static partial class VsicCodeRule
{
    public sealed record Outcome(string? Code, string? DeclaredCode, FieldError? Error);

    public static Outcome Check(string key, string value, VsicDirectory vsic, string? choice)
    {
        ArgumentNullException.ThrowIfNull(vsic);
        if (!Pattern().IsMatch(value))
        {
            return Fail(new(key, "Mã ngành VSIC gồm 4 chữ số (ngành cấp 4) hoặc 5 chữ số (cấp 5), ví dụ 2592.",
                "A VSIC code has 4 digits (a class) or 5 (a subclass), e.g. 2592."));
        }

        if (vsic.Contains(value))
        {
            return new(value, null, null);
        }

        if (vsic.Conversion is not { } conversion || !conversion.From.Lists(value))
        {
            return Fail(new(key, $"Mã ngành {value} không có trong {vsic.Name} ({vsic.Decision}).", $"Code {value} is not in {vsic.Name} ({vsic.Decision})."));
        }

        var from = conversion.From.Name;
        var targets = conversion.TargetsOf(value)!; // every code of the old list converts (checked at load)
        if (targets is [var only])
        {
            return new(only, value, null);
        }

        if (choice is not null && targets.Contains(choice.Trim()))
        {
            return new(choice.Trim(), value, null);
        }

        var choices = string.Join(", ", targets.Select(t => vsic.NameOf(t) is { } name ? $"{t} ({name})" : t));
        return Fail(new(key,
            $"Mã {value} là mã {from}; theo bảng chuyển đổi của Cục Thống kê (Công văn 3061/CTK-CSCL), mã này chuyển thành một trong các mã {vsic.Name}: {choices}. Hãy chọn mã đúng với hoạt động chính của doanh nghiệp.",
            $"Code {value} is a {from} code; the official conversion table (Công văn 3061/CTK-CSCL) turns it into one of these {vsic.Name} codes: {choices}. Choose the one that matches the enterprise's main activity."));
    }

    private static Outcome Fail(FieldError error) => new(null, null, error);

    [GeneratedRegex(@"^\d{4,5}$")]
    private static partial Regex Pattern();
}
