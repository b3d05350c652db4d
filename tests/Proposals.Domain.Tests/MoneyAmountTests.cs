using Proposals.Domain.Validation;

namespace Proposals.Domain.Tests;

/// <summary>Amounts in đồng as Vietnamese write them; a decimal comma is never read as more digits.</summary>
public class MoneyAmountTests
{
    [Theory]
    [InlineData("45.000.000.000", 45_000_000_000)]
    [InlineData("45000000000", 45_000_000_000)]
    [InlineData("45 000 000 000", 45_000_000_000)]
    [InlineData("45\u00A0000\u00A0000\u00A0000", 45_000_000_000)]
    [InlineData("45\u202F000", 45_000)]
    [InlineData("  1.000  ", 1_000)]
    [InlineData("0", 0)]
    public void Reads_the_three_ways_of_writing_an_amount(string text, long expected)
    {
        MoneyAmount.TryParse(text, out var amount, out var problem).ShouldBeTrue();
        (amount, problem).ShouldBe((expected, MoneyProblem.None));
    }

    [Theory]
    [InlineData("45,5", MoneyProblem.DecimalComma)]
    [InlineData("45,000,000,000", MoneyProblem.DecimalComma)]
    [InlineData("45.5", MoneyProblem.BadGrouping)]
    [InlineData("45.50", MoneyProblem.BadGrouping)]
    [InlineData("4500.000", MoneyProblem.BadGrouping)]
    [InlineData(".000", MoneyProblem.BadGrouping)]
    [InlineData("45..000", MoneyProblem.BadGrouping)]
    [InlineData("45  000", MoneyProblem.BadGrouping)]
    [InlineData("45.000,5", MoneyProblem.MixedSeparators)]
    [InlineData("45 000.000", MoneyProblem.MixedSeparators)]
    [InlineData("45 tỷ", MoneyProblem.NotANumber)]
    [InlineData("-5", MoneyProblem.NotANumber)]
    [InlineData("1e9", MoneyProblem.NotANumber)]
    [InlineData("٣٤", MoneyProblem.NotANumber)]
    public void Refuses_a_decimal_comma_a_short_group_and_mixed_separators(string text, MoneyProblem expected)
    {
        MoneyAmount.TryParse(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(expected);
    }

    [Fact]
    public void A_number_longer_than_any_limit_fails_the_range_instead_of_overflowing()
    {
        MoneyAmount.TryParse(new string('9', 40), out var amount, out _).ShouldBeTrue();
        amount.ShouldBe(long.MaxValue);
    }

    [Fact]
    public void The_message_quotes_the_number_as_it_was_read()
    {
        var field = ProposalValidatorTests.Form.Fields.Single(f => f.Key == "annualRevenueVnd");

        var error = MoneyAmount.Error(field, "45,5", MoneyProblem.DecimalComma);

        error.Vi.ShouldContain("\"45,5\" được đọc là 45,5 đồng");
        error.En.ShouldContain("reads as 45,5 dong");
    }
}
