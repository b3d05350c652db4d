using Azure;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Documents;
using Proposals.Domain.Signatures;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Staff;

/// <summary>What staff get when they ask for one of a submission's documents.</summary>
public abstract record DocumentAccess
{
    public sealed record Granted(BlobLink Link) : DocumentAccess;

    public sealed record NotFound : DocumentAccess;

    /// <summary>The scanner found malware: no link, ever.</summary>
    public sealed record Blocked(string Field) : DocumentAccess;

    /// <summary>The submission was rejected: staff confirm, knowing why, before the link is made (and the download is on the record).</summary>
    public sealed record NeedsConfirmation(IReadOnlyList<FieldError> Reasons) : DocumentAccess;
}

/// <summary>
/// One submission as staff open it: every submitted field, the findings, the classification evidence,
/// its possible duplicates and its versions, the malware scan of each document, whether staff excluded it
/// and what staff did with it (the audit trail), and links to its two documents.
/// </summary>
public sealed class SubmissionDetails(SubmissionStore submissions, StaffList list, DownloadLinks links, AuditTrail audit)
{
    /// <summary>The document kinds staff download, by the form's field names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Documents = DocumentKind.All.ToDictionary(k => k.Field, k => k.BlobName, StringComparer.Ordinal);

    public async Task<SubmissionDetailView?> FindAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var record = await submissions.FindAsync(callId, submissionId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        SubmittedFields? submitted = null;
        try
        {
            submitted = await submissions.ReadFieldsAsync(callId, submissionId, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // An emailed submission not yet accepted, or an intake that never finished (the reconciler removes it).
        }

        var email = record.Source == SubmissionSources.Email ? await submissions.ReadInboundAsync(callId, submissionId, cancellationToken) : null;

        // Related rows come from the staff list in memory: no read per related submission. Versions are the
        // submissions of the same proposal (joined by proven replacements: the same LineageId), itself included.
        var (duplicates, versionRows) = await list.QueryAsync(callId, rows => (
            record.PossibleDuplicateList.Take(20).Select(rows.Find).OfType<ListedSubmission>().Select(r => RelatedSubmission.From(r.Record)).ToList(),
            rows.Records()
                .Where(r => r.TaxCode == record.TaxCode && r.LineageId == record.LineageId)
                .Select(RelatedSubmission.From)
                .OrderBy(v => v.ReceivedAtUtc).ThenBy(v => v.ReceiptNumber, StringComparer.Ordinal).ToList()), cancellationToken);

        var auditEntries = await audit.ListAsync(callId, submissionId, cancellationToken);
        return new SubmissionDetailView(
            StaffSubmissionRow.From(record),
            submitted?.Fields ?? email?.FieldsFromWord ?? new Dictionary<string, string>(),
            submitted?.Documents.Select(d => DocumentView.Of(d.Field, d.OriginalName, d.Bytes, d.Sha256, ScanStateOf(record, d.Field))).ToList()
                ?? email?.Attachments.Where(a => a.Document is not null).Select(a => DocumentView.Of(a.Document!, a.Name, a.Bytes, a.Sha256, null)).ToList()
                ?? [],
            record.RejectionReasons,
            record.ReviewWarnings,
            record.FlagList.Select(f => new FlagView(f, EligibilityFlags.Vietnamese(f), EligibilityFlags.English(f))).ToList(),
            new ClassificationEvidence(
                record.EnterpriseSize, record.EnterpriseSizeEvidence, record.VsicSection, record.SectorName, record.RegionId, record.RegionName,
                record.PriorityArea, record.PriorityAreaTitle, record.SuggestedPriorityArea, record.PriorityEvidence, record.PriorityRulesVersion),
            duplicates,
            versionRows,
            new PipelineTimes(record.ReceivedAtUtc, record.ValidatedAtUtc, record.ClassifiedAtUtc, record.LastError, record.LastErrorAtUtc, record.ClassifyFailures),
            ExclusionView.Of(record),
            auditEntries.Select(AuditView.From).ToList(),
            email is null ? null : EmailView.Of(email),
            record.PaperReceivedOn,
            record.NotAProposalReason,
            SignaturesView.Of(record, record.ReplacesBySignature is { } claimed ? versionRows.FirstOrDefault(v => v.SubmissionId == claimed)?.ReceiptNumber ?? claimed : null));
    }

    /// <summary>A link to the document staff open by default: its safe copy (see the overload).</summary>
    public Task<DocumentAccess> DocumentLinkAsync(
        string callId, string submissionId, string document, bool confirmed, string actor, CancellationToken cancellationToken) =>
        DocumentLinkAsync(callId, submissionId, document, confirmed, original: false, actor, cancellationToken);

    /// <summary>
    /// A fresh read-only link to one of the submission's documents: its disarmed safe copy (written by the validate
    /// stage), or the original when staff ask for it (<paramref name="original"/>) or no safe copy exists, which the
    /// audit trail records with who asked. Never for a file the scanner found malware in; for a rejected submission
    /// only once staff confirm (<paramref name="confirmed"/>), also recorded.
    /// </summary>
    public async Task<DocumentAccess> DocumentLinkAsync(
        string callId, string submissionId, string document, bool confirmed, bool original, string actor, CancellationToken cancellationToken)
    {
        if (await submissions.FindAsync(callId, submissionId, cancellationToken) is not { } record)
        {
            return new DocumentAccess.NotFound();
        }

        if (!Documents.TryGetValue(document, out var blobName))
        {
            // Another attachment of an emailed submission, by the name the detail view gave it.
            var message = record.Source == SubmissionSources.Email ? await submissions.ReadInboundAsync(callId, submissionId, cancellationToken) : null;
            if (message?.Attachments.FirstOrDefault(a => a.Document is null && EmailView.DownloadName(a) == document) is not { } attachment)
            {
                return new DocumentAccess.NotFound();
            }

            blobName = attachment.BlobName;
        }

        if (ScanStateOf(record, document) == MalwareScanStates.Malicious)
        {
            return new DocumentAccess.Blocked(document);
        }

        if (!await submissions.FileExistsAsync(callId, submissionId, blobName, cancellationToken))
        {
            return new DocumentAccess.NotFound();
        }

        if (record.Status == SubmissionStatus.Rejected)
        {
            if (!confirmed)
            {
                return new DocumentAccess.NeedsConfirmation(record.RejectionReasons);
            }

            await audit.RecordAsync(callId, AuditActions.DownloadRejectedDocument, actor, submissionId, record.ReceiptNumber, null, document, cancellationToken);
        }

        if (Documents.ContainsKey(document))
        {
            var safe = StorageNames.SafeCopyBlob(blobName);
            if (!original && await submissions.FileExistsAsync(callId, submissionId, safe, cancellationToken))
            {
                return new DocumentAccess.Granted(await submissions.ReadLinkAsync(links, callId, submissionId, safe, cancellationToken));
            }

            // A rejected submission's file (it has no safe copy) is already on the trail as the confirmed download.
            if (record.Status != SubmissionStatus.Rejected)
            {
                await audit.RecordAsync(callId, AuditActions.DownloadOriginalDocument, actor, submissionId, record.ReceiptNumber, null, document, cancellationToken);
            }
        }

        return new DocumentAccess.Granted(await submissions.ReadLinkAsync(links, callId, submissionId, blobName, cancellationToken));
    }

    /// <summary>
    /// A fresh read-only link to the revision a signature signed (the scan's bytes up to the end of its signed range),
    /// as readers offer "view signed version": what staff compare with a scan changed after signing. The same refusals
    /// as the scan itself (malware, a rejected submission unconfirmed); every download is on the audit trail, with the
    /// signature's number. <paramref name="signature"/> counts from 1, in the order the detail view lists them.
    /// </summary>
    public async Task<DocumentAccess> SignedRevisionLinkAsync(
        string callId, string submissionId, int signature, bool confirmed, string actor, CancellationToken cancellationToken)
    {
        if (await submissions.FindAsync(callId, submissionId, cancellationToken) is not { } record
            || signature < 1 || signature > record.Signatures.Count || record.Signatures[signature - 1].SignedRevisionBytes is not (> 0 and var length)
            || length > record.SignedScanBytes)
        {
            return new DocumentAccess.NotFound();
        }

        if (record.SignedScanMalwareScan == MalwareScanStates.Malicious)
        {
            return new DocumentAccess.Blocked(ProposalFields.SignedScan);
        }

        if (record.Status == SubmissionStatus.Rejected && !confirmed)
        {
            return new DocumentAccess.NeedsConfirmation(record.RejectionReasons);
        }

        var revision = StorageNames.SignedRevisionBlob(length);
        if (!await submissions.FileExistsAsync(callId, submissionId, revision, cancellationToken))
        {
            // The same bytes every time: the first writer wins, and another request's copy is as good.
            var prefix = await submissions.ReadFilePrefixAsync(callId, submissionId, StorageNames.SignedScanBlob, length, cancellationToken);
            await submissions.WriteFileAsync(callId, submissionId, revision, prefix.ToStream(),
                new StoredFileHeaders("application/pdf", $"{record.ReceiptNumber}-ban-da-ky-{signature}.pdf", OriginalName: null, PurgeAt: null),
                cancellationToken, firstWriterWins: true);
        }

        await audit.RecordAsync(callId, AuditActions.DownloadSignedRevision, actor, submissionId, record.ReceiptNumber, null,
            $"{ProposalFields.SignedScan}#{signature} ({length} bytes)", cancellationToken);
        return new DocumentAccess.Granted(await submissions.ReadLinkAsync(links, callId, submissionId, revision, cancellationToken));
    }

    private static string? ScanStateOf(SubmissionRecord record, string field) =>
        field == ProposalFields.SignedScan ? record.SignedScanMalwareScan : record.EditableFormMalwareScan;
}

public sealed record SubmissionDetailView(
    StaffSubmissionRow Submission,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<FieldError> RejectionReasons,
    IReadOnlyList<FieldError> ReviewWarnings,
    IReadOnlyList<FlagView> Flags,
    ClassificationEvidence Classification,
    IReadOnlyList<RelatedSubmission> PossibleDuplicates,
    IReadOnlyList<RelatedSubmission> Versions,
    PipelineTimes Pipeline,
    ExclusionView? Exclusion,
    IReadOnlyList<AuditView> Audit,
    EmailView? Email,
    string? PaperReceivedOn,
    string? NotAProposalReason,
    SignaturesView Signature);

/// <summary>The email an emailed submission came as: for staff to complete it from.</summary>
public sealed record EmailView(
    string From, string FromName, string Subject, string Text, DateTimeOffset ReceivedAtUtc, string ReceivedAtVietnam, double? SpamScore, string? Spf,
    bool WordFollowsTemplate, IReadOnlyList<EmailAttachmentView> Attachments)
{
    /// <summary>What staff must know of the message itself: not answered and why, another message under its Message-ID.</summary>
    public IReadOnlyList<SignatureNote> Notes { get; init; } = [];

    public static EmailView Of(InboundMessage m) => new(
        m.From, m.FromName, m.Subject, m.Text, m.ReceivedAtUtc, VietnamTime.FormatVi(m.ReceivedAtUtc), m.SpamScore, m.Spf, m.WordFollowsTemplate,
        m.Attachments.Select(a => new EmailAttachmentView(a.Name, a.Bytes, a.Document, a.Problems, a.Document ?? DownloadName(a))).ToList())
    {
        Notes = InboundNotes.Of(m.NotAcknowledged, m.SameMessageIdDifferentContent),
    };

    /// <summary>What the documents route calls an attachment that is neither document: its stored name, <c>attachment-2.xlsx</c>.</summary>
    public static string DownloadName(InboundAttachment attachment) => attachment.BlobName[(attachment.BlobName.LastIndexOf('/') + 1)..];
}

/// <param name="Download">The <c>{document}</c> of <c>GET .../documents/{document}</c> for this file.</param>
public sealed record EmailAttachmentView(string Name, long Bytes, string? Document, IReadOnlyList<string> Problems, string Download);

/// <summary>
/// The signed scan's digital signatures as staff read them: the state with its words, each signature (signer, CA,
/// tax codes, signing time in Vietnam time, whether the certificate was valid then, notes on the chain and on what
/// was not checked), and the earlier submission it replaced by signature (its receipt number), if any.
/// </summary>
public sealed record SignaturesView(string? State, string Vi, string En, IReadOnlyList<SignatureView> Signatures, string? ReplacedBySignature)
{
    public static SignaturesView Of(SubmissionRecord r, string? replacedBySignature) => new(
        r.SignatureState, SignatureStates.Vietnamese(r.SignatureState), SignatureStates.English(r.SignatureState),
        r.Signatures.Select((d, i) => SignatureView.From(d, i, r.SignedScanBytes)).ToList(), replacedBySignature);
}

public sealed record SignatureView(
    string State, string Vi, string En, string? SignerName, string? Issuer, IReadOnlyList<string> TaxCodes,
    DateTimeOffset? SignedAtUtc, string? SignedAtVietnam, bool SigningTimeSigned, bool? ValidAtSigningTime, string? SubFilter,
    IReadOnlyList<SignatureNote> Notes)
{
    /// <summary>ETSI EN 319 102-1's main indication: <c>TOTAL-PASSED</c>, <c>INDETERMINATE</c>, <c>TOTAL-FAILED</c> (null for rows validated before it was kept).</summary>
    public string? Indication { get; init; }

    public string? SubIndication { get; init; }

    public bool ChangedAfterSigning { get; init; }

    /// <summary>The number of the signed revision to download (<c>.../documents/signedScan/revisions/{n}</c>) when the file goes on after it; null otherwise.</summary>
    public int? SignedRevision { get; init; }

    public DateTimeOffset? TimestampUtc { get; init; }

    public static SignatureView From(SignatureDetail d, int index, long fileBytes) => new(
        d.State, SignatureStates.Vietnamese(d.State), SignatureStates.English(d.State), d.SignerName, d.Issuer, d.TaxCodes,
        d.SignedAtUtc, d.SignedAtUtc is { } at ? VietnamTime.FormatVi(at) : null, d.SigningTimeSigned, d.ValidAtSigningTime, d.SubFilter, d.Notes)
    {
        Indication = d.Indication switch
        {
            SignatureIndication.Passed => "TOTAL-PASSED",
            SignatureIndication.Indeterminate => "INDETERMINATE",
            SignatureIndication.Failed => "TOTAL-FAILED",
            _ => null,
        },
        SubIndication = d.SubIndication,
        ChangedAfterSigning = d.ChangedAfterSigning,
        SignedRevision = d.SignedRevisionBytes > 0 && d.SignedRevisionBytes < fileBytes ? index + 1 : null,
        TimestampUtc = d.TimestampUtc,
    };
}

/// <summary>A document as staff see it, with the malware scan's state (null before validation) in both languages.</summary>
public sealed record DocumentView(string Field, string OriginalName, long Bytes, string Sha256, string? MalwareScan, string MalwareScanVi, string MalwareScanEn)
{
    public static DocumentView Of(string field, string originalName, long bytes, string sha256, string? scan) =>
        new(field, originalName, bytes, sha256, scan, MalwareScanStates.Vietnamese(scan), MalwareScanStates.English(scan));
}

/// <summary>Staff left the submission out of the report: why, who, when.</summary>
public sealed record ExclusionView(string Reason, string ReasonVi, string ReasonEn, string? Note, string? By, DateTimeOffset? AtUtc, string? AtVietnam)
{
    public static ExclusionView? Of(SubmissionRecord r) => r.ExcludedReason is not { } reason ? null : new(
        reason, ExclusionReasons.Vietnamese(reason), ExclusionReasons.English(reason), r.ExcludedNote, r.ExcludedBy, r.ExcludedAtUtc,
        r.ExcludedAtUtc is { } at ? VietnamTime.FormatVi(at) : null);
}

/// <summary>One line of the audit trail as the console shows it.</summary>
public sealed record AuditView(string Action, string ActionVi, string Actor, DateTimeOffset AtUtc, string AtVietnam, string? Reason, string? ReasonVi, string? Note)
{
    public static AuditView From(AuditEntry e) => new(
        e.Action, AuditActions.Vietnamese(e.Action), e.Actor, e.AtUtc, VietnamTime.FormatVi(e.AtUtc), e.Reason,
        e.Reason is { } reason ? ExclusionReasons.Vietnamese(reason) : null, e.Note);
}

public sealed record FlagView(string Code, string Vi, string En);

public sealed record ClassificationEvidence(
    string? EnterpriseSize, string? EnterpriseSizeEvidence, string? VsicSection, string? SectorName, string? RegionId, string? RegionName,
    int DeclaredPriorityArea, string? DeclaredPriorityAreaTitle, int? SuggestedPriorityArea, string? PriorityEvidence, string? PriorityRulesVersion);

public sealed record RelatedSubmission(
    string SubmissionId, string ReceiptNumber, string Status, DateTimeOffset ReceivedAtUtc, string ReceivedAtVietnam,
    string EnterpriseName, string TaskName, int Version, string? SupersededBy)
{
    public static RelatedSubmission From(SubmissionRecord r) => new(
        r.SubmissionId, r.ReceiptNumber, r.Status, r.ReceivedAtUtc, VietnamTime.FormatVi(r.ReceivedAtUtc), r.EnterpriseName, r.TaskName,
        r.Version, r.SupersededBy);
}

public sealed record PipelineTimes(
    DateTimeOffset ReceivedAtUtc, DateTimeOffset? ValidatedAtUtc, DateTimeOffset? ClassifiedAtUtc, string? LastError,
    DateTimeOffset? LastErrorAtUtc, int ClassifyFailures);
