using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Pipeline.Staff;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/staff/programmes</c>: the programmes (<c>calls/programmes/</c>) with how many calls and agencies
/// feed each; the Ministry's (and every agency's staff's) national view, read-only.
/// </summary>
public sealed class ListProgrammes(StaffGate gate, NationalView national)
{
    [Function(nameof(ListProgrammes))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/programmes")] HttpRequest request) =>
        gate.CheckNationalView(request) is { } refused ? refused : new OkObjectResult(new { programmes = national.List() });
}
