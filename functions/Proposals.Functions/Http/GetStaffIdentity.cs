using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/me</c>: who is signed in and how (<c>{ name, signedInWith, signOutUrl }</c>). The console
/// asks it first: a 401 carrying <c>signInUrl</c> sends the browser to Entra ID sign-in, one without it
/// shows the staff key form. It needs no token store (which <c>/.auth/me</c> would).
/// </summary>
public sealed class GetStaffIdentity(StaffGate gate, StaffAccess staff)
{
    [Function(nameof(GetStaffIdentity))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/me")] HttpRequest request) =>
        gate.Check(request, null, out _) is { } refused ? refused : new OkObjectResult(staff.IdentityOf(request));
}
