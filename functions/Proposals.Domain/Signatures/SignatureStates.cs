using Proposals.Domain.Validation;

namespace Proposals.Domain.Signatures;

/// <summary>
/// What the digital signatures (chữ ký số) in a signed scan prove, as one state per submission, with the
/// words staff, the enterprise and the report read. Only <see cref="Invalid"/> is acted on (the submission is
/// rejected); the others are shown, and <see cref="Verified"/> is also proof for a revision (README,
/// "Revising a proposal").
/// </summary>
public static class SignatureStates
{
    /// <summary>Unaltered, the signature is valid, the chain reaches a trusted root and the certificate names the submitted tax code.</summary>
    public const string Verified = "verified";

    /// <summary>Unaltered, valid and trusted, but the certificate names another tax code (or none: a person's certificate).</summary>
    public const string OtherTaxCode = "other-tax-code";

    /// <summary>Unaltered and valid as far as it can be checked, but the certificate does not chain to a trusted root.</summary>
    public const string Untrusted = "untrusted";

    /// <summary>The document changed after it was signed, or the signature does not verify: a reason to reject.</summary>
    public const string Invalid = "invalid";

    /// <summary>No digital signature: a scan of the paper signed and stamped by hand, accepted as before.</summary>
    public const string NotSigned = "not-signed";

    public static IReadOnlyList<string> All { get; } = [Verified, OtherTaxCode, Untrusted, Invalid, NotSigned];

    /// <summary>
    /// One signature's state. A signature that is not intact is invalid whatever else is true; one that is intact
    /// but not trusted proves nothing about who signed, so its tax code is not compared.
    /// </summary>
    public static string Of(bool intact, bool trusted, TaxCodeMatch match) =>
        !intact ? Invalid
        : !trusted ? Untrusted
        : match is TaxCodeMatch.Same or TaxCodeMatch.HeadOfficeForBranch ? Verified
        : OtherTaxCode;

    /// <summary>
    /// The document's state from its signatures' states: any invalid one makes the document invalid (a
    /// document altered after one signature is altered, whoever signed later); otherwise the strongest proof
    /// any signature gives; no signature at all is a scan.
    /// </summary>
    public static string Combine(IEnumerable<string> states)
    {
        var found = states.ToHashSet(StringComparer.Ordinal);
        return found.Count == 0 ? NotSigned
            : found.Contains(Invalid) ? Invalid
            : found.Contains(Verified) ? Verified
            : found.Contains(OtherTaxCode) ? OtherTaxCode
            : Untrusted;
    }

    public static string Vietnamese(string? state) => state switch
    {
        Verified => "Chữ ký số hợp lệ, đúng mã số thuế",
        OtherTaxCode => "Chữ ký số hợp lệ nhưng không đúng mã số thuế",
        Untrusted => "Có chữ ký số, chứng thư số không thuộc CA tin cậy",
        Invalid => "Chữ ký số không hợp lệ hoặc tài liệu bị sửa sau khi ký",
        NotSigned => "Không có chữ ký số (bản quét)",
        _ => "Chưa kiểm tra chữ ký số",
    };

    public static string English(string? state) => state switch
    {
        Verified => "Digital signature verified, tax code matches",
        OtherTaxCode => "Digital signature verified, but for another tax code",
        Untrusted => "Digitally signed, certificate chain not trusted",
        Invalid => "Signature invalid or document altered after signing",
        NotSigned => "Not digitally signed (a scan)",
        _ => "Digital signature not checked yet",
    };

    /// <summary>The rejection reason of an <see cref="Invalid"/> signature, on the signed scan, with what happened.</summary>
    public static FieldError RejectionReason(string field, bool altered) => altered
        ? new FieldError(field,
            "Tệp PDF đã bị thay đổi sau khi ký số, nên chữ ký số không còn giá trị. Hãy ký số lại trên bản cuối cùng (không sửa, không lưu đè sau khi ký) rồi nộp lại.",
            "The PDF was changed after it was digitally signed, so the signature no longer holds. Sign the final version again (do not edit or re-save it after signing) and resubmit.")
        : new FieldError(field,
            "Chữ ký số trong tệp PDF không hợp lệ (không khớp với nội dung hoặc bị hỏng). Hãy ký số lại bằng phần mềm ký của nhà cung cấp chữ ký số rồi nộp lại.",
            "The digital signature in the PDF is not valid (it does not match the content or is damaged). Sign again with your signature provider's software and resubmit.");
}

/// <summary>A remark on one signature for staff (its chain, its signing time, what was not checked), in Vietnamese and English.</summary>
public sealed record SignatureNote(string Vi, string En);
