using Azure;
using Azure.Data.Tables;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// Links a submission that has left the pipeline with the enterprise's other submissions in the call.
/// A revised version (one sent with an earlier one's tracking token: <see cref="SubmissionRecord.Replaces"/>)
/// and the submissions it replaces, directly or through a chain, are one proposal (the same
/// <see cref="SubmissionRecord.LineageId"/>): the latest classified one counts, the others are kept as earlier
/// versions, superseded, and each superseded version's contact is told (<see cref="ReplacedEmail"/>), whatever the
/// proof. Nothing else displaces anything:
/// another submission under the same tax code with the same or a similar task name is flagged on both as a
/// possible duplicate for staff to decide, both are counted, and the earlier one's contact is told that a
/// proposal was sent under their tax code (<see cref="TaxCodeUsedEmail"/>), unless it is the same contact.
/// Version order is the submission id's order: ids are version-7 GUIDs of the intake time.
/// </summary>
/// <remarks>
/// Two versions classified at the same moment may each miss the other in the index, so every
/// update only ever moves forward (a later superseder, a higher version number, one more duplicate):
/// whichever of them reads last sees both and leaves the right result, whatever the order of writes.
/// </remarks>
public sealed class SubmissionVersions(PipelineStorage storage, SubmissionStore submissions, EmailLedger emails, CallCatalog calls)
{
    public static string IndexPartition(string callId, string taxCode) => $"{callId}_{taxCode}";

