using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Staff;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.PersonalData;

/// <summary>One submission found for a person's request, with the call it belongs to.</summary>
public sealed record PersonalDataMatch(CallDefinition Call, SubmissionRecord Record);

/// <summary>
/// "What do you hold about me?": everything held about a tax code or an email address across the served calls (the
/// submission rows, their documents and submitted fields, the emails sent, the audit entries, late attempts) as one ZIP
/// with <c>index.json</c> listing it. Each export goes on the audit trail of every submission it includes (the kind of
/// query, never its value), and one with no match on the trail of requests.
/// </summary>
public sealed class PersonalDataExport(
    CallCatalog calls, SubmissionStore submissions, EmailLedger emails, LateAttempts late, AuditTrail audit, TimeProvider time)
{
    /// <summary>The audit trail partition of requests that matched no submission (no call id starts with "~").</summary>
    public const string RequestsPartition = "~requests";

    private static readonly JsonSerializerOptions Json = new(JsonDefaults.Options) { WriteIndented = true };

    public async Task<IReadOnlyList<PersonalDataMatch>> FindAsync(PersonalDataQuery query, CancellationToken cancellationToken)
    {
        var filter = query.Kind == PersonalDataQuery.ByTaxCode
            ? TableClient.CreateQueryFilter($"TaxCode eq {query.Value}")
            : TableClient.CreateQueryFilter($"ContactEmail eq {query.Value} or ContactEmail eq {query.Value.ToLowerInvariant()}");
        var matches = new List<PersonalDataMatch>();
        foreach (var call in calls.All.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            await foreach (var record in submissions.ScanAsync(call.Id, SubmissionColumns.All, cancellationToken, filter))
            {
                matches.Add(new PersonalDataMatch(call, record));
            }
        }

        return [.. matches.OrderBy(m => m.Call.Id, StringComparer.Ordinal).ThenBy(m => m.Record.ReceiptNumber, StringComparer.Ordinal)];
    }

    /// <summary>Records the export on the audit trail, then writes the ZIP to <paramref name="output"/>.</summary>
    public async Task WriteAsync(
        PersonalDataQuery query, IReadOnlyList<PersonalDataMatch> matches, string actor, Stream output, CancellationToken cancellationToken)
    {
        if (matches.Count == 0)
        {
            await audit.RecordAsync(RequestsPartition, AuditActions.ExportPersonalData, actor, null, null, query.Kind, "no submission found", cancellationToken);
        }

        foreach (var match in matches)
        {
            await audit.RecordAsync(match.Call.Id, AuditActions.ExportPersonalData, actor, match.Record.SubmissionId, match.Record.ReceiptNumber,
                query.Kind, null, cancellationToken);
        }

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var index = new List<object>();
        foreach (var match in matches)
        {
            var (call, record) = (match.Call, match.Record);
            var folder = $"{call.Id}/{record.SubmissionId}/";
            var files = new List<string>();
            await AddJsonAsync(zip, folder + "row.json", record, files, cancellationToken);
            foreach (var name in await submissions.FolderAsync(call.Id, record.SubmissionId, cancellationToken))
            {
                var entryName = folder + "files/" + name[(name.LastIndexOf('/') + 1)..];
                var entry = zip.CreateEntry(entryName, CompressionLevel.Fastest);
                await using (var target = await entry.OpenAsync(cancellationToken))
                {
                    await submissions.CopyFileToAsync(call.Id, record.SubmissionId, name[(name.LastIndexOf('/') + 1)..], target, cancellationToken);
                }

                files.Add(entryName);
            }

            var sent = await emails.ListScopeAsync(record.SubmissionId, cancellationToken);
            await AddJsonAsync(zip, folder + "emails.json", sent.Select(e => new { kind = e.RowKey, e.State, e.Recipients, e.ClaimedAtUtc, e.CompletedAtUtc, e.Attempts }), files, cancellationToken);
            var trail = await audit.ListAsync(call.Id, record.SubmissionId, cancellationToken);
            await AddJsonAsync(zip, folder + "audit.json", trail.Select(a => new { a.Action, a.Actor, a.AtUtc, a.Reason, a.Note }), files, cancellationToken);
            index.Add(new
            {
                callId = call.Id,
                callTitle = call.Title,
                organiser = call.Organiser,
                record.SubmissionId,
                record.ReceiptNumber,
                record.Status,
                record.ReceivedAtUtc,
                record.PrivacyNoticeVersion,
                record.ErasedAtUtc,
                emailsSent = sent.Count,
                auditEntries = trail.Count,
                files,
            });
        }

        var lateAttempts = new List<object>();
        if (query.Kind == PersonalDataQuery.ByTaxCode)
        {
            foreach (var call in calls.All)
            {
                lateAttempts.AddRange((await late.ListAsync(call.Id, cancellationToken))
                    .Where(a => a.TaxCode == query.Value)
                    .Select(a => new { callId = call.Id, a.AttemptedAtUtc, a.EnterpriseName, a.TaxCode, a.TaskName }));
            }
        }

        await AddJsonAsync(zip, "index.json", new
        {
            generatedAtUtc = time.GetUtcNow(),
            query = new { kind = query.Kind, value = query.Value },
            submissions = index,
            lateAttempts,
            note = "row.json: the submission's row; files/: the documents and submitted fields as stored; emails.json: the emails sent and to whom; audit.json: what staff did with it.",
        }, null, cancellationToken);
    }

    private static async Task AddJsonAsync(ZipArchive zip, string name, object value, List<string>? files, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using (var target = await entry.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(target, value, Json, cancellationToken);
        }

        files?.Add(name);
    }
}
