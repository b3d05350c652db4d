using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Domain.Documents;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Documents;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Inbound;

/// <summary>What became of one email the webhook received.</summary>
public abstract record InboundOutcome
{
    /// <summary>A submission of the call, waiting for staff (<c>needsReview</c>), with its own receipt number.</summary>
    public sealed record Submitted(string CallId, string SubmissionId, string ReceiptNumber) : InboundOutcome;

    /// <summary>Kept for staff in the unmatched list, with the reason.</summary>
    public sealed record Unmatched(string Reason) : InboundOutcome;

    /// <summary>The same email again (SendGrid redelivers): nothing added.</summary>
    public sealed record AlreadyReceived(InboundEmailEntry Entry) : InboundOutcome;

    /// <summary>Another delivery of it is being stored right now: answer 503 so SendGrid tries again later.</summary>
    public sealed record InProgress : InboundOutcome;
}

/// <summary>
/// Proposals that still come by email enter the same pipeline. The email is claimed by its key (a redelivery adds
/// nothing), matched to a call by the address it was sent to (the call file's <c>inboundAddress</c>), judged on
/// time by when the webhook first received it, and, with a PDF or Word attachment, stored as a submission of that
/// call with its own receipt number and status <c>needsReview</c>: its documents where intake would put them,
/// checked as intake checks them, the answers read from the Word form's content controls when it follows the
/// call's template, and the message for staff (<c>inbound.json</c>). Staff complete and accept it
/// (<see cref="InboundReview"/>). Anything else is kept in the unmatched list. The sender is told, unless the
/// message looks like spam. Everything is stored before the webhook answers 2xx.
/// </summary>
public sealed partial class InboundStage(
    CallCatalog calls,
    SubmissionStore submissions,
    Admission admission,
    InboundEmails inbound,
    EmailLedger emails,
    TimeProvider time,
    IOptions<InboundOptions> options,
    IOptions<PipelineOptions> pipeline,
    ILogger<InboundStage> logger)
{
    public const int MaxTextLength = 100_000;

    public async Task<InboundOutcome> ReceiveAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (entry, isNew) = await inbound.ClaimAsync(new InboundEmailEntry
        {
            RowKey = email.Key,
            ReceivedAtUtc = now,
            From = Bounded(email.From, 300),
            To = Bounded(string.Join(", ", email.Recipients), 500),
            Subject = Bounded(email.Subject, 500),
            AttachmentNames = Bounded(string.Join('\n', email.Attachments.Select(a => DocumentNames.Sanitize(a.Name))), 2000),
            SpamScore = email.SpamScore,
            SubmissionId = Admission.NewSubmissionId(now),
        }, cancellationToken);
        if (!isNew && entry.Outcome != InboundEmailEntry.Pending)
        {
            return new InboundOutcome.AlreadyReceived(entry);
        }

        if (!isNew && !ClaimOnce.IsAbandoned(entry.ReceivedAtUtc, now)) // a delivery that claimed it and died is taken over
        {
            return new InboundOutcome.InProgress();
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["InboundEmail"] = entry.RowKey });
        if (email.MessageIdKey is { } messageIdKey && await inbound.FirstUnderMessageIdAsync(messageIdKey, entry.RowKey, cancellationToken) is var first && first != entry.RowKey)
        {
            entry.SameMessageIdAs = first; // stored all the same, and shown to staff
        }

        // Answered only when not likely spam and the sender is authenticated (DKIM or SPF aligned with From).
        entry.NotAcknowledged = email.IsLikelySpam(options.Value.SpamScoreThreshold) ? NotAcknowledgedReasons.LikelySpam
            : !email.SenderAuthenticated ? NotAcknowledgedReasons.SenderNotAuthenticated
            : null;
        var call = calls.FindByInboundAddress(email.Recipients, entry.ReceivedAtUtc);
        var documents = Classify(email.Attachments);
        var reason = call is null ? UnmatchedReasons.NoCall
            : entry.ReceivedAtUtc >= call.DeadlineInstant ? UnmatchedReasons.Late // the webhook's clock, not the sender's Date header
            : documents.Count == 0 ? UnmatchedReasons.NoAttachment
            : null;
        var spam = entry.NotAcknowledged is not null;

        if (reason is not null)
        {
            await inbound.KeepAsync(entry.RowKey, email, cancellationToken);
            entry.Outcome = InboundEmailEntry.Unmatched;
            entry.Reason = reason;
            entry.CallId = call?.Id;
            await inbound.CompleteAsync(entry, cancellationToken);
            LogUnmatched(logger, reason, spam);
            if (!spam && email.FromAddress.Length > 0)
            {
                await emails.SendOnceAsync(entry.RowKey, InboundReplyEmail.UnmatchedKind,
                    () => InboundReplyEmail.Unmatched(call, email, reason, FormUrl(call)), cancellationToken, limitPerRecipient: true);
            }

            return new InboundOutcome.Unmatched(reason);
        }

        var record = await StoreSubmissionAsync(call!, entry, email, documents, resumed: !isNew, cancellationToken);
        entry.Outcome = InboundEmailEntry.Submission;
        entry.CallId = call!.Id;
        entry.ReceiptNumber = record.ReceiptNumber;
        await inbound.CompleteAsync(entry, cancellationToken);
        LogSubmitted(logger, record.ReceiptNumber, call.Id, spam);
        if (!spam && email.FromAddress.Length > 0)
        {
            await emails.SendOnceAsync(record.SubmissionId, InboundReplyEmail.ReceivedKind,
                () => InboundReplyEmail.Received(call, record, email, FormUrl(call)), cancellationToken, limitPerRecipient: true);
        }

        return new InboundOutcome.Submitted(call.Id, record.SubmissionId, record.ReceiptNumber);
    }

    /// <summary>The documents among the attachments: the first PDF is the signed scan, the first Word file the form.</summary>
    private static Dictionary<string, (int Index, InboundFile File)> Classify(IReadOnlyList<InboundFile> attachments)
    {
        var documents = new Dictionary<string, (int, InboundFile)>(StringComparer.Ordinal);
        for (var i = 0; i < attachments.Count; i++)
        {
            var file = attachments[i];
            var head = file.Content.AsSpan(0, Math.Min(8, file.Content.Length));
            var field = DocumentChecks.LooksLikePdf(head) ? ProposalFields.SignedScan
                : DocumentChecks.LooksLikeZip(head) && file.Name.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) ? ProposalFields.EditableForm
                : null;
            if (field is not null)
            {
                documents.TryAdd(field, (i, file));
            }
        }

        return documents;
    }

    private async Task<SubmissionRecord> StoreSubmissionAsync(
        CallDefinition call, InboundEmailEntry entry, InboundEmail email, Dictionary<string, (int Index, InboundFile File)> documents,
        bool resumed, CancellationToken cancellationToken)
    {
        var submissionId = entry.SubmissionId;
        var attachments = new List<InboundAttachment>();
        WordFormContent? wordForm = null;
        for (var i = 0; i < email.Attachments.Count; i++)
        {
            var file = email.Attachments[i];
            var kind = DocumentKind.ForField(documents.FirstOrDefault(d => d.Value.Index == i).Key);
            var stored = kind is null
                ? await admission.StoreOtherAttachmentAsync(call, submissionId, i, file.Name, file.Content, cancellationToken)
                : await admission.StoreDocumentAsync(call, submissionId, kind, file.Name, file.Content.LongLength,
                    () => new MemoryStream(file.Content, writable: false), cancellationToken);
            // The same inspection as intake's; its findings are shown to staff, who decide.
            var inspected = kind is null ? null
                : DocumentInspection.Inspect(kind.Field, new MemoryStream(file.Content, writable: false), stored.OriginalName, maxPages: null);
            wordForm = kind == DocumentKind.EditableForm ? inspected?.Form : wordForm;
            attachments.Add(new InboundAttachment(stored.OriginalName, Bounded(file.ContentType, 100), stored.Bytes,
                stored.BlobName, kind?.Field, inspected?.Errors.Select(e => e.Vi).ToList() ?? [], stored.Sha256));
        }

        // The answers of a Word form made from the call's template, by its content controls; a hostile or
        // broken file is kept for staff but not read.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var followsTemplate = false;
        if (wordForm is { FollowsTemplate: true } content)
        {
            followsTemplate = true;
            foreach (var field in calls.FormFor(call).Fields)
            {
                if (content.ValuesByTag.TryGetValue(field.Key, out var value) && VietnameseText.Normalize(value, field.IsMultiline) is { Length: > 0 } text)
                {
                    fields[field.Key] = text;
                }
            }
        }

        var record = SubmissionRecord.FromFields(call.Id, submissionId, ListedUntilReviewed(fields, email),
            InboundAttachment.Documents(attachments));
        record.Status = SubmissionStatus.NeedsReview;
        record.Source = SubmissionSources.Email;
        record.ReceivedAtUtc = entry.ReceivedAtUtc;
        record = await admission.CreateAsync(call, record, resumed, cancellationToken);

        await submissions.WriteInboundAsync(call.Id, submissionId, new InboundMessage(
            Bounded(email.FromAddress, 254), Bounded(email.FromName, 300), email.Recipients, Bounded(email.Subject, 500),
            Bounded(email.Text.Length > 0 ? email.Text : email.Html, MaxTextLength), entry.ReceivedAtUtc, email.SpamScore, email.Spf,
            attachments, fields, followsTemplate)
        {
            NotAcknowledged = entry.NotAcknowledged,
            SameMessageIdDifferentContent = entry.SameMessageIdAs is not null,
        }, cancellationToken);
        return record;
    }

    /// <summary>What the list shows until staff complete it: the form's answers where it had them, else the email's, bounded.</summary>
    private static Dictionary<string, string> ListedUntilReviewed(Dictionary<string, string> fields, InboundEmail email)
    {
        var listed = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            [ProposalFields.EnterpriseName] = Bounded(fields.GetValueOrDefault(ProposalFields.EnterpriseName) ?? email.FromName, 300),
            [ProposalFields.Province] = Bounded(fields.GetValueOrDefault(ProposalFields.Province) ?? string.Empty, 100),
            [ProposalFields.ContactEmail] = Bounded(fields.GetValueOrDefault(ProposalFields.ContactEmail) ?? email.FromAddress, 254),
            [ProposalFields.TaskName] = Bounded(fields.GetValueOrDefault(ProposalFields.TaskName) ?? email.Subject, 500),
        };
        if (fields.GetValueOrDefault(ProposalFields.TaxCode) is { } typed)
        {
            listed[ProposalFields.TaxCode] = TaxCode.TryParse(typed, out var parsed, out _) ? parsed!.Value : Bounded(typed, 20);
        }

        return listed;
    }

    private string FormUrl(CallDefinition? call) =>
        pipeline.Value.PublicBaseUrl.TrimEnd('/') + "/" + (call is null ? string.Empty : "?call=" + Uri.EscapeDataString(call.Id));

    private static string Bounded(string? text, int max)
    {
        var normalized = VietnameseText.Normalize(text);
        return normalized.Length > max ? normalized[..max] : normalized;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound email kept as unmatched ({Reason}); not answered: {Spam}")]
    private static partial void LogUnmatched(ILogger logger, string reason, bool spam);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound email became submission {ReceiptNumber} of call {CallId}; not answered: {Spam}")]
    private static partial void LogSubmitted(ILogger logger, string receiptNumber, string callId, bool spam);
}
