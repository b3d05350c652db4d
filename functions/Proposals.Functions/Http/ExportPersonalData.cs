using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.PersonalData;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/personal-data?taxCode=…</c> or <c>?email=…</c>: everything held about a person or enterprise
/// across the served calls, as one ZIP with <c>index.json</c> (rows, documents, submitted fields, emails sent, audit
/// entries, late attempts). Recorded on the audit trail of each submission included. With <c>&amp;summary=true</c>,
/// only the list of submissions found (call, receipt number, status), for the console to show before downloading.
/// </summary>
public sealed class ExportPersonalData(StaffGate gate, StaffAccess staff, PersonalDataExport export)
{
    [Function(nameof(ExportPersonalData))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/personal-data")] HttpRequest request,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, () => HandleAsync(request, cancellationToken));

    private async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (gate.CheckEveryAgency(request) is { } refused) // it searches every call
        {
            return refused;
        }

        var (query, errors) = PersonalDataQuery.Parse(request.Query["taxCode"].FirstOrDefault(), request.Query["email"].FirstOrDefault());
        if (query is null)
        {
            return Problems.Validation(request, errors);
        }

        var matches = await export.FindAsync(query, cancellationToken);
        if (request.Query["summary"] == "true")
        {
            return new OkObjectResult(new
            {
                submissions = matches.Select(m => new
                {
                    callId = m.Call.Id, m.Record.SubmissionId, m.Record.ReceiptNumber, m.Record.Status, m.Record.ReceivedAtUtc, m.Record.ErasedAtUtc,
                }),
            });
        }

        // A temporary file, not memory: a person's documents may come to tens of megabytes.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await export.WriteAsync(query, matches, staff.ActorOf(request), file, cancellationToken);
        file.Position = 0;
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new FileStreamResult(file, "application/zip")
        {
            FileDownloadName = $"du-lieu-ca-nhan-{DateTime.UtcNow:yyyyMMdd-HHmmss}.zip",
        };
    }
}
