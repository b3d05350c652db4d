using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Proposals.Pipeline;

/// <summary>
/// Start-up refuses a setting that is still an unresolved Key Vault reference. App Service hands the app
/// the literal <c>@Microsoft.KeyVault(...)</c> text when it cannot read the secret (the secret does not
/// exist yet, or the app's identity may not read the vault); used as a SendGrid key, that text only fails
/// every email later with a 401 that nobody sees. Validated like any other option, so the host stops at
/// once and says which setting.
/// </summary>
public sealed class KeyVaultReferencesResolved
{
    public const string Prefix = "@Microsoft.KeyVault(";
}

internal sealed class KeyVaultReferenceValidation(IConfiguration configuration) : IValidateOptions<KeyVaultReferencesResolved>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultReferencesResolved options)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(KeyVaultReferencesResolved.Prefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(setting => setting.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return unresolved.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Unresolved Key Vault reference in {string.Join(", ", unresolved)}: App Service could not read the secret. " +
                "Either the secret does not exist yet (set it: docs/operations.md, 'Deploying'), or the app's identity cannot read " +
                "the vault (Key Vault Secrets User; a new role assignment can take minutes). Then restart the app.");
    }
}
