using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Privacy;
using Proposals.Pipeline.Calls;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/calls/{callId}/privacy-notice</c>: the call's personal-data notice (Law 91/2025/QH15), for the form
/// (shown before the contact fields) and the notice page the receipt email and the status page link to. 404 when
/// the call has none.
/// </summary>
public sealed class GetPrivacyNotice(CallCatalog calls)
{
    [Function(nameof(GetPrivacyNotice))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/calls/{callId}/privacy-notice")] HttpRequest request,
        string callId)
    {
        if (calls.Find(callId) is not { } call)
        {
            return Problems.CallNotFound(request, callId);
        }

        return PrivacyNotice.For(call) is { } notice
            ? new OkObjectResult(new { notice.CallId, call.Title, call.TitleEn, notice.Version, notice.Sections })
            : Problems.RouteNotFound(request);
    }
}
