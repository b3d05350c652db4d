using Proposals.Domain.Validation;

namespace Proposals.Domain.Signatures;

/// <summary>
/// What the digital signatures (chữ ký số) in a signed scan prove, as one state per submission, with the
/// words staff, the enterprise and the report read. Each signature is first validated as ETSI EN 319 102-1
/// validators do (<see cref="SignatureIndication"/>: passed, indeterminate or failed, with a sub-indication), then
/// judged for what it covers in the file and whose tax code it names. Only <see cref="Invalid"/> is acted on (the
/// submission is rejected); the others are shown, and <see cref="Verified"/> may also be proof for a revision
/// (README, "Revising a proposal").
/// </summary>
public static class SignatureStates
{
    /// <summary>Unaltered, the signature is valid, the chain reaches a trusted root and the certificate names the submitted tax code.</summary>
    public const string Verified = "verified";

    /// <summary>Unaltered, valid and trusted, but the certificate names another tax code, several, or none (a person's certificate).</summary>
    public const string OtherTaxCode = "other-tax-code";

    /// <summary>ETSI's INDETERMINATE: the chain reaches no trusted root, the certificate was not valid when the signature is proven to exist, it may not sign documents, the signing time is after receipt, or the format is not verified.</summary>
    public const string Untrusted = "untrusted";

    /// <summary>
    /// The signature holds for its own revision, but a later incremental update changed the document in a way PDF
    /// does not allow after signing (the incremental saving and shadow attacks): what a reader shows is not what was
    /// signed. Never verified; staff can download the signed revision.
    /// </summary>
    public const string ChangedAfterSigning = "changed-after-signing";

    /// <summary>ETSI's TOTAL-FAILED: the signed bytes changed, the signature does not verify, or it is malformed: a reason to reject.</summary>
    public const string Invalid = "invalid";

    /// <summary>No digital signature: a scan of the paper signed and stamped by hand, accepted as before.</summary>
    public const string NotSigned = "not-signed";

    public static IReadOnlyList<string> All { get; } = [Verified, OtherTaxCode, Untrusted, ChangedAfterSigning, Invalid, NotSigned];

    /// <summary>
    /// One signature's state. A failed signature is invalid whatever else is true; one whose revision was changed
    /// afterwards proves nothing about what a reader shows; an indeterminate one proves nothing about who signed, so
    /// its tax code is not compared.
    /// </summary>
    public static string Of(SignatureIndication indication, bool changedAfterSigning, TaxCodeMatch match) =>
        indication == SignatureIndication.Failed ? Invalid
        : changedAfterSigning ? ChangedAfterSigning
        : indication == SignatureIndication.Indeterminate ? Untrusted
        : match is TaxCodeMatch.Same or TaxCodeMatch.HeadOfficeForBranch ? Verified
        : OtherTaxCode;

    /// <summary>
    /// The document's state from its signatures' states: any invalid one makes the document invalid (a
    /// document altered under one signature is altered, whoever signed later); then a verified signature that
    /// nothing disallowed followed; then "changed after signing" before any weaker proof, so that a forger's own
    /// signature over his changes never hides them; no signature at all is a scan.
    /// </summary>
    public static string Combine(IEnumerable<string> states)
    {
        var found = states.ToHashSet(StringComparer.Ordinal);
        return found.Count == 0 ? NotSigned
            : found.Contains(Invalid) ? Invalid
            : found.Contains(Verified) ? Verified
            : found.Contains(ChangedAfterSigning) ? ChangedAfterSigning
            : found.Contains(OtherTaxCode) ? OtherTaxCode
            : Untrusted;
    }

    public static string Vietnamese(string? state) => state switch
    {
        Verified => "Chữ ký số hợp lệ, đúng mã số thuế",
        OtherTaxCode => "Chữ ký số hợp lệ nhưng không đúng mã số thuế",
        Untrusted => "Có chữ ký số, chưa xác minh được (chứng thư không thuộc CA tin cậy hoặc không đáp ứng chính sách)",
        ChangedAfterSigning => "Đã ký số, rồi bị thay đổi sau khi ký",
        Invalid => "Chữ ký số không hợp lệ hoặc tài liệu bị sửa sau khi ký",
        NotSigned => "Không có chữ ký số (bản quét)",
        _ => "Chưa kiểm tra chữ ký số",
    };

    public static string English(string? state) => state switch
    {
        Verified => "Digital signature verified, tax code matches",
        OtherTaxCode => "Digital signature verified, but for another tax code",
        Untrusted => "Digitally signed, indeterminate (chain not trusted or policy not met)",
        ChangedAfterSigning => "Signed, then changed after signing",
        Invalid => "Signature invalid or document altered after signing",
        NotSigned => "Not digitally signed (a scan)",
        _ => "Digital signature not checked yet",
    };

    /// <summary>What staff read on a scan <see cref="ChangedAfterSigning"/>: the file shown is not the file signed.</summary>
    public static FieldError ChangedAfterSigningWarning(string field) => new(field,
        "Bản quét đã được ký số, rồi bị thay đổi sau khi ký (một bản cập nhật thêm sau chữ ký). Nội dung hiển thị không phải nội dung đã ký: hãy tải \"bản đã ký\" để đối chiếu; chữ ký không được coi là đã xác minh.",
        "The scan was digitally signed, then changed after signing (an update added after the signature). What it shows is not what was signed: download \"the signed version\" to compare; the signature does not count as verified.");

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
