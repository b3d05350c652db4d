using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;

namespace Proposals.Functions.Http;

/// <summary>
/// What every staff console route checks first, in this order: the rate limit, that a state-changing request
/// comes from the console itself (<see cref="StaffRequestOrigin"/>, CSRF), the staff credentials, the call.
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

        // Before the credentials: a forged request is refused whoever it carries, and the post-deploy check
        // can see the rule deployed without signing in (a cross-site POST answers 403).
        if (origin.Check(request) is { } forged)
        {
            return forged;
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
