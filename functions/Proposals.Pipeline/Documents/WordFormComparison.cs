using System.Globalization;
using Proposals.Domain.Forms;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;

namespace Proposals.Pipeline.Documents;

/// <summary>A difference staff should look at; never a reason to refuse a proposal.</summary>
public sealed record FormWarning(string Field, string Vi, string En);

/// <summary>
/// Compares the answers in the uploaded Word form with those posted through the web form. The Word
/// file is the one the enterprise signs and the council reads, the posted fields are what the
/// pipeline classifies: when they drift apart staff must know. Differences of typing only (NFC/NFD,
/// spacing, case, diacritics, how a number is grouped) are not differences.
/// </summary>
public static class WordFormComparison
{
    private const int QuoteLength = 120;

    public static IReadOnlyList<FormWarning> Compare(
        WordFormContent content, IReadOnlyDictionary<string, string> postedFields, FormDefinition form)
    {
        if (!content.FollowsTemplate)
        {
            return
            [
                new("editableForm",
                    "Tệp Word không theo mẫu của đợt tiếp nhận nên không thể đối chiếu với nội dung đã khai.",
                    "The Word file does not follow the call's template, so it could not be compared with the form."),
            ];
        }

        var warnings = new List<FormWarning>();
        foreach (var field in form.Fields)
        {
            // An answer left empty on either side is a matter for validation, not a difference.
            if (!content.ValuesByTag.TryGetValue(field.Key, out var inWord) || string.IsNullOrWhiteSpace(inWord)
                || !postedFields.TryGetValue(field.Key, out var posted) || string.IsNullOrWhiteSpace(posted))
            {
                continue;
            }

            // A VSIC 2018 code converted at intake: the Word form carries the code as declared, kept beside the 2025 one.
            var declared = field.Type == FieldType.VsicCode ? postedFields.GetValueOrDefault(ProposalFields.VsicCode2018) : null;
            if (!Same(field, inWord, posted) && (declared is null || !Same(field, inWord, declared)))
            {
                var quoted = Quote(CollapseWhitespace(VietnameseText.Normalize(inWord, multiline: true)));
                var label = LabelWithoutNumber(field.Label);
                warnings.Add(new(field.Key,
                    $"{label.Vi} trong tệp Word khác với nội dung đã khai: «{quoted}»",
                    $"The {label.En} in the Word file differs from the form: «{quoted}»"));
            }
        }

        return warnings;
    }

    private static bool Same(FormField field, string inWord, string posted) => field.Type switch
    {
        FieldType.TaxCode or FieldType.WholeNumber or FieldType.Money or FieldType.VsicCode => Digits(inWord) == Digits(posted),
        FieldType.Phone => PhoneDigits(inWord) == PhoneDigits(posted),
        FieldType.PriorityArea => FirstNumber(inWord) == FirstNumber(posted),
        FieldType.Month => YearMonth(inWord) is { } month ? month == YearMonth(posted) : Text(inWord) == Text(posted),
        FieldType.Province => Province(inWord) == Province(posted),

        // The web form posts the option's value (pilotProduction), the Word file holds what people write.
        FieldType.Choice => field.Options?.FirstOrDefault(o => o.Value == posted) is { } option
            ? Text(inWord) is var written && (written == Text(option.Value) || written == Text(option.Label.Vi) || written == Text(option.Label.En))
            : Text(inWord) == Text(posted),
        _ => Text(inWord) == Text(posted),
    };

    private static string Text(string value) => VietnameseText.Fold(CollapseWhitespace(VietnameseText.Normalize(value, multiline: true)));

    private static string CollapseWhitespace(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Digits(string value) => string.Concat(value.Where(char.IsAsciiDigit));

    /// <summary>"+84 904 577 972" and "0904.577.972" are the same number.</summary>
    private static string PhoneDigits(string value)
    {
        var digits = Digits(value);
        return digits.StartsWith("84", StringComparison.Ordinal) && digits.Length is 11 or 12 ? "0" + digits[2..] : digits;
    }

    private static string FirstNumber(string value) =>
        string.Concat(value.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit)).TrimStart('0');

    /// <summary>"2024-07", "07/2024", "tháng 7/2024" → (2024, 7); null when no year and month can be told apart.</summary>
    private static (int Year, int Month)? YearMonth(string value)
    {
        var numbers = new string(value.Select(c => char.IsAsciiDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var year = numbers.FirstOrDefault(n => n.Length == 4);
        var month = numbers.FirstOrDefault(n => n.Length is 1 or 2);
        return year is null || month is null
            ? null
            : (int.Parse(year, CultureInfo.InvariantCulture), int.Parse(month, CultureInfo.InvariantCulture));
    }

    /// <summary>"Thành phố Hải Phòng", "TP. Hải Phòng" and "Hai Phong" name the same province.</summary>
    private static string Province(string value)
    {
        var folded = Text(value);
        foreach (var prefix in new[] { "thanh pho ", "tp. ", "tp ", "tinh " })
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                return folded[prefix.Length..].Trim();
            }
        }

        return folded;
    }

    private static string Quote(string value)
    {
        if (value.Length <= QuoteLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[QuoteLength - 1]) ? QuoteLength - 2 : QuoteLength - 1;
        return value[..cut] + "…";
    }

    /// <summary>"1. Tên nhiệm vụ KH&amp;CN" → "Tên nhiệm vụ KH&amp;CN", and "the task name" in English.</summary>
    private static LocalizedText LabelWithoutNumber(LocalizedText label)
    {
        static string StripNumber(string text) => text.TrimStart("0123456789. ".ToCharArray());

        var vi = StripNumber(label.Vi);
        var en = StripNumber(label.En);
        if (en.Length > 1 && !char.IsUpper(en[1]))
        {
            en = char.ToLowerInvariant(en[0]) + en[1..];
        }

        return new(vi, en);
    }
}
