namespace Proposals.Pipeline.Storage;

/// <summary>
/// Every container, queue and table the code uses: the one place their names live. The Bicep in
/// <c>infra/</c> declares the same names.
/// </summary>
public static class StorageNames
{
    /// <summary>Raw documents and the submitted fields, <c>{callId}/{submissionId}/...</c>. Private.</summary>
    public const string SubmissionsContainer = "submissions";

    /// <summary>Closeout reports, <c>{callId}/r{revision}/...</c>. Private; staff download through SAS.</summary>
    public const string ReportsContainer = "reports";

    /// <summary>
    /// Checkpoints of the staff list, <c>{callId}.jsonl.gz</c>: every submission's listed columns, so an instance
    /// that starts serving staff loads the list in one read (owner: <c>StaffListCheckpoints</c>).
    /// </summary>
    public const string StaffListsContainer = "staff-lists";

    /// <summary>
    /// Emails that became no submission (no call's address, no usable attachment, after the deadline), kept for
    /// staff: <c>{emailId}/message.txt</c> and its attachments (owner: <c>InboundEmails</c>). Private.
    /// </summary>
    public const string InboundContainer = "inbound";

    /// <summary>Validated submissions waiting for classification. Messages are base64 encoded.</summary>
    public const string ClassifyQueue = "classify";

    /// <summary>Where the queue trigger moves a message after the configured number of failed tries.</summary>
    public const string ClassifyPoisonQueue = ClassifyQueue + "-poison";

    /// <summary>One row per submission; PartitionKey = callId, RowKey = submissionId.</summary>
    public const string SubmissionsTable = "Submissions";

    /// <summary>
    /// The call's submissions by enterprise (PartitionKey = callId_taxCode, RowKey = submissionId), so
    /// finding an enterprise's other proposals, for duplicates and versions, is one partition read.
    /// </summary>
    public const string TaxCodeIndexTable = "SubmissionsByTaxCode";

    /// <summary>Submissions refused after the deadline: who and when, nothing else (PartitionKey = callId).</summary>
    public const string LateSubmissionsTable = "LateSubmissions";

    /// <summary>Per-call receipt-number sequence and idempotency keys; PartitionKey = callId.</summary>
    public const string IntakeKeysTable = "IntakeKeys";

    /// <summary>One row per email sent (submission or call, and kind): at most one email each.</summary>
    public const string EmailLedgerTable = "EmailLedger";

    /// <summary>One row per call and report revision: the closeout ran, when, with what.</summary>
    public const string CloseoutRunsTable = "CloseoutRuns";

    /// <summary>
    /// Every staff action (who, when, what, why), append-only; PartitionKey = callId, RowKey = time-ordered
    /// (owner: <c>AuditTrail</c>, which only ever inserts).
    /// </summary>
    public const string AuditTrailTable = "AuditTrail";

    /// <summary>
    /// One row per email received by the inbound webhook, keyed by its Message-ID's hash (PartitionKey
    /// <c>email</c>): a redelivery adds nothing; the unmatched ones are the staff's list (owner: <c>InboundEmails</c>).
    /// </summary>
    public const string InboundEmailsTable = "InboundEmails";

    /// <summary>
    /// One row per call (PartitionKey = callId): staff's confirmation that the report is archived, the purge's lease and
    /// progress, then its tombstone (owner: <c>RetentionLedger</c>).
    /// </summary>
    public const string CallRetentionTable = "CallRetention";

    /// <summary>An emailed submission's message and what was read from it, beside its documents, until staff accept it.</summary>
    public const string InboundMessageBlob = "inbound.json";

    /// <summary>The blob intake writes last; its arrival fires the examination stage.</summary>
    public const string SubmissionFieldsBlob = "submission.json";

    public const string SignedScanBlob = "signed-scan.pdf";

    /// <summary>The signed scan's first <paramref name="bytes"/> bytes: a signature's signed revision, for staff (written once, on first request).</summary>
    public static string SignedRevisionBlob(long bytes) => $"signed-scan.signed-revision-{bytes}.pdf";
    public const string EditableFormBlob = "editable-form.docx";

    /// <summary>
    /// A document's disarmed copy (<c>safe/signed-scan.pdf</c>...), written by the examination stage beside the original:
    /// what the staff console and the report's ZIP hand out; the original is one audited click away.
    /// </summary>
    public static string SafeCopyBlob(string documentBlob) => "safe/" + documentBlob;

    /// <summary>The blob trigger's path: one firing per submission.</summary>
    public const string SubmissionFieldsTriggerPath = SubmissionsContainer + "/{callId}/{submissionId}/" + SubmissionFieldsBlob;

    public static string SubmissionFolder(string callId, string submissionId) => $"{callId}/{submissionId}/";

    public static string SubmissionBlob(string callId, string submissionId, string name) =>
        SubmissionFolder(callId, submissionId) + name;

    public static IReadOnlyList<string> Containers { get; } = [SubmissionsContainer, ReportsContainer, StaffListsContainer, InboundContainer];

    public static IReadOnlyList<string> Queues { get; } = [ClassifyQueue, ClassifyPoisonQueue];

    public static IReadOnlyList<string> Tables { get; } =
        [SubmissionsTable, TaxCodeIndexTable, LateSubmissionsTable, IntakeKeysTable, EmailLedgerTable, CloseoutRunsTable, AuditTrailTable, InboundEmailsTable, CallRetentionTable];
}
