using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Forms;

namespace Proposals.Pipeline.Calls;

/// <summary>The configuration sections <c>Calls</c> (call id → definition) and <c>Agencies</c> (agency id → definition).</summary>
public sealed class CallCatalogOptions
{
    public const string Section = "Calls";
    public const string AgenciesSection = "Agencies";
    public const string ProgrammesSection = "Programmes";

    public Dictionary<string, CallDefinition> Calls { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, AgencyDefinition> Agencies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ProgrammeDefinition> Programmes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The calls and agencies as configuration holds them (the files of <c>calls/</c> and any override), each id
    /// taken from its key when the file leaves it out, and each call completed from its agency. Every reader of
    /// the call files goes through here, so a call reads the same in the hosts, the commands and the tests.
    /// </summary>
    public static CallCatalogOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CallCatalogOptions();
        options.Bind(configuration);
        options.Complete();
        return options;
    }

    internal void Bind(IConfiguration configuration)
    {
        configuration.GetSection(Section).Bind(Calls);
        configuration.GetSection(AgenciesSection).Bind(Agencies);
        configuration.GetSection(ProgrammesSection).Bind(Programmes);
    }

    /// <summary>Ids from keys; each call's settings completed from its agency (an unknown agency is left for validation to refuse).</summary>
    internal void Complete()
    {
        foreach (var (id, agency) in Agencies)
        {
            agency.Id = string.IsNullOrEmpty(agency.Id) ? id : agency.Id;
        }

        foreach (var (id, programme) in Programmes)
        {
            programme.Id = string.IsNullOrEmpty(programme.Id) ? id : programme.Id;
        }

        foreach (var (id, call) in Calls)
        {
            call.Id = string.IsNullOrEmpty(call.Id) ? id : call.Id;
            if (Agencies.TryGetValue(call.Agency, out var agency))
            {
                AgencyDefaults.Apply(call, agency);
            }
        }
    }

    /// <summary>From <c>Pipeline:ServedCalls</c>: the calls this deployment serves; empty serves every call.</summary>
    public IReadOnlyList<string> ServedCalls { get; set; } = [];
}

/// <summary>The calls this deployment serves, with each call's reference data loaded once.</summary>
public sealed class CallCatalog
{
    private readonly Dictionary<string, CallDefinition> _calls;
    private readonly Dictionary<string, AgencyDefinition> _agencies;
    private readonly Dictionary<string, ProgrammeDefinition> _programmes;
    private readonly Dictionary<string, CallReferenceData> _references = new(StringComparer.Ordinal);
    private readonly FormCatalog _forms;

