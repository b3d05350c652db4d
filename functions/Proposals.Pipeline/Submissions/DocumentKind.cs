using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// The two documents a submission holds, once: the form field, the blob it is stored as, what it is served as,
/// and the size its row records. What intake, inbound email, paper entry, the examination stage, the malware
/// verdicts, the staff console and the report's ZIP all read. (The names and words the form shows are
/// <see cref="DocumentRules"/>.)
/// </summary>
public sealed record DocumentKind(string Field, string BlobName, string ContentType, string SafeCopySuffix)
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static readonly DocumentKind SignedScan = new(ProposalFields.SignedScan, StorageNames.SignedScanBlob, "application/pdf", "ban-an-toan.pdf");

    public static readonly DocumentKind EditableForm = new(ProposalFields.EditableForm, StorageNames.EditableFormBlob, WordContentType, "ban-an-toan.docx");

    /// <summary>In the order of <see cref="DocumentRules.Fields"/>: the scan, then the Word form.</summary>
    public static IReadOnlyList<DocumentKind> All { get; } = [SignedScan, EditableForm];

    public bool IsPdf => Field == ProposalFields.SignedScan;

    public string Extension => DocumentRules.Extension(Field);

    public static DocumentKind? ForField(string? field) => All.FirstOrDefault(k => k.Field == field);

    public static DocumentKind? ForBlob(string? blobName) => All.FirstOrDefault(k => k.BlobName == blobName);

    /// <summary>The size the row records for this document; 0: the submission has none (an emailed or paper one may lack one).</summary>
    public long BytesOf(SubmissionRecord record) => IsPdf ? record.SignedScanBytes : record.EditableFormBytes;

    /// <summary>The malware scanner's verdict the row records for this document.</summary>
    public string? MalwareScanOf(SubmissionRecord record) => IsPdf ? record.SignedScanMalwareScan : record.EditableFormMalwareScan;
}
