using System.Net.Mail;
using Proposals.Domain.Validation;

namespace Proposals.Pipeline.PersonalData;

/// <summary>
/// Whose data a request is about: a tax code (an enterprise's, or a household business's 12-digit personal number) or
/// an email address, exactly one. The value itself is never logged nor written to the audit trail: only its kind.
/// </summary>
public sealed record PersonalDataQuery(string Kind, string Value)
{
    public const string ByTaxCode = "tax-code";
    public const string ByEmail = "email";

    /// <summary>The query, or the field errors to answer with (both given, neither, or a malformed value).</summary>
    public static (PersonalDataQuery? Query, IReadOnlyList<FieldError> Errors) Parse(string? taxCode, string? email)
    {
        var hasTaxCode = !string.IsNullOrWhiteSpace(taxCode);
        var hasEmail = !string.IsNullOrWhiteSpace(email);
        if (hasTaxCode == hasEmail)
        {
            return (null, [new FieldError("query", "Nhập đúng một trong hai: mã số thuế hoặc thư điện tử.", "Give exactly one of: a tax code or an email address.")]);
        }

        if (hasTaxCode)
        {
            return TaxCode.TryParse(taxCode, out var parsed, out _)
                ? (new PersonalDataQuery(ByTaxCode, parsed!.Value), [])
                : (null, [new FieldError("taxCode", "Mã số thuế không hợp lệ.", "The tax code is not valid.")]);
        }

        var trimmed = email!.Trim();
        return trimmed.Length <= 254 && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed
            ? (new PersonalDataQuery(ByEmail, trimmed), [])
            : (null, [new FieldError("email", "Địa chỉ thư điện tử không hợp lệ.", "The email address is not valid.")]);
    }
}
