using System.Globalization;
using Proposals.Domain.Forms;

namespace Proposals.Domain.Validation;

/// <summary>Why a typed amount is not a whole number of đồng.</summary>
public enum MoneyProblem
{
    None,
    NotANumber,
    DecimalComma,
    BadGrouping,
    MixedSeparators,
}

/// <summary>
/// An amount in đồng as Vietnamese write it: "45.000.000.000", "45000000000" or "45 000 000 000". The
/// comma is the decimal separator in Vietnamese, so "45,5" is forty-five and a half đồng, not 45.5 billion:
/// taken as digits it would be 455 đồng, a 100,000-fold error that goes straight into the enterprise's size.
/// So a comma, a separator not followed by exactly three digits, and mixed separators are refused, with the
/// number quoted back as it was read. web/rules.js applies the same rule (tests/cases/field-rules.json).
/// </summary>
public static class MoneyAmount
{
    private const int MaxDigits = 18;

    public static bool TryParse(string text, out long amount, out MoneyProblem problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        amount = 0;
        var value = text.Trim().Replace('\u00A0', ' ').Replace('\u202F', ' ');
        var (comma, dot, space) = (value.Contains(','), value.Contains('.'), value.Contains(' '));
        if (value.Length == 0 || value.Any(c => !char.IsAsciiDigit(c) && c is not (',' or '.' or ' ')))
        {
            problem = MoneyProblem.NotANumber;
            return false;
        }

        problem = (comma, dot, space) switch
        {
            (true, false, false) => MoneyProblem.DecimalComma,
            (true, _, _) or (_, true, true) => MoneyProblem.MixedSeparators,
            (false, true, false) => Grouped(value, '.'),
            (false, false, true) => Grouped(value, ' '),
            _ => MoneyProblem.None,
        };
        if (problem != MoneyProblem.None)
        {
            return false;
        }

        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        // Beyond 18 digits no field's limit can be met: it fails the range check, whatever its size.
        amount = digits.Length > MaxDigits ? long.MaxValue : long.Parse(digits, CultureInfo.InvariantCulture);
        return true;
    }

    private static MoneyProblem Grouped(string value, char separator)
    {
        var groups = value.Split(separator);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3) ? MoneyProblem.None : MoneyProblem.BadGrouping;
    }

    /// <summary>What the person is told: the field, the number as it was read, and how to write it.</summary>
    public static FieldError Error(FormField field, string value, MoneyProblem problem)
    {
        ArgumentNullException.ThrowIfNull(field);
        var (vi, en) = (field.Label.Vi, field.Label.En);
        return problem switch
        {
            MoneyProblem.DecimalComma when value.Count(c => c == ',') == 1 => new(field.Key,
                $"{vi}: \"{value}\" được đọc là {value} đồng, vì dấu phẩy là dấu thập phân. Số tiền ghi bằng đồng, không có phần lẻ: viết đủ các chữ số, ví dụ 45.500.000.000.",
                $"{en}: \"{value}\" reads as {value} dong, the comma being the decimal separator. Amounts are whole dong: write all the digits, e.g. 45.500.000.000."),
            MoneyProblem.DecimalComma => new(field.Key,
                $"{vi}: \"{value}\" có dấu phẩy, là dấu thập phân trong tiếng Việt. Dùng dấu chấm để ngăn cách hàng nghìn, ví dụ 45.000.000.000.",
                $"{en}: \"{value}\" has commas, which are decimal separators in Vietnamese. Group thousands with dots, e.g. 45.000.000.000."),
            MoneyProblem.BadGrouping => new(field.Key,
                $"{vi}: \"{value}\" không đọc được thành số đồng: sau mỗi dấu ngăn cách hàng nghìn phải có đúng 3 chữ số. Viết ví dụ 45.000.000.000 hoặc 45000000000.",
                $"{en}: \"{value}\" cannot be read as an amount in dong: each thousands separator must be followed by exactly 3 digits. Write e.g. 45.000.000.000 or 45000000000."),
            MoneyProblem.MixedSeparators => new(field.Key,
                $"{vi}: \"{value}\" dùng lẫn nhiều loại dấu ngăn cách. Chỉ dùng dấu chấm (hoặc dấu cách) giữa các nhóm 3 chữ số, ví dụ 45.000.000.000.",
                $"{en}: \"{value}\" mixes separators. Use only dots (or spaces) between groups of 3 digits, e.g. 45.000.000.000."),
            _ => new(field.Key, $"{vi}: chỉ nhập số nguyên.", $"{en}: whole numbers only."),
        };
    }
}
