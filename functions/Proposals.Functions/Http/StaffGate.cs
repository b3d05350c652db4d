using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;

namespace Proposals.Functions.Http;

/// <summary>
/// What every staff console route checks first, in this order: the rate limit, that a state-changing request
/// comes from the console itself (<see cref="StaffRequestOrigin"/>, CSRF), the staff credentials, the call, and
/// that the call's agency is among the caller's. Another agency's call answers exactly as a call that does not
/// exist (404 <c>call-not-found</c>): its existence does not leak.
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

        if (staff.Check(request, out var caller) is { } denied)
        {
            return denied;
        }

        if (callId is null)
        {
            return null;
        }

        call = calls.Find(callId);
        if (call is null || !caller!.MaySee(call))
        {
            call = null;
            return Problems.CallNotFound(request, callId);
        }

        return null;
    }

    /// <summary>
    /// For a staff route that reads across calls without naming one (a person's data over every call, the emails
    /// that matched no call): only a caller of every agency passes; staff of one agency and the Ministry get 403.
    /// </summary>
    public IActionResult? CheckEveryAgency(HttpRequest request) =>
        Check(request, null, out _) ?? (StaffAccess.CallerOf(request) is { EveryAgency: true } ? null : Problems.NotEveryAgency(request));

    /// <summary>
    /// Whether the caller sees what belongs to <paramref name="callId"/> (an inbound email stored against a call):
    /// staff of every agency see everything, including what belongs to no call; staff of one agency only their calls'.
    /// </summary>
    public bool Sees(HttpRequest request, string? callId) =>
        StaffAccess.CallerOf(request) is { } caller
        && (caller.EveryAgency || (calls.Find(callId) is { } call && caller.MaySee(call)));

    /// <summary>The national view of programmes: the Ministry's role (or key), and staff of every agency; read-only.</summary>
    public IActionResult? CheckNationalView(HttpRequest request) =>
        Check(request, null, out _) ?? (StaffAccess.CallerOf(request) is { IsMinistry: true } or { EveryAgency: true } ? null : Problems.MinistryOnly(request));

    /// <summary>The calls the caller sees (after <see cref="Check"/> let the request through).</summary>
    public IReadOnlyCollection<CallDefinition> CallsOf(HttpRequest request) =>
        StaffAccess.CallerOf(request) is { } caller ? calls.All.Where(caller.MaySee).ToList() : [];
}
