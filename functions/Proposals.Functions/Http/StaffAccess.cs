using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Proposals.Functions.Http;

/// <summary>Configuration section <c>Staff</c>.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>The shared key sent as <c>x-staff-key</c>; for the local host and scripts. Empty disables it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Trust the <c>x-ms-client-principal</c> header. Only where App Service Authentication (Easy Auth)
    /// sits in front and strips client-sent copies of it; anywhere else the header is forgeable. Even then
    /// the header is trusted only while the platform itself says authentication is on (<see cref="EasyAuthSignal"/>).
    /// </summary>
    public bool TrustEasyAuthPrincipal { get; set; }

    /// <summary>
    /// The Entra ID app role of staff of every agency (a small deployment's, as the single <see cref="ApiKey"/> is).
    /// Staff of one agency carry <c>Staff.{agencyId}</c> instead (<see cref="AgencyRolePrefix"/>).
    /// </summary>
    [Required]
    public string Role { get; set; } = "Staff";

    /// <summary>An agency's app role is this prefix and the agency's id: <c>Staff.haiphong</c>.</summary>
    public const string AgencyRolePrefix = "Staff.";

    /// <summary>The Entra ID app role of the Ministry: the national view of programmes, read-only, and no call's console.</summary>
    [Required]
    public string MinistryRole { get; set; } = "Ministry";

    /// <summary>
    /// Where a tenant grants access by group rather than app role: a group's object id (the <c>groups</c> claim) →
    /// an agency id, or <c>ministry</c>. E.g. <c>Staff__Groups__0b5f…=haiphong</c>.
    /// </summary>
    public Dictionary<string, string> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Agency id → that agency's own staff key (the local host writes <c>.data/staff-keys/{agencyId}.txt</c>).</summary>
    public Dictionary<string, string> AgencyKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Ministry's key (<c>.data/staff-keys/ministry.txt</c> locally). Empty disables it.</summary>
    public string? MinistryKey { get; set; }

    /// <summary>The name <see cref="Groups"/> maps a group to for the Ministry, and the Ministry's key file.</summary>
    public const string Ministry = "ministry";
}

/// <summary>Who is signed in to the console, and how: <c>key</c> (the staff key) or <c>entra</c> (App Service Authentication).</summary>
/// <param name="Agencies">The agencies whose calls the caller sees; null: every agency.</param>
/// <param name="IsMinistry">Whether the caller may read the national view of programmes.</param>
public sealed record StaffIdentity(string Name, string SignedInWith, string? SignOutUrl, IReadOnlyCollection<string>? Agencies = null, bool IsMinistry = false)
{
    public bool EveryAgency => Agencies is null;

    /// <summary>Whether the call's agency is among the caller's: the one rule every route with a call applies (<see cref="StaffGate"/>).</summary>
    public bool MaySee(Proposals.Domain.Calls.CallDefinition call) =>
        call is not null && (Agencies is null || Agencies.Contains(call.Agency, StringComparer.Ordinal));
}

/// <summary>
/// The platform's own word that App Service Authentication is on: <c>WEBSITE_AUTH_ENABLED</c>. On Flex
/// Consumption (as on Linux Consumption) Easy Auth runs inside the Functions host, which turns it on from
/// this very variable and sets it from the site's auth settings when the instance is assigned; the worker
/// inherits the host's environment (infra/README.md cites the host's source). A static app setting of ours
/// says what we expect; this says what is there.
/// </summary>
public sealed class EasyAuthSignal(IConfiguration configuration)
{
    public const string Variable = "WEBSITE_AUTH_ENABLED";

    /// <summary>Read on every call: the host may set it after the worker's configuration was built.</summary>
    public bool IsOn
    {
        get
        {
            var value = configuration[Variable] ?? Environment.GetEnvironmentVariable(Variable);
            return (bool.TryParse(value, out var on) && on) || value == "1";
        }
    }
}

