using System.Globalization;

namespace Proposals.Domain.Classification;

/// <summary>
/// The dates a reference list is in force, both inclusive, in Vietnam's calendar; <see cref="Until"/> null
/// while it still is. A call may use a list only if the list covers the call's whole open-to-deadline period.
/// </summary>
public sealed record ReferenceValidity(DateOnly From, DateOnly? Until)
{
    public bool Covers(DateOnly day) => day >= From && (Until is null || day <= Until);

    public string Describe() =>
        Until is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"{From:dd/MM/yyyy} – {until:dd/MM/yyyy}")
            : string.Create(CultureInfo.InvariantCulture, $"from {From:dd/MM/yyyy}");
}
