using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Documents;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/calls/{callId}/form-template.docx</c>: the call's Word form, generated from its form
/// definition, with a content control per field so the examination stage can compare it with the posted answers.
/// </summary>
public sealed class DownloadFormTemplate(CallCatalog calls)
{
    private const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Function(nameof(DownloadFormTemplate))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/calls/{callId}/form-template.docx")] HttpRequest request,
        string callId)
    {
        var call = calls.Find(callId);
        if (call is null)
        {
            return Problems.CallNotFound(request, callId);
        }

        var document = new MemoryStream();
        WordFormTemplate.Write(document, call, calls.FormFor(call));
        return new FileContentResult(document.ToArray(), WordContentType) { FileDownloadName = $"phieu-de-xuat-{call.Id}.docx" };
    }
}