    public CallCatalog(IOptions<CallCatalogOptions> options, FormCatalog forms)
    {
        _forms = forms;
        var served = options.Value.ServedCalls;
        _calls = options.Value.Calls
            .Where(c => served.Count == 0 || served.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        _agencies = options.Value.Agencies.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        _programmes = options.Value.Programmes.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var provinces = _calls.Values.Select(c => c.ProvinceListVersion).Distinct().ToDictionary(v => v, ProvinceDirectory.Load);
        var vsic = _calls.Values.Select(c => c.VsicVersion).Distinct().ToDictionary(v => v, VsicDirectory.Load);
        foreach (var call in _calls.Values)
        {
            _references[call.Id] = new CallReferenceData(provinces[call.ProvinceListVersion], vsic[call.VsicVersion]);
        }
    }

    public IReadOnlyCollection<CallDefinition> All => _calls.Values;

    public CallDefinition? Find(string? callId) =>
        callId is not null && _calls.TryGetValue(callId, out var call) ? call : null;

    /// <summary>Every agency configured, whether or not this deployment serves one of its calls.</summary>
    public IReadOnlyCollection<AgencyDefinition> Agencies => _agencies.Values;

    public AgencyDefinition? FindAgency(string? agencyId) =>
        agencyId is not null && _agencies.TryGetValue(agencyId, out var agency) ? agency : null;

    /// <summary>Every programme configured (<c>calls/programmes/</c>).</summary>
    public IReadOnlyCollection<ProgrammeDefinition> Programmes => _programmes.Values;

    public ProgrammeDefinition? FindProgramme(string? programmeId) =>
        programmeId is not null && _programmes.TryGetValue(programmeId, out var programme) ? programme : null;

    /// <summary>
    /// The call an email to one of <paramref name="recipients"/> (lower case) belongs to: the call whose own
    /// address it is, else the call of the agency whose address it is, the one accepting submissions at
    /// <paramref name="now"/> (or, when none does, the one whose deadline is latest, so a late email is answered as late).
    /// </summary>
    public CallDefinition? FindByInboundAddress(IReadOnlyCollection<string> recipients, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        bool Addressed(string? address) => address is not null && recipients.Contains(address.Trim().ToLowerInvariant());
        if (_calls.Values.FirstOrDefault(c => Addressed(c.InboundAddress)) is { } own)
        {
            return own;
        }

        var agencyCalls = _calls.Values.Where(c => FindAgency(c.Agency) is { } agency && Addressed(agency.InboundAddress)).ToList();
        return agencyCalls.FirstOrDefault(c => c.AcceptsSubmissionsAt(now))
            ?? agencyCalls.OrderByDescending(c => c.DeadlineInstant).FirstOrDefault();
    }

    /// <summary>The province list and VSIC version the call was opened under.</summary>
    public CallReferenceData ReferenceFor(CallDefinition call) => _references[call.Id];

    public FormDefinition FormFor(CallDefinition call) =>
        _forms.Find(call.FormVersion) ?? throw new InvalidOperationException($"Call '{call.Id}' names unknown form '{call.FormVersion}'.");
}

/// <summary>Fails start-up with a clear message when a call file is incomplete or inconsistent.</summary>
public sealed class CallCatalogValidation(FormCatalog forms) : IValidateOptions<CallCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CallCatalogOptions options)
    {
        var failures = new List<string>();
        if (options.Calls.Count == 0)
        {
            failures.Add("No call is configured: add a JSON file to calls/.");
        }

        var provinceVersions = ProvinceDirectory.AvailableVersions();
        var vsicVersions = VsicDirectory.AvailableVersions();
        foreach (var (key, call) in options.Calls)
        {
            if (!string.Equals(key, call.Id, StringComparison.Ordinal))
            {
                failures.Add($"Call '{key}': its id is '{call.Id}'; the file name and the id must agree.");
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(call, new ValidationContext(call), results, validateAllProperties: true);
            foreach (var area in call.PriorityAreas)
            {
                Validator.TryValidateObject(area, new ValidationContext(area), results, validateAllProperties: true);
            }

            Validator.TryValidateObject(call.Report, new ValidationContext(call.Report), results, validateAllProperties: true);
            if (call.PrivacyNotice is { } notice)
            {
                Validator.TryValidateObject(notice, new ValidationContext(notice), results, validateAllProperties: true);
                if (call.Retention is null)
                {
                    failures.Add($"Call '{key}': its privacy notice must say how long data is kept; add Retention (DaysAfterDeadline, Basis).");
                }
            }

            if (call.Retention is { } retention)
            {
                Validator.TryValidateObject(retention, new ValidationContext(retention), results, validateAllProperties: true);
            }

            failures.AddRange(results.Select(r => $"Call '{key}': {r.ErrorMessage}"));
            if (!string.IsNullOrEmpty(call.Agency) && !options.Agencies.ContainsKey(call.Agency))
            {
                failures.Add($"Call '{key}': it names agency '{call.Agency}', but there is no calls/agencies/{call.Agency}.json (have {(options.Agencies.Count == 0 ? "none" : string.Join(", ", options.Agencies.Keys.Order(StringComparer.Ordinal)))}).");
            }

            if (forms.Find(call.FormVersion) is null)
            {
                failures.Add($"Call '{key}': no form definition '{call.FormVersion}' in calls/forms (have {string.Join(", ", forms.Versions)}).");
            }

            if (!provinceVersions.Contains(call.ProvinceListVersion))
            {
                failures.Add($"Call '{key}': no province list '{call.ProvinceListVersion}' (have {string.Join(", ", provinceVersions)}).");
            }
            else if (call.Deadline is not null)
            {
                failures.AddRange(OutsideValidity(key, call, call.ProvinceListVersion, ProvinceDirectory.Load(call.ProvinceListVersion).Validity));
            }

            if (!vsicVersions.Contains(call.VsicVersion))
            {
                failures.Add($"Call '{key}': no VSIC version '{call.VsicVersion}' (have {string.Join(", ", vsicVersions)}).");
            }
            else if (call.Deadline is not null)
            {
                failures.AddRange(OutsideValidity(key, call, call.VsicVersion, VsicDirectory.Load(call.VsicVersion).Validity));
            }
        }

        foreach (var (key, agency) in options.Agencies)
        {
            if (!string.Equals(key, agency.Id, StringComparison.Ordinal))
            {
                failures.Add($"Agency '{key}': its id is '{agency.Id}'; the file name and the id must agree.");
            }

            if (string.Equals(key, "ministry", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add("Agency 'ministry': the id is reserved for the Ministry's national view (its role and key); name the agency otherwise.");
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(agency, new ValidationContext(agency), results, validateAllProperties: true);
            Validator.TryValidateObject(agency.Report, new ValidationContext(agency.Report), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"Agency '{key}': {r.ErrorMessage}"));
        }

        foreach (var (key, programme) in options.Programmes)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(programme, new ValidationContext(programme), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"Programme '{key}': {r.ErrorMessage}"));
            if (!string.Equals(key, programme.Id, StringComparison.Ordinal))
            {
                failures.Add($"Programme '{key}': its id is '{programme.Id}'; the file name and the id must agree.");
            }

            foreach (var unknown in programme.Calls.Where(c => !options.Calls.ContainsKey(c)))
            {
                failures.Add($"Programme '{key}': it names call '{unknown}', but there is no calls/{unknown}.json.");
            }
        }

        foreach (var clash in options.Agencies.Values.Where(a => a.InboundAddress is not null)
                     .GroupBy(a => a.InboundAddress!.Trim().ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            failures.Add($"Agencies {string.Join(", ", clash.Select(a => a.Id))} share the inbound address {clash.Key}.");
        }

        foreach (var unknown in options.ServedCalls.Where(id => !options.Calls.ContainsKey(id)))
        {
            failures.Add($"Pipeline:ServedCalls names '{unknown}', but there is no calls/{unknown}.json (have {string.Join(", ", options.Calls.Keys)}).");
        }

        foreach (var clash in options.Calls.Values.GroupBy(c => c.ReceiptPrefix).Where(g => g.Count() > 1))
        {
            failures.Add($"Calls {string.Join(", ", clash.Select(c => c.Id))} share the receipt prefix {clash.Key}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// A call must be judged by the lists in force while it accepts submissions: 2023's 63 provinces for a
    /// call of 2023, the 34 units of 2025 for one opened today. A list that stops or starts within the
    /// call's period is refused too: an answer would be right on one day and wrong on the next.
    /// </summary>
    private static IEnumerable<string> OutsideValidity(string key, CallDefinition call, string version, ReferenceValidity validity)
    {
        var (from, to) = call.OpenPeriod;
        if (!validity.Covers(from) || !validity.Covers(to))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Call '{key}': it accepts submissions {from:dd/MM/yyyy} – {to:dd/MM/yyyy} (Vietnam time), but '{version}' is in force {validity.Describe()}. Name the list in force on those dates.");
        }
    }
}