/// <summary>At start-up: an app set to trust Easy Auth's principal where the platform says Easy Auth is off logs an error.</summary>
public sealed class EasyAuthStartupCheck(IOptions<StaffOptions> options, EasyAuthSignal signal, ILogger<EasyAuthStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.TrustEasyAuthPrincipal && !signal.IsOn)
        {
            StaffAccess.LogEasyAuthOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Decides whether a request to a staff route comes from staff: 401 without credentials, 403 with wrong ones.</summary>
public sealed partial class StaffAccess(IOptions<StaffOptions> options, EasyAuthSignal easyAuth, ILogger<StaffAccess> logger)
{
    public const string KeyHeader = "x-staff-key";
    public const string PrincipalHeader = "x-ms-client-principal";

    /// <summary>App Service Authentication's sign-in and sign-out, on the app's own origin.</summary>
    public const string SignInPath = "/.auth/login/aad";
    public const string SignOutPath = "/.auth/logout";

    /// <summary>The key <see cref="HttpContext.Items"/> holds the allowed caller under, for the route behind the gate.</summary>
    private static readonly object CallerItem = new();

    /// <summary>Null when allowed; otherwise the problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request) => Check(request, out _);

    /// <summary>Null when allowed, with who is calling and which agencies they act for; otherwise the problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request, out StaffIdentity? caller)
    {
        caller = null;
        var settings = options.Value;
        var presentedKey = request.Headers[KeyHeader].ToString();
        if (presentedKey.Length > 0)
        {
            caller = KeyHolder(presentedKey, settings);
            return Remember(request, caller) ? null : Problems.Forbidden(request);
        }

        var principal = request.Headers[PrincipalHeader].ToString();
        if (settings.TrustEasyAuthPrincipal && !easyAuth.IsOn)
        {
            // Without Easy Auth in front, anyone can send the principal header: no one is staff this way.
            LogEasyAuthOff(logger);
            return Problems.StaffSignInUnavailable(request);
        }

        if (settings.TrustEasyAuthPrincipal && principal.Length > 0)
        {
            caller = SignedIn(request, principal, settings);
            return Remember(request, caller) ? null : Problems.Forbidden(request, SignOutPath);
        }

        // Where Entra ID sign-in is on, the 401 says where to sign in: the console sends the browser there.
        return Problems.Unauthenticated(request, settings.TrustEasyAuthPrincipal ? SignInPath : null);
    }

    /// <summary>The caller <see cref="Check(HttpRequest, out StaffIdentity?)"/> let through on this request.</summary>
    public static StaffIdentity? CallerOf(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(CallerItem, out var caller) ? caller as StaffIdentity : null;

    /// <summary>How the (allowed) request signed in, for the console's header and its sign-out.</summary>
    public StaffIdentity IdentityOf(HttpRequest request) =>
        CallerOf(request) ?? new StaffIdentity(ActorOf(request), "key", null);

    /// <summary>
    /// Who acted, for the records staff actions leave (e.g. who asked for a report revision): the signed-in
    /// name, or which staff key (<c>staff key (haiphong)</c> for an agency's, <c>staff key</c> for every agency's).
    /// </summary>
    public string ActorOf(HttpRequest request)
    {
        var name = request.Headers["x-ms-client-principal-name"].ToString();
        if (options.Value.TrustEasyAuthPrincipal && name.Length > 0 && request.Headers[KeyHeader].Count == 0)
        {
            return name[..Math.Min(name.Length, 100)];
        }

        return CallerOf(request) is { SignedInWith: "key" } caller ? caller.Name : "staff key";
    }

    private static bool Remember(HttpRequest request, StaffIdentity? caller)
    {
        if (caller is null)
        {
            return false;
        }

        request.HttpContext.Items[CallerItem] = caller;
        return true;
    }

    /// <summary>Every key is compared, in fixed time, whichever matches: the time taken says nothing about which one.</summary>
    private static StaffIdentity? KeyHolder(string presented, StaffOptions settings)
    {
        StaffIdentity? holder = null;
        if (!string.IsNullOrEmpty(settings.ApiKey) && FixedTimeEquals(presented, settings.ApiKey))
        {
            holder = new StaffIdentity("staff key", "key", null);
        }

        foreach (var (agency, key) in settings.AgencyKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!string.IsNullOrEmpty(key) && FixedTimeEquals(presented, key) && holder is null)
            {
                holder = new StaffIdentity($"staff key ({agency})", "key", null, [agency]);
            }
        }

        if (!string.IsNullOrEmpty(settings.MinistryKey) && FixedTimeEquals(presented, settings.MinistryKey) && holder is null)
        {
            holder = new StaffIdentity("ministry key", "key", null, [], IsMinistry: true);
        }

        return holder;
    }

    /// <summary>The roles (and mapped groups) of an Easy Auth principal: <c>Staff</c> every agency, <c>Staff.{id}</c> one, <c>Ministry</c> the national view.</summary>
    private static StaffIdentity? SignedIn(HttpRequest request, string principal, StaffOptions settings)
    {
        var (roles, groups) = ClaimsOf(principal);
        var name = request.Headers["x-ms-client-principal-name"].ToString() is { Length: > 0 } n ? n[..Math.Min(n.Length, 100)] : "staff key";
        var granted = roles
            .Concat(groups.Select(g => settings.Groups.TryGetValue(g, out var mapped)
                ? (mapped.Equals(StaffOptions.Ministry, StringComparison.OrdinalIgnoreCase) ? settings.MinistryRole : StaffOptions.AgencyRolePrefix + mapped)
                : null).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var ministry = granted.Contains(settings.MinistryRole);
        if (granted.Contains(settings.Role))
        {
            return new StaffIdentity(name, "entra", SignOutPath, null, ministry);
        }

        var agencies = granted.Where(r => r.StartsWith(StaffOptions.AgencyRolePrefix, StringComparison.Ordinal) && r.Length > StaffOptions.AgencyRolePrefix.Length)
            .Select(r => r[StaffOptions.AgencyRolePrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        return agencies.Count > 0 || ministry ? new StaffIdentity(name, "entra", SignOutPath, agencies, ministry) : null;
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The isolated worker does not decode Easy Auth's principal (worker #2226), so we do: its role and group claims.</summary>
    private static (IReadOnlyList<string> Roles, IReadOnlyList<string> Groups) ClaimsOf(string encodedPrincipal)
    {
        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(encodedPrincipal));
            var root = json.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return ([], []);
            }

            var roles = new List<string>();
            var groups = new List<string>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object || !claim.TryGetProperty("typ", out var typ) || !claim.TryGetProperty("val", out var val)
                    || typ.ValueKind != JsonValueKind.String || val.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var type = typ.GetString();
                if (type == roleType || type == "roles")
                {
                    roles.Add(val.GetString()!);
                }
                else if (type == "groups")
                {
                    groups.Add(val.GetString()!);
                }
            }

            return (roles, groups);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return ([], []);
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Error,
        Message = "Staff:TrustEasyAuthPrincipal is on but WEBSITE_AUTH_ENABLED is not true: App Service Authentication is off, so staff sign-in through Entra ID is refused (docs/operations.md, 'Staff access').")]
    internal static partial void LogEasyAuthOff(ILogger logger);
}
