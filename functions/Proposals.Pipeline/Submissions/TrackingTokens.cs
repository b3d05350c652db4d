using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Proposals.Pipeline.Submissions;

/// <summary>Configuration section <c>TrackingTokens</c>.</summary>
public sealed class TrackingTokenOptions
{
    public const string Section = "TrackingTokens";

    /// <summary>
    /// The secret every tracking token is derived from: in Azure a Key Vault secret, locally generated
    /// into <c>.data/tracking-token-key.txt</c>. Rotating it leaves issued tokens valid (rows keep their
    /// hash) but changes the token a later receipt email or an idempotent retry would hand out.
    /// </summary>
    [Required, MinLength(32)]
    public string Key { get; set; } = string.Empty;
}

/// <summary>
/// The submitter's tracking token: the proof that lets them read their status (and, later, replace
/// their proposal). It is never stored. It is an HMAC of the submission's identity under a secret key,
/// so intake, an idempotent retry and the receipt email can each derive it again, while storage keeps
/// only its SHA-256 on the row. Whoever can read the tables and blobs still cannot learn a token.
/// </summary>
public sealed class TrackingTokens(IOptions<TrackingTokenOptions> options)
{
    /// <summary>The request header that carries a token; never the query string, which ends up in logs.</summary>
    public const string Header = "X-Tracking-Token";

    /// <summary>Longest token accepted from a client (ours are 43 characters).</summary>
    public const int MaxLength = 100;

    public string For(string callId, string submissionId)
    {
        var mac = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(options.Value.Key), Encoding.UTF8.GetBytes($"proposals/tracking-token/v1/{callId}/{submissionId}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>What the row keeps: SHA-256 of the token, hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="presented"/> is the token whose hash is <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string? presented, string storedHash) =>
        !string.IsNullOrEmpty(presented) && presented.Length <= MaxLength
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
