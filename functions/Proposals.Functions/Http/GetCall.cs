using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Microsoft.Extensions.Options;
using Proposals.Pipeline;
using Proposals.Pipeline.Calls;

namespace Proposals.Functions.Http;

/// <summary>
/// <c>GET /api/calls/{callId}</c>: what the web form renders from: the call, its form definition
/// (sections, fields, labels, help, rules) and the lists its fields choose from.
/// </summary>
public sealed class GetCall(CallCatalog calls, TimeProvider time, IOptions<PipelineOptions> options)
{
    [Function(nameof(GetCall))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/calls/{callId}")] HttpRequest request,
        string callId)
    {
        var call = calls.Find(callId);
        if (call is null)
        {
            return Problems.CallNotFound(request, callId);
        }

        var provinces = calls.ProvincesFor(call);
        return new OkObjectResult(new
        {
            call.Id,
            call.Title,
            call.TitleEn,
            call.Organiser,
            call.ParentAgency,
            call.Programme,
            call.ProgrammeYear,
            call.OpensAt,
            Deadline = call.DeadlineInstant,
            DeadlineVietnam = VietnamTime.FormatVi(call.DeadlineInstant),
            DeadlineEnglish = VietnamTime.FormatEn(call.DeadlineInstant),
            IsOpen = call.AcceptsSubmissionsAt(time.GetUtcNow()),
            ServerTime = time.GetUtcNow(),
            call.FormVersion,
            PriorityAreas = call.PriorityAreas.Select(a => new { a.Number, a.Title, a.TitleEn }),
            Form = calls.FormFor(call),
            Provinces = provinces.Provinces.Select(p => p.Name),
            VsicSections = "ABCDEFGHIJKLMNOPQRSTU".Select(letter => VsicSections.Get(letter))
                .Select(s => new { Letter = s.Letter.ToString(), s.NameVi, s.NameEn }),
            // The limits the server enforces, so the form states and checks the same ones (rules.js).
            Limits = new { options.Value.MaxDocumentBytes, options.Value.MaxRequestBytes },
        });
    }
}
