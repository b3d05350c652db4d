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

    /// <summary>The Entra ID app role a staff member's principal must carry.</summary>
    [Required]
    public string Role { get; set; } = "Staff";
}

/// <summary>Who is signed in to the console, and how: <c>key</c> (the staff key) or <c>entra</c> (App Service Authentication).</summary>
public sealed record StaffIdentity(string Name, string SignedInWith, string? SignOutUrl);

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

    /// <summary>Null when allowed; otherwise the problem to answer with.</summary>
    public IActionResult? Check(HttpRequest request)
    {
        var settings = options.Value;
        var presentedKey = request.Headers[KeyHeader].ToString();
        if (presentedKey.Length > 0)
        {
            return !string.IsNullOrEmpty(settings.ApiKey) && FixedTimeEquals(presentedKey, settings.ApiKey)
                ? null
                : Problems.Forbidden(request);
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
            return HasRole(principal, settings.Role) ? null : Problems.Forbidden(request, SignOutPath);
        }

        // Where Entra ID sign-in is on, the 401 says where to sign in: the console sends the browser there.
        return Problems.Unauthenticated(request, settings.TrustEasyAuthPrincipal ? SignInPath : null);
    }

    /// <summary>How the (allowed) request signed in, for the console's header and its sign-out.</summary>
    public StaffIdentity IdentityOf(HttpRequest request) =>
        request.Headers[KeyHeader].Count > 0 || !options.Value.TrustEasyAuthPrincipal
            ? new StaffIdentity(ActorOf(request), "key", null)
            : new StaffIdentity(ActorOf(request), "entra", SignOutPath);

    /// <summary>Who acted, for the records staff actions leave (e.g. who asked for a report revision).</summary>
    public string ActorOf(HttpRequest request)
    {
        var name = request.Headers["x-ms-client-principal-name"].ToString();
        return options.Value.TrustEasyAuthPrincipal && name.Length > 0 && request.Headers[KeyHeader].Count == 0
            ? name[..Math.Min(name.Length, 100)]
            : "staff key";
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The isolated worker does not decode Easy Auth's principal (worker #2226), so we do.</summary>
    private static bool HasRole(string encodedPrincipal, string role)
    {
        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(encodedPrincipal));
            var root = json.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
            return root.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Array
                && claims.EnumerateArray().Any(c =>
                    c.TryGetProperty("typ", out var typ) && c.TryGetProperty("val", out var val)
                    && (typ.GetString() == roleType || typ.GetString() == "roles")
                    && val.GetString() == role);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Error,
        Message = "Staff:TrustEasyAuthPrincipal is on but WEBSITE_AUTH_ENABLED is not true: App Service Authentication is off, so staff sign-in through Entra ID is refused (docs/operations.md, 'Staff access').")]
    internal static partial void LogEasyAuthOff(ILogger logger);
}
