using System.ComponentModel.DataAnnotations;
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
    private readonly Dictionary<string, ProvinceDirectory> _provinces = new(StringComparer.Ordinal);
    private readonly FormCatalog _forms;

    public CallCatalog(IOptions<CallCatalogOptions> options, FormCatalog forms)
    {
        _forms = forms;
        var served = options.Value.ServedCalls;
        _calls = options.Value.Calls
            .Where(c => served.Count == 0 || served.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        foreach (var call in _calls.Values)
        {
            if (!_provinces.ContainsKey(call.ProvinceListVersion))
            {
                _provinces[call.ProvinceListVersion] = ProvinceDirectory.Load(call.ProvinceListVersion);
            }
        }
    }

    public IReadOnlyCollection<CallDefinition> All => _calls.Values;

    public CallDefinition? Find(string? callId) =>
        callId is not null && _calls.TryGetValue(callId, out var call) ? call : null;

    public ProvinceDirectory ProvincesFor(CallDefinition call) => _provinces[call.ProvinceListVersion];

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

        var versions = ProvinceDirectory.AvailableVersions();
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

            failures.AddRange(results.Select(r => $"Call '{key}': {r.ErrorMessage}"));
            if (forms.Find(call.FormVersion) is null)
            {
                failures.Add($"Call '{key}': no form definition '{call.FormVersion}' in calls/forms (have {string.Join(", ", forms.Versions)}).");
            }

            if (!versions.Contains(call.ProvinceListVersion))
            {
                failures.Add($"Call '{key}': no province list '{call.ProvinceListVersion}' (have {string.Join(", ", versions)}).");
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
}
