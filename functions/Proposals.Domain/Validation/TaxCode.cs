namespace Proposals.Domain.Validation;

/// <summary>
/// A Vietnamese tax code (mã số thuế): ten digits, or thirteen for a dependent branch written
/// <c>0123456789-001</c>. Digits 1–2 are the province of issue, 3–9 a sequence, 10 a check digit
/// (weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check = 10 − (Σ mod 11), 10 meaning invalid).
/// </summary>
public sealed record TaxCode
{
    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    private TaxCode(string canonical) => Value = canonical;

    /// <summary>The canonical form: <c>0312687878</c> or <c>0312687878-001</c>.</summary>
    public string Value { get; }

    public bool IsBranch => Value.Length == 14;

    /// <summary>The ten-digit code of the enterprise itself, without a branch suffix.</summary>
    public string Enterprise => Value[..10];

    public override string ToString() => Value;

    /// <summary>
    /// Accepts what people type: spaces, dots and hyphens anywhere (<c>0312 68 78 78 - 001</c>,
    /// <c>01.00.112.437</c>, <c>0100112437011</c>).
    /// </summary>
    public static bool TryParse(string? input, out TaxCode? taxCode, out TaxCodeProblem problem)
    {
        taxCode = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            problem = TaxCodeProblem.Missing;
            return false;
        }

        Span<char> digits = stackalloc char[13];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '.' or '-' or '\u00A0')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == digits.Length)
            {
                problem = TaxCodeProblem.Format;
                return false;
            }

            digits[count++] = c;
        }

        if (count == 12)
        {
            // Since 01/07/2025 a citizen's 12-digit identification number is the tax code of individuals and
            // household businesses (Thông tư 86/2024/TT-BTC): outside an enterprise call, and worth saying so.
            problem = TaxCodeProblem.PersonalIdentificationNumber;
            return false;
        }

        if (count != 10 && count != 13)
        {
            problem = TaxCodeProblem.Format;
            return false;
        }

        if (digits[2..9].IndexOfAnyExcept('0') < 0)
        {
            problem = TaxCodeProblem.Format;
            return false;
        }

        if (CheckDigit(digits[..9]) != digits[9] - '0')
        {
            problem = TaxCodeProblem.CheckDigit;
            return false;
        }

        if (count == 13 && digits[10..13].SequenceEqual("000"))
        {
            problem = TaxCodeProblem.BranchSuffix;
            return false;
        }

        var canonical = count == 10
            ? new string(digits[..10])
            : string.Concat(digits[..10], "-", digits[10..13]);
        taxCode = new TaxCode(canonical);
        problem = TaxCodeProblem.None;
        return true;
    }

    public static TaxCode Parse(string input) =>
        TryParse(input, out var code, out var problem)
            ? code!
            : throw new FormatException($"'{input}' is not a valid tax code ({problem}).");

    /// <summary>The check digit for nine digits, or 10 when no digit can be valid.</summary>
    private static int CheckDigit(ReadOnlySpan<char> firstNine)
    {
        var total = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            total += (firstNine[i] - '0') * Weights[i];
        }

        return 10 - (total % 11);
    }
}

public enum TaxCodeProblem
{
    None,
    Missing,
    Format,
    CheckDigit,
    BranchSuffix,

    /// <summary>Twelve digits: a personal identification number, the tax code of an individual or a household business.</summary>
    PersonalIdentificationNumber,
}
