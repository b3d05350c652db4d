using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Forms;

namespace Proposals.Pipeline.Calls;

/// <summary>The configuration section <c>Calls</c>: call id → definition.</summary>
public sealed class CallCatalogOptions
{
    public const string Section = "Calls";

    public Dictionary<string, CallDefinition> Calls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>From <c>Pipeline:ServedCalls</c>: the calls this deployment serves; empty serves every call.</summary>
    public IReadOnlyList<string> ServedCalls { get; set; } = [];
}

/// <summary>The calls this deployment serves, with each call's reference data loaded once.</summary>
public sealed class CallCatalog
{
    private readonly Dictionary<string, CallDefinition> _calls;
    private readonly Dictionary<string, CallReferenceData> _references = new(StringComparer.Ordinal);
    private readonly FormCatalog _forms;

    public CallCatalog(IOptions<CallCatalogOptions> options, FormCatalog forms)
    {
        _forms = forms;
        var served = options.Value.ServedCalls;
        _calls = options.Value.Calls
            .Where(c => served.Count == 0 || served.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
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
