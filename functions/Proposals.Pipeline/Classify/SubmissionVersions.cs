using Azure;
using Azure.Data.Tables;
using Proposals.Domain.Classification;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Classify;

/// <summary>
/// Links a submission that has left the pipeline with the enterprise's other submissions in the call:
/// a similar task name makes both possible duplicates of each other (flagged for staff); the same
/// task name, both classified, makes the later a new version that supersedes the earlier (kept, not
/// deleted; the report counts the latest). Version order is the submission id's order: ids are
/// version-7 GUIDs of the intake time, so ordinal order is arrival order.
/// </summary>
/// <remarks>
/// Two versions classified at the same moment may each miss the other in the index, so every
/// update only ever moves forward (a later superseder, a higher version number, one more duplicate):
/// whichever of them reads last sees both and leaves the right result, whatever the order of writes.
/// </remarks>
public sealed class SubmissionVersions(PipelineStorage storage, SubmissionStore submissions)
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
        }, TableUpdateMode.Replace, cancellationToken);

        var siblings = new List<TaxCodeIndexEntry>();
        await foreach (var entry in storage.TaxCodeIndexTable.QueryAsync<TaxCodeIndexEntry>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (entry.RowKey != submissionId)
            {
                siblings.Add(entry);
            }
        }

        var duplicates = siblings
            .Where(s => DuplicateRules.IsPossibleDuplicate(record.TaxCode, nameKey, record.TaxCode, s.TaskNameKey))
            .Select(s => s.RowKey)
            .ToList();
        foreach (var other in duplicates)
        {
            await MarkDuplicateAsync(callId, other, submissionId, cancellationToken);
            await MarkDuplicateAsync(callId, submissionId, other, cancellationToken);
        }

        if (!classified)
        {
            return;
        }

        var versions = siblings
            .Where(s => s.Classified && DuplicateRules.IsResubmission(record.TaxCode, nameKey, record.TaxCode, s.TaskNameKey))
            .Select(s => s.RowKey)
            .Append(submissionId)
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
            await submissions.UpdateAsync(callId, versions[i], current =>
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
        }
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
}
