using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Inbound;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/inbound/unmatched</c>: emails that became no submission (sent to no call's address, with no
/// PDF or Word file, or after the deadline), newest first, so none is lost; and
/// <c>GET /api/staff/inbound/unmatched/{emailId}/files/{name}</c> (<c>message.txt</c>, <c>attachment-1.pdf</c>…):
/// a fresh read-only link to what was kept.
/// </summary>
public sealed class ListUnmatchedEmails(StaffGate gate, InboundEmails inbound, DownloadLinks links)
{
    [Function(nameof(ListUnmatchedEmails))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/inbound/unmatched")] HttpRequest request,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, async () =>
        {
            if (gate.Check(request, null, out _) is { } refused)
            {
                return refused;
            }

            // Staff of one agency see the emails held against their own calls (late, without attachment), no others.
            var emails = (await inbound.ListUnmatchedAsync(cancellationToken)).Where(e => gate.Sees(request, e.CallId));
            return new OkObjectResult(new
            {
                emails = emails.Select(e => new
                {
                    emailId = e.RowKey,
                    e.ReceivedAtUtc,
                    receivedAtVietnam = VietnamTime.FormatVi(e.ReceivedAtUtc),
                    e.From,
                    e.To,
                    e.Subject,
                    e.Reason,
                    reasonVi = UnmatchedReasons.Vietnamese(e.Reason),
                    reasonEn = UnmatchedReasons.English(e.Reason),
                    e.CallId,
                    e.SpamScore,
                    notes = InboundNotes.Of(e.NotAcknowledged, e.SameMessageIdAs is not null),
                    files = (e.AttachmentNames ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                        .Select((name, i) => new { name, file = DocumentNames.AttachmentBlobName(i, name) })
                        .Prepend(new { name = "message.txt", file = "message.txt" }),
                }),
            });
        });

    [Function("GetUnmatchedEmailFile")]
    public Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/inbound/unmatched/{emailId}/files/{name}")] HttpRequest request,
        string emailId,
        string name,
        CancellationToken cancellationToken) =>
        StorageFaults.AnswerUnavailableOnFault(request, async () =>
        {
            if (gate.Check(request, null, out _) is { } refused)
            {
                return refused;
            }

            // Only names this code gives files: a 64-hex key and message.txt or attachment-N.ext.
            var valid = emailId.Length == 64 && emailId.All(char.IsAsciiHexDigitLower)
                && (name == "message.txt" || (name.StartsWith("attachment-", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')));
            var blob = valid && (StaffAccess.CallerOf(request) is { EveryAgency: true } || gate.Sees(request, (await inbound.FindAsync(emailId, cancellationToken))?.CallId))
                ? inbound.Blob(emailId, name)
                : null;
            return blob is not null && await blob.ExistsAsync(cancellationToken)
                ? new OkObjectResult(await links.ReadLinkAsync(blob, cancellationToken))
                : Problems.RouteNotFound(request);
        });
}
