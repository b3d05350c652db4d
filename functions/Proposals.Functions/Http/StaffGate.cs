using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;

namespace Proposals.Functions.Http;

/// <summary>
/// What every staff console route checks first, in this order: the rate limit, the staff credentials, that a
/// state-changing request comes from the console itself (<see cref="StaffRequestOrigin"/>, CSRF), the call.
/// </summary>
public sealed class StaffGate(RequestRateLimiter limiter, StaffAccess staff, StaffRequestOrigin origin, CallCatalog calls)
{
    /// <summary>Null when the request may go on (with the call, when one is named); otherwise the problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request, string? callId, out CallDefinition? call)
    {
        call = null;
        if (limiter.Check(request, RateLimitedRoute.Staff) is { } limited)
        {
            return limited;
        }

        if (staff.Check(request) is { } denied)
        {
            return denied;
        }

        if (origin.Check(request) is { } forged)
        {
            return forged;
        }

        if (callId is null)
        {
            return null;
        }

        call = calls.Find(callId);
        return call is null ? Problems.CallNotFound(request, callId) : null;
    }
}
