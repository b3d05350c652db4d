using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Privacy;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// Stage 3, run by the examination right after it decides (<see cref="ClassifyExaminedAsync"/>), or from a classify
/// queue message when that failed or a submission is re-driven: enterprise size, sector, region and priority area stored
/// on the row (<c>classified</c>), then the receipt email. A rejected submission keeps its status and
/// gets the email with what to fix. Redelivery is harmless: the row is written once and the email
/// ledger sends once.
/// </summary>
public sealed partial class ClassificationStage(
    CallCatalog calls,
    SubmissionStore submissions,
    SubmissionVersions versions,
    EmailLedger emails,
    TrackingTokens tokens,
    TimeProvider time,
    IOptions<PipelineOptions> options,
    ILogger<ClassificationStage> logger)
{
    /// <summary>Longest failure reason kept on the row.</summary>
    public const int MaxErrorLength = 500;

    public async Task ClassifyAsync(ClassifyMessage message, CancellationToken cancellationToken)
    {
        var (callId, submissionId) = (message.CallId, message.SubmissionId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallId"] = callId, ["SubmissionId"] = submissionId });
        try
        {
            await ClassifyOnceAsync(callId, submissionId, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The queue redelivers and, after its last try, moves the message to poison: keep the reason
            // on the row so staff see why without reading logs.
            await RecordFailureAsync(callId, submissionId, e);
            throw;
        }
    }

    /// <summary>
    /// In the examination's own invocation, with the row and the fields it already holds: no queue hop, and three
    /// storage requests fewer than a message (send, row, fields). A failure propagates unrecorded: the examination
    /// then puts the submission on the classify queue, whose retries and poison queue take over.
    /// </summary>
    public Task ClassifyExaminedAsync(SubmissionRecord record, SubmittedFields submitted, CancellationToken cancellationToken) =>
        ClassifyRecordAsync(record, submitted, cancellationToken); // inside the examination's log scope

    private async Task ClassifyOnceAsync(string callId, string submissionId, CancellationToken cancellationToken)
    {
        var record = await submissions.FindAsync(callId, submissionId, cancellationToken)
            ?? throw new InvalidOperationException($"Submission {callId}/{submissionId} has no record.");
        await ClassifyRecordAsync(record, await submissions.ReadFieldsAsync(callId, submissionId, cancellationToken), cancellationToken);
    }

    private async Task ClassifyRecordAsync(SubmissionRecord record, SubmittedFields submitted, CancellationToken cancellationToken)
    {
        var (callId, submissionId) = (record.CallId, record.SubmissionId);
        var call = calls.Find(callId) ?? throw new InvalidOperationException($"Call '{callId}' is not configured.");
        if (record.Status == SubmissionStatus.Received)
        {
            throw new InvalidOperationException($"Submission {record.ReceiptNumber} has not been validated yet.");
        }

        if (!record.HasLeftPipeline)
        {
            // Built from the fields intake validated and stored; the rules do not run a second time.
            var proposal = Proposal.FromNormalisedFields(submitted.Fields);
            var classification = proposal is null ? null : ProposalClassifier.Classify(proposal, call, calls.ReferenceFor(call));
            var now = time.GetUtcNow();
            record = await submissions.UpdateAsync(record, current =>
            {
                if (current.HasLeftPipeline)
                {
                    return false;
                }

                Apply(current, classification);
                if (current.Status == SubmissionStatus.Validated)
                {
                    current.Status = SubmissionStatus.Classified;
                }

                current.ClassifiedAtUtc = now;
                return true;
            }, cancellationToken);
            LogClassified(logger, record.ReceiptNumber, record.Status, record.EnterpriseSize ?? "-", record.RegionId ?? "-");
        }

        // Every delivery links again (idempotent): a crash between the row update and here loses nothing.
        await versions.LinkAsync(record, cancellationToken);

        var statusUrl = StatusPageUrl(options.Value.PublicBaseUrl, submissionId, tokens.For(callId, submissionId));
        await emails.SendOnceAsync(submissionId, ReceiptEmail.Kind,
            () => ReceiptEmail.Compose(call, record, statusUrl, call.PrivacyNotice is null ? null : PrivacyNotice.PageUrl(options.Value.PublicBaseUrl, call.Id)), cancellationToken, limitPerRecipient: true);
    }

    private async Task RecordFailureAsync(string callId, string submissionId, Exception failure)
    {
        var reason = $"{failure.GetType().Name}: {failure.Message}".ReplaceLineEndings(" ");
        reason = reason.Length > MaxErrorLength ? reason[..MaxErrorLength] : reason;
        LogFailed(logger, failure, submissionId);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (await submissions.FindAsync(callId, submissionId, timeout.Token) is null)
            {
                return;
            }

            var now = time.GetUtcNow();
            await submissions.UpdateAsync(callId, submissionId, current =>
            {
                current.LastError = reason;
                current.LastErrorAtUtc = now;
                current.ClassifyFailures++;
                return true;
            }, timeout.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            LogFailureNotRecorded(logger, e, submissionId); // storage itself is down: the original failure still propagates
        }
    }

    /// <summary>
    /// The submitter's status page, as linked from the receipt and its email. The token rides in the
    /// fragment, which browsers never send: it stays out of server logs, telemetry and Referer headers.
    /// </summary>
    public static string StatusPageUrl(string publicBaseUrl, string submissionId, string token) =>
        $"{publicBaseUrl.TrimEnd('/')}/status.html#submission={Uri.EscapeDataString(submissionId)}&token={Uri.EscapeDataString(token)}";

    private static void Apply(SubmissionRecord record, ProposalClassification? classification)
    {
        if (classification is null)
        {
            return;
        }

        record.EnterpriseSize = EnterpriseSizeRules.Key(classification.Size);
        record.EnterpriseSizeEvidence = classification.SizeEvidence;
        record.VsicSection = classification.VsicSection.ToString();
        record.SectorName = classification.SectorName;
        record.RegionId = classification.RegionId;
        record.RegionName = classification.RegionName;
        record.PriorityAreaTitle = classification.PriorityAreaTitle;
        record.SuggestedPriorityArea = classification.PrioritySuggestion.Area;
        record.PriorityEvidence = classification.PrioritySuggestion.Evidence;
        record.PriorityRulesVersion = classification.PrioritySuggestion.RulesVersion;

        var flags = classification.Flags.ToList();
        if (record.RejectionReasons.Any(r => r.Field is ProposalFields.SignedScan or ProposalFields.EditableForm))
        {
            flags.Add(EligibilityFlags.DocumentsRejected);
        }

        if (record.PossibleDuplicateList.Count > 0)
        {
            flags.Add(EligibilityFlags.PossibleDuplicate); // linked by another submission before this one got here
        }

        record.Flags = string.Join(',', flags);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifying {SubmissionId} failed; the queue will retry or move it to poison")]
    private static partial void LogFailed(ILogger logger, Exception exception, string submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the classify failure of {SubmissionId}")]
    private static partial void LogFailureNotRecorded(ILogger logger, Exception exception, string submissionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classified {ReceiptNumber}: {Status}, size {Size}, region {Region}")]
    private static partial void LogClassified(ILogger logger, string receiptNumber, string status, string size, string region);
}
