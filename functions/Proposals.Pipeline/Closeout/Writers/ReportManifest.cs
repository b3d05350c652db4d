using System.Text.Json;
using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// <c>manifest.json</c>: what a report revision holds and how it was made — every file with its size
/// and SHA-256, the counts, every counted submission, every one staff excluded (who, when, why), the deadline, and when and by which run it
/// was produced — so staff can show a ministry exactly what was compiled. Streamed, like the rest.
/// </summary>
public static class ReportManifest
{
    public static void Write(
        Stream destination,
        CallDefinition call,
        int revision,
        string runId,
        DateTimeOffset producedAtUtc,
        CloseoutSummary summary,
        IEnumerable<SubmissionRecord> counted,
        IEnumerable<SubmissionRecord> excluded,
        IReadOnlyList<ReportFileEntry> files)
    {
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true, Encoder = JsonDefaults.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("callId", call.Id);
        json.WriteString("callTitle", call.Title);
        json.WriteString("organiser", call.Organiser);
        json.WriteNumber("revision", revision);
        json.WriteString("deadline", VietnamTime.ToVietnam(call.DeadlineInstant));
        json.WriteString("producedAtUtc", producedAtUtc);
        json.WriteString("producedAtVietnam", VietnamTime.ToVietnam(producedAtUtc));
        json.WriteString("runId", runId);
        json.WriteString("producedBy", Environment.MachineName);

        json.WriteStartObject("submissions");
        json.WriteNumber("received", summary.Received);
        json.WriteNumber("counted", summary.Counted);
        json.WriteNumber("rejected", summary.Rejected);
        json.WriteNumber("superseded", summary.Superseded);
        json.WriteNumber("excluded", summary.Excluded);
        json.WriteNumber("inFlight", summary.InFlight);
        json.WriteNumber("waitingForStaff", summary.WaitingForStaff);
        json.WriteNumber("countedByEmail", summary.CountedByEmail);
        json.WriteNumber("countedOnPaper", summary.CountedOnPaper);
        json.WriteNumber("lateRejected", summary.LateRejected);
        json.WriteEndObject();

        json.WriteStartArray("files");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("name", file.Name);
            json.WriteNumber("bytes", file.Bytes);
            json.WriteString("sha256", file.Sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        WriteSubmissions(json, "counted", counted, record =>
        {
            json.WriteNumber("version", record.Version);
            json.WriteString("source", record.Source ?? SubmissionSources.Web);
        });

        // What staff left out, with who, when and why: the report's count is theirs to answer for.
        WriteSubmissions(json, "excluded", excluded, record =>
        {
            json.WriteString("reason", record.ExcludedReason); // the note stays in the workbook: free text may name people
            json.WriteString("by", record.ExcludedBy);
            if (record.ExcludedAtUtc is { } at)
            {
                json.WriteString("atUtc", at);
            }
        });

        json.WriteEndObject();
    }

    /// <summary>An array of submissions (receipt number and id only: the manifest carries ids and counts, no personal data; then <paramref name="writeMore"/>), flushed as it grows.</summary>
    private static void WriteSubmissions(Utf8JsonWriter json, string name, IEnumerable<SubmissionRecord> records, Action<SubmissionRecord> writeMore)
    {
        json.WriteStartArray(name);
        foreach (var record in records)
        {
            json.WriteStartObject();
            json.WriteString("receiptNumber", record.ReceiptNumber);
            json.WriteString("submissionId", record.SubmissionId);
            writeMore(record);
            json.WriteEndObject();
            if (json.BytesPending > FlushThreshold)
            {
                json.Flush(); // Utf8JsonWriter holds everything until flushed: 100,000 entries are ~15 MB
            }
        }

        json.WriteEndArray();
    }

    private const int FlushThreshold = 64 * 1024;
}

/// <summary>A report file as the manifest lists it.</summary>
public sealed record ReportFileEntry(string Name, long Bytes, string Sha256);