    public async Task LinkAsync(SubmissionRecord record, CancellationToken cancellationToken)
    {
        var (callId, submissionId) = (record.CallId, record.SubmissionId);
        var nameKey = DuplicateRules.TaskNameKey(record.TaskName);
        var classified = record.Status == SubmissionStatus.Classified;
        var partition = IndexPartition(callId, record.TaxCode);
        await storage.TaxCodeIndexTable.UpsertEntityAsync(new TaxCodeIndexEntry
        {
            PartitionKey = partition,
            RowKey = submissionId,
            TaskNameKey = nameKey,
            Classified = classified,
            Lineage = record.LineageId,
        }, TableUpdateMode.Replace, cancellationToken);

        var entries = new List<TaxCodeIndexEntry>();
        await foreach (var entry in storage.TaxCodeIndexTable.QueryAsync<TaxCodeIndexEntry>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        var lineage = record.LineageId;
        // Same or similar task name, or a replacement claimed without proof (the examination stage linked it).
        var duplicates = entries
            .Where(e => LineageOf(e) != lineage
                && (DuplicateRules.IsPossibleDuplicate(record.TaxCode, nameKey, record.TaxCode, e.TaskNameKey) || record.PossibleDuplicateList.Contains(e.RowKey)))
            .Select(e => e.RowKey)
            .ToList();
        foreach (var other in duplicates)
        {
            var earlier = await MarkDuplicateAsync(callId, other, submissionId, cancellationToken);
            await MarkDuplicateAsync(callId, submissionId, other, cancellationToken);
            if (string.CompareOrdinal(other, submissionId) < 0)
            {
                await TellTheEarlierContactAsync(earlier, record, cancellationToken);
            }
        }

        if (!classified)
        {
            return;
        }

        var versions = entries
            .Where(e => e.Classified && LineageOf(e) == lineage)
            .Select(e => e.RowKey)
            .Append(submissionId)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (versions.Count == 1)
        {
            return;
        }

        var latest = versions[^1];
        for (var i = 0; i < versions.Count; i++)
        {
            var version = i + 1;
            var supersededBy = versions[i] == latest ? null : latest;
            var updated = await submissions.UpdateAsync(callId, versions[i], current =>
            {
                var changed = false;
                if (current.Version < version)
                {
                    current.Version = version;
                    changed = true;
                }

                if (supersededBy is not null
                    && (current.SupersededBy is null || string.CompareOrdinal(supersededBy, current.SupersededBy) > 0))
                {
                    current.SupersededBy = supersededBy;
                    changed = true;
                }

                return changed;
            }, cancellationToken);
            if (supersededBy is not null && updated.SupersededBy == supersededBy)
            {
                await TellTheReplacedContactAsync(updated, supersededBy, cancellationToken);
            }
        }
    }

    /// <summary>
    /// "Your proposal was replaced": to the contact of every version a newer one supersedes, whatever proved the
    /// replacement (the token or a digital signature), once per pair, so a replacement nobody at the enterprise
    /// made is heard of while the call is open.
    /// </summary>
    private async Task TellTheReplacedContactAsync(SubmissionRecord replaced, string newerId, CancellationToken cancellationToken)
    {
        if (calls.Find(replaced.CallId) is not { } call || await submissions.FindAsync(replaced.CallId, newerId, cancellationToken) is not { } newer)
        {
            return;
        }

        await emails.SendOnceAsync(replaced.SubmissionId, ReplacedEmail.Kind(newerId),
            () => ReplacedEmail.Compose(call, replaced, newer), cancellationToken, limitPerRecipient: true);
    }

    /// <summary>An entry's proposal; entries written before lineages were recorded stand alone.</summary>
    private static string LineageOf(TaxCodeIndexEntry entry) => string.IsNullOrEmpty(entry.Lineage) ? entry.RowKey : entry.Lineage;

    /// <summary>
    /// "A proposal was sent under your tax code": to the earlier submission's contact, once per pair, and not
    /// when both carry the same contact address (the enterprise sending twice). The receipt rate limit
    /// applies (<see cref="EmailLedger"/>), so nobody can flood an enterprise's inbox this way.
    /// </summary>
    private Task TellTheEarlierContactAsync(SubmissionRecord earlier, SubmissionRecord newer, CancellationToken cancellationToken)
    {
        if (string.Equals(earlier.ContactEmail, newer.ContactEmail, StringComparison.OrdinalIgnoreCase) || calls.Find(earlier.CallId) is not { } call)
        {
            return Task.CompletedTask;
        }

        return emails.SendOnceAsync(earlier.SubmissionId, TaxCodeUsedEmail.Kind(newer.SubmissionId),
            () => TaxCodeUsedEmail.Compose(call, earlier, newer), cancellationToken, limitPerRecipient: true);
    }

    private Task<SubmissionRecord> MarkDuplicateAsync(string callId, string submissionId, string duplicateOf, CancellationToken cancellationToken) =>
        submissions.UpdateAsync(callId, submissionId, current =>
        {
            var changed = false;
            if (!current.PossibleDuplicateList.Contains(duplicateOf))
            {
                current.PossibleDuplicates = string.Join(',', current.PossibleDuplicateList.Append(duplicateOf));
                changed = true;
            }

            if (!current.FlagList.Contains(EligibilityFlags.PossibleDuplicate))
            {
                current.Flags = string.Join(',', current.FlagList.Append(EligibilityFlags.PossibleDuplicate));
                changed = true;
            }

            return changed;
        }, cancellationToken);

    /// <summary>Takes one submission out of the tax-code index (erasure): it is no longer anyone's earlier version.</summary>
    public async Task ForgetAsync(string callId, string taxCode, string submissionId, CancellationToken cancellationToken)
    {
        if (taxCode.Length > 0)
        {
            await storage.TaxCodeIndexTable.DeleteEntityAsync(IndexPartition(callId, taxCode), submissionId, Azure.ETag.All, cancellationToken);
        }
    }

    /// <summary>The call's whole index (every <c>{callId}_{taxCode}</c> partition), deleted when its retention has passed.</summary>
    public Task<int> DeleteCallAsync(string callId, CancellationToken cancellationToken) =>
        TableDeletes.DeleteWhereAsync(storage.TaxCodeIndexTable,
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {callId + "_"} and PartitionKey lt {callId + "`"}"), cancellationToken);
}
