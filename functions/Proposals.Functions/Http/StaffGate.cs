using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;

namespace Proposals.Functions.Http;

/// <summary>What every staff console route checks first, in this order: the rate limit, the staff credentials, the call.</summary>
public sealed class StaffGate(RequestRateLimiter limiter, StaffAccess staff, CallCatalog calls)
{
    /// <summary>Null when the request may go on (with the call, when one is named); otherwise the problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request, string? callId, out CallDefinition? call)
    {
        call = null;
        if (limiter.Check(request, RateLimitedRoute.Staff) is { } limited)
        {
            return limited;
        }

        // Browsers say where a request comes from. The console calls from its own origin; a form or a link on another
        // site must not act (erase, confirm, export) with a signed-in staff member's cookie. Scripts send no such header.
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
        {
            return Problems.CrossSite(request);
        }

        if (staff.Check(request) is { } denied)
        {
            return denied;
        }

        if (callId is null)
        {
            return null;
        }

        call = calls.Find(callId);
        return call is null ? Problems.CallNotFound(request, callId) : null;
    }
}
