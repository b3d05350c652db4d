using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout;

/// <summary>
/// One call's rows as the closeout found them, read once from the table into a temporary file (one
/// JSON line per submission, in arrival order) with the summary counted on the way. Every report file
/// of a run is written from this one snapshot, so they agree with each other, and none of them needs
/// the whole call in memory: a national call of 100,000 proposals is read row by row.
/// </summary>
public sealed class CallSnapshot : IDisposable
{
    /// <summary>Row properties only: the computed ones (lists parsed from JSON, the keys' aliases) are left out.</summary>
    private static readonly JsonSerializerOptions RowsOnly = new(JsonDefaults.Options)
    {
        WriteIndented = false, // one line per row
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                type =>
                {
                    foreach (var property in type.Properties.Where(p => p.Set is null || p.Name == "eTag").ToList())
                    {
                        type.Properties.Remove(property);
                    }
                },
            },
        },
    };

    private readonly string path;

    private CallSnapshot(string path, CloseoutSummary summary, IReadOnlyList<SubmissionRecord> unfinished, IReadOnlyList<LateAttempt> late)
    {
        this.path = path;
        Summary = summary;
        Unfinished = unfinished;
        LateAttempts = late;
    }

    public CloseoutSummary Summary { get; }

    /// <summary>Submissions still in the pipeline (poisoned ones included): named in the report and the email.</summary>
    public IReadOnlyList<SubmissionRecord> Unfinished { get; }

    public IReadOnlyList<LateAttempt> LateAttempts { get; }

    public static async Task<CallSnapshot> TakeAsync(
        CallDefinition call, SubmissionStore submissions, LateAttempts lateAttempts, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"closeout-{call.Id}-{Guid.NewGuid():N}.jsonl");
        try
        {
            var summary = new CloseoutSummary(call);
            var unfinished = new List<SubmissionRecord>();
            await using (var file = new StreamWriter(path))
            {
                var rows = submissions.ScanAsync(call.Id, SubmissionColumns.All, cancellationToken);
                await foreach (var record in rows)
                {
                    summary.Add(record);
                    if (!record.HasLeftPipeline)
                    {
                        unfinished.Add(record);
                    }

                    await file.WriteLineAsync(JsonSerializer.Serialize(record, RowsOnly).AsMemory(), cancellationToken);
                }
            }

            var late = await lateAttempts.ListAsync(call.Id, cancellationToken);
            summary.AddLateRejected(late.Count);
            return new CallSnapshot(path, summary, unfinished, late);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Every submission, in arrival order, read lazily; each call reads the file again.</summary>
    public IEnumerable<SubmissionRecord> Records()
    {
        foreach (var line in File.ReadLines(path))
        {
            yield return JsonSerializer.Deserialize<SubmissionRecord>(line, RowsOnly)!;
        }
    }

    /// <summary>The latest valid version of each proposal: what the report forwards.</summary>
    public IEnumerable<SubmissionRecord> Counted() => Records().Where(r => r.IsCounted);

    /// <summary>Valid, current submissions that staff left out of the report.</summary>
    public IEnumerable<SubmissionRecord> ExcludedByStaff() =>
        Records().Where(r => r.ExcludedReason is not null && r.Status == Domain.Submissions.SubmissionStatus.Classified && r.SupersededBy is null);

    public void Dispose() => File.Delete(path);
}
