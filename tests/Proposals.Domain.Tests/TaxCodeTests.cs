using Proposals.Domain.Validation;

namespace Proposals.Domain.Tests;

public class TaxCodeTests
{
    [Theory]
    [InlineData("0100233488", "0100233488")]
    [InlineData("0314409058-002", "0314409058-002")]
    [InlineData("0312 68 78 78 - 001", "0312687878-001")]
    [InlineData("01.00.112.437", "0100112437")]
    [InlineData("0100112437011", "0100112437-011")]
    [InlineData(" 0100233488 ", "0100233488")]
    public void Accepts_valid_codes_as_people_type_them_and_stores_the_canonical_form(string typed, string canonical)
    {
        TaxCode.TryParse(typed, out var code, out var problem).ShouldBeTrue();
        problem.ShouldBe(TaxCodeProblem.None);
        code!.Value.ShouldBe(canonical);
    }

    [Theory]
    [InlineData("0100233480", TaxCodeProblem.CheckDigit)]
    [InlineData("0100233489", TaxCodeProblem.CheckDigit)]
    [InlineData("0314409058-000", TaxCodeProblem.BranchSuffix)]
    [InlineData("0100000000", TaxCodeProblem.Format)]
    [InlineData("010023348", TaxCodeProblem.Format)]
    [InlineData("01002334881", TaxCodeProblem.Format)]
    [InlineData("01002334880011", TaxCodeProblem.Format)]
    [InlineData("01002A3488", TaxCodeProblem.Format)]
    [InlineData("", TaxCodeProblem.Missing)]
    [InlineData("   ", TaxCodeProblem.Missing)]
    public void Rejects_invalid_codes_with_the_reason(string typed, TaxCodeProblem expected)
    {
        TaxCode.TryParse(typed, out var code, out var problem).ShouldBeFalse();
        code.ShouldBeNull();
        problem.ShouldBe(expected);
    }

    [Fact]
    public void A_check_digit_that_would_be_ten_makes_every_code_invalid()
    {
        // 01000001x: 29 + 3 = 32, 32 mod 11 = 10, check = 0; search a prefix whose remainder is 0 instead.
        var prefix = Enumerable.Range(100000, 900000)
            .Select(n => "01" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))
            .First(p => WeightedSum(p) % 11 == 0);
        for (var last = 0; last <= 9; last++)
        {
            TaxCode.TryParse(prefix + last, out _, out var problem).ShouldBeFalse();
            problem.ShouldBe(TaxCodeProblem.CheckDigit);
        }
    }

    [Fact]
    public void Knows_branch_codes_and_their_enterprise()
    {
        var branch = TaxCode.Parse("0314409058-002");
        branch.IsBranch.ShouldBeTrue();
        branch.Enterprise.ShouldBe("0314409058");
        TaxCode.Parse("0100233488").IsBranch.ShouldBeFalse();
    }

    private static int WeightedSum(string nine)
    {
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        return nine.Select((c, i) => (c - '0') * weights[i]).Sum();
    }
}
