using System.Security.Cryptography;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Intake;

/// <summary>The fingerprint an Idempotency-Key's claim keeps, so a retry cannot change what it claims to send.</summary>
public static class RequestHash
{
    /// <summary>
    /// What makes two requests the same submission: every field (the normalised form fields, and as sent every other
    /// one, the <c>replaces*</c> proof included, so a retry cannot change what it claims to replace), the day paper
    /// arrived, in key order, and each document's SHA-256 (the names may differ between a browser's retries; the
    /// bytes may not).
    /// </summary>
    public static async Task<string> OfAsync(
        IReadOnlyDictionary<string, string> normalised, IncomingSubmission incoming, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(normalised, StringComparer.Ordinal);
        foreach (var (key, value) in incoming.Fields.Where(f => !normalised.ContainsKey(f.Key)))
        {
            fields["raw:" + key] = value.Trim();
        }

        fields["paperReceivedOn"] = incoming.PaperReceivedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        var documents = incoming.Documents;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            // Length-prefixed, so no choice of values can make two different field sets hash alike.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{key.Length}:{key}{value.Length}:{value}"));
        }

        foreach (var field in DocumentKind.All.Select(k => k.Field).Where(documents.ContainsKey))
        {
            await using var stream = documents[field].OpenReadStream();
            var documentHash = await SHA256.HashDataAsync(stream, cancellationToken);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(field));
            hash.AppendData(documentHash);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
