namespace Proposals.Domain.Signatures;

/// <summary>
/// The main status of validating one signature (ETSI EN 319 102-1, 5.1.3), as the EU's DSS validator reports it:
/// <c>TOTAL-PASSED</c>, <c>INDETERMINATE</c> (it may pass with more information: a root, a timestamp), or
/// <c>TOTAL-FAILED</c> (it cannot pass: the bytes or the signature are wrong).
/// </summary>
public enum SignatureIndication
{
    Passed,
    Indeterminate,
    Failed,
}

/// <summary>
/// The sub-indications of ETSI EN 319 102-1 (5.1.3, table 5) this app reports, each with what it means for staff.
/// The names are the standard's, so an operator can compare with DSS or <c>pdfsig</c>.
/// </summary>
public static class SubIndications
{
    // TOTAL-FAILED
    public const string FormatFailure = "FORMAT_FAILURE";
    public const string HashFailure = "HASH_FAILURE";
    public const string SigCryptoFailure = "SIG_CRYPTO_FAILURE";

    // INDETERMINATE
    public const string NoSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND";
    public const string NoCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND";
    public const string CertificateChainGeneralFailure = "CERTIFICATE_CHAIN_GENERAL_FAILURE";
    public const string OutOfBoundsNoPoe = "OUT_OF_BOUNDS_NO_POE";
    public const string ChainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE";
    public const string SigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE";
    public const string CryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE";
    public const string SignedDataNotFound = "SIGNED_DATA_NOT_FOUND";

    /// <summary>What the sub-indication means, in Vietnamese and English.</summary>
    public static SignatureNote Describe(string subIndication) => subIndication switch
    {
        FormatFailure => new("Định dạng chữ ký không hợp lệ hoặc không được hỗ trợ.", "The signature's format is invalid or not supported."),
        HashFailure => new("Nội dung đã ký bị thay đổi (mã băm không khớp).", "The signed content changed (the digest does not match)."),
        SigCryptoFailure => new("Giá trị chữ ký không khớp với khoá của chứng thư.", "The signature value does not verify with the certificate's key."),
        NoSigningCertificateFound => new("Chữ ký không kèm chứng thư số của người ký.", "The signature does not carry the signer's certificate."),
        NoCertificateChainFound => new("Chuỗi chứng thư không dẫn tới CA gốc tin cậy nào.", "The certificate chain reaches no trusted root."),
        CertificateChainGeneralFailure => new("Chuỗi chứng thư không hợp lệ.", "The certificate chain is not valid."),
        OutOfBoundsNoPoe => new("Chứng thư không còn hoặc chưa có hiệu lực ở thời điểm có bằng chứng tồn tại của chữ ký (dấu thời gian hoặc lúc nhận).",
            "The certificate was expired or not yet valid at the time the signature is proven to exist (a timestamp, or receipt)."),
        ChainConstraintsFailure => new("Chứng thư không được phép dùng để ký tài liệu (Key Usage / Extended Key Usage).", "The certificate may not sign documents (Key Usage / Extended Key Usage)."),
        SigConstraintsFailure => new("Chữ ký không đáp ứng chính sách kiểm tra (thời điểm ký sau lúc nhận, nhiều người ký trong một chữ ký...).",
            "The signature does not meet the validation policy (signed after receipt, several signers in one signature...)."),
        CryptoConstraintsFailure => new("Thuật toán băm hoặc ký không còn đủ an toàn (SHA-1, MD5).", "The digest or signature algorithm is no longer secure (SHA-1, MD5)."),
        SignedDataNotFound => new("Vùng ký không phải một phiên bản hoàn chỉnh của tệp.", "The signed range is not a complete revision of the file."),
        _ => new(subIndication, subIndication),
    };
}
