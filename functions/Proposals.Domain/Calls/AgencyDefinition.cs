using System.ComponentModel.DataAnnotations;

namespace Proposals.Domain.Calls;

/// <summary>
/// One agency that runs calls on this deployment (a province's Sở KH&amp;CN or its Chi cục, a ministry), as a
/// file in <c>calls/agencies/</c> describes it. Its calls name it (<see cref="CallDefinition.Agency"/>) and take
/// from it what every call of the agency shares: the names, the letterhead and sign-off of the closeout report,
/// the contact. A call states only what differs (its report's basis, say); what it states wins.
/// Staff see only their agency's calls: the app role <c>Staff.{Id}</c> in Azure, a staff key per agency locally.
/// </summary>
public sealed class AgencyDefinition
{
    /// <summary>The agency's id: its file name, the suffix of its app role <c>Staff.{Id}</c> and of its local staff key's file.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The agency collecting proposals (a call's <see cref="CallDefinition.Organiser"/> when the call names none).</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    public string? NameEn { get; set; }

    /// <summary>The body above it (a call's <see cref="CallDefinition.ParentAgency"/> when the call names none).</summary>
    public string? Parent { get; set; }

    /// <summary>The province (or, for a ministry, none) the agency serves: the national view counts by it.</summary>
    public string? Province { get; set; }

    /// <summary>How enterprises reach the agency; each part a call leaves out is taken from here.</summary>
    public CallContact? Contact { get; set; }

    /// <summary>
    /// The agency's own address for proposals by email: mail to it goes to the agency's call that accepts
    /// submissions (<c>CallCatalog.FindByInboundAddress</c>). A call may still have an address of its own.
    /// </summary>
    [EmailAddress]
    public string? InboundAddress { get; set; }

    /// <summary>The closeout report's letterhead and sign-off, the same for every call of the agency; a call overrides key by key.</summary>
    public CallReportSettings Report { get; set; } = new();
}

/// <summary>A call's settings completed from its agency: what the call file states wins, key by key.</summary>
public static class AgencyDefaults
{
    public static void Apply(CallDefinition call, AgencyDefinition agency)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(agency);
        call.Organiser = Given(call.Organiser) ?? agency.Name;
        call.ParentAgency = Given(call.ParentAgency) ?? Given(agency.Parent);
        call.Province = Given(call.Province) ?? Given(agency.Province);
        if (agency.Contact is { } contact)
        {
            call.Contact ??= new CallContact();
            call.Contact.Person = Given(call.Contact.Person) ?? contact.Person;
            call.Contact.Phone = Given(call.Contact.Phone) ?? contact.Phone;
            call.Contact.Email = Given(call.Contact.Email) ?? contact.Email;
            call.Contact.Address = Given(call.Contact.Address) ?? contact.Address;
        }

        var own = call.Report;
        var shared = agency.Report;
        own.Issuer = Given(own.Issuer) ?? shared.Issuer;
        own.IssuerParent = Given(own.IssuerParent) ?? shared.IssuerParent;
        own.NumberSymbol = Given(own.NumberSymbol) ?? shared.NumberSymbol;
        own.Addressees = own.Addressees.Count > 0 ? own.Addressees : [.. shared.Addressees];
        own.CopiesTo = own.CopiesTo.Count > 0 ? own.CopiesTo : [.. shared.CopiesTo];
        own.DraftingUnit = Given(own.DraftingUnit) ?? shared.DraftingUnit;
        own.ArchiveCopies ??= shared.ArchiveCopies;
        own.SignerAuthority = Given(own.SignerAuthority) ?? shared.SignerAuthority;
        own.SignerTitle = Given(own.SignerTitle) ?? shared.SignerTitle;
        own.SignerName = Given(own.SignerName) ?? shared.SignerName;
        own.Basis = Given(own.Basis) ?? shared.Basis;
        own.Recommendations = Given(own.Recommendations) ?? shared.Recommendations;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
