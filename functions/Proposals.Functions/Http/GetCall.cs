using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Privacy;
using Proposals.Domain.Submissions;
using Proposals.Domain.Text;
using Proposals.Domain.Validation;
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

        var reference = calls.ReferenceFor(call);
        var form = calls.FormFor(call);
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
            // Where the signed original goes on paper, and whom to call: on the form and its receipt.
            Instructions = new { Vi = call.Contact?.InstructionsVi ?? [], En = call.Contact?.InstructionsEn ?? [] },
            // The personal-data notice the form shows before the contact fields (its version is recorded with each submission).
            PrivacyNotice = PrivacyNotice.For(call),
            PurgeAt = call.PurgeAt,
            PriorityAreas = call.PriorityAreas.Select(a => new { a.Number, a.Title, a.TitleEn }),
            Form = form,
            ProvinceList = new { reference.Provinces.Version, From = reference.Provinces.Validity.From },
            Provinces = reference.Provinces.Provinces.Select(p => p.Name).Order(VietnameseText.Order),
            // What the form matches a typed name against (the server's ProvinceDirectory.Key on both sides),
            // and what it says, word for word, when the name is a unit merged into another.
            ProvinceSpellings = reference.Provinces.Provinces.Select(p => new { p.Name, Spellings = ProvinceDirectory.Spellings(p) }),
            MergedProvinces = reference.Provinces.Successions
                .Select(s => (Succession: s, Error: ProposalValidator.MergedProvinceError(ProposalFields.Province, s)))
                .Select(m => new { Name = m.Succession.FormerName, Spellings = m.Succession.FormerSpellings, m.Error.Vi, m.Error.En }),
            Vsic = new { reference.Vsic.Version, reference.Vsic.Name, reference.Vsic.Decision },
            VsicSections = reference.Vsic.Sections.Select(s => new { Letter = s.Letter.ToString(), s.NameVi, s.NameEn, s.Divisions }),
            // The whole code lists and the conversion from VSIC 2018, so the form checks a code as the server does.
            VsicCodes = new { reference.Vsic.Classes, Subclasses = reference.Vsic.Subclasses.Order(StringComparer.Ordinal), Complete = reference.Vsic.ClassesComplete },
            VsicConversion = reference.Vsic.Conversion is { } conversion
                ? new
                {
                    From = conversion.From.Name,
                    FromCodes = conversion.From.Classes.Keys.Concat(conversion.From.Subclasses).Order(StringComparer.Ordinal),
                    conversion.Rows,
                }
                : null,
            Limits = new { options.Value.MaxDocumentBytes, options.Value.MaxRequestBytes, form.SignedScanMaxPages },
        });
    }
}
