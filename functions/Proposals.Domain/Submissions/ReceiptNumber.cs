using System.Globalization;

namespace Proposals.Domain.Submissions;

/// <summary>Human-friendly, unique per call: <c>HP24-000123</c>, read out over the phone.</summary>
public static class ReceiptNumber
{
    public static string Format(string prefix, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{sequence:D6}");
}
