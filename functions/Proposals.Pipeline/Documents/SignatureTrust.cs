using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Domain.Signatures;

namespace Proposals.Pipeline.Documents;

/// <summary>Configuration section <c>Signatures</c>: whose certificates digital signatures may chain to.</summary>
public sealed class SignatureOptions
{
    public const string Section = "Signatures";

    /// <summary>
    /// The folder of trusted CA certificates (every <c>.pem</c>, <c>.cer</c>, <c>.crt</c> in it; a relative path is
    /// taken from the app's own folder). Unset: nothing is trusted, and every signature reads "chain not trusted".
    /// The product ships no roots: the operator installs them (docs/operations.md).
    /// </summary>
    public string? TrustedRootsFolder { get; set; }

    public string? ResolvedFolder =>
        string.IsNullOrWhiteSpace(TrustedRootsFolder) ? null : Path.GetFullPath(TrustedRootsFolder, AppContext.BaseDirectory);
}

/// <summary>A trusted-roots folder that is missing or holds a file that is not a certificate stops the app at start-up, naming it.</summary>
public sealed class SignatureOptionsValidation : IValidateOptions<SignatureOptions>
{
    public ValidateOptionsResult Validate(string? name, SignatureOptions options)
    {
        try
        {
            SignatureTrust.Load(options.ResolvedFolder);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Signatures:TrustedRootsFolder: {e.Message}");
        }
    }
}

/// <summary>
/// The certificates the operator trusts for digital signatures, read once from <see cref="SignatureOptions.TrustedRootsFolder"/>:
/// self-signed ones are the trust anchors (Vietnam National Root CA and its generations); any other is an
/// intermediate (a licensed CA such as VNPT-CA or Viettel-CA) offered to chain building, trusted only through a root.
/// </summary>
public sealed partial class SignatureTrust
{
    private static readonly string[] Extensions = [".pem", ".cer", ".crt"];

    private SignatureTrust(X509Certificate2Collection roots, X509Certificate2Collection intermediates)
    {
        Roots = roots;
        Intermediates = intermediates;
    }

    public SignatureTrust(IOptions<SignatureOptions> options, ILogger<SignatureTrust> logger)
    {
        var folder = options.Value.ResolvedFolder;
        var loaded = Load(folder);
        (Roots, Intermediates) = (loaded.Roots, loaded.Intermediates);
        if (Roots.Count == 0)
        {
            LogNoRoots(logger, folder ?? "(not set)");
        }
        else
        {
            LogRoots(logger, Roots.Count, Intermediates.Count, folder!);
        }
    }

    public X509Certificate2Collection Roots { get; }

    public X509Certificate2Collection Intermediates { get; }

    /// <summary>Reads the folder (null: trust nothing). A PEM file may hold several certificates; a .cer or .crt may be DER or PEM.</summary>
    public static SignatureTrust Load(string? folder)
    {
        var (roots, intermediates) = (new X509Certificate2Collection(), new X509Certificate2Collection());
        if (folder is null)
        {
            return new SignatureTrust(roots, intermediates);
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"the folder '{folder}' does not exist.");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var certificate in Read(file))
            {
                (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) ? roots : intermediates).Add(certificate);
            }
        }

        return new SignatureTrust(roots, intermediates);
    }

    private static X509Certificate2Collection Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var certificates = new X509Certificate2Collection();
        try
        {
            if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"'{Path.GetFileName(file)}' is not an X.509 certificate (PEM or DER): {e.Message}", e);
        }

        return certificates.Count > 0
            ? certificates
            : throw new InvalidDataException($"'{Path.GetFileName(file)}' holds no certificate.");
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of these roots at <paramref name="at"/>, with
    /// <paramref name="embedded"/> (the signature's certificates) and the folder's intermediates to build through;
    /// revocation not checked, nothing downloaded. And what staff should know about the chain.
    /// </summary>
    public (bool Trusted, List<SignatureNote> Notes) Evaluate(X509Certificate2 certificate, X509Certificate2Collection embedded, DateTimeOffset at)
    {
        var (trusted, _, notes) = Judge(certificate, embedded, at);
        return (trusted, notes);
    }

    /// <summary>The same, with the chain's status flags, which tell a missing root from a certificate out of its validity.</summary>
    public (bool Trusted, X509ChainStatusFlags Flags, List<SignatureNote> Notes) Judge(X509Certificate2 certificate, X509Certificate2Collection embedded, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots);
        chain.ChainPolicy.ExtraStore.AddRange(Intermediates);
        chain.ChainPolicy.ExtraStore.AddRange(embedded);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime; // assigning it stops .NET from checking at "now"
        bool built;
        try
        {
            built = chain.Build(certificate);
        }
        catch (CryptographicException)
        {
            built = false;
        }

        var notes = new List<SignatureNote>();
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (built)
        {
            var root = chain.ChainElements[^1].Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            notes.Add(new($"Chuỗi chứng thư dẫn tới CA gốc tin cậy \"{root}\" tại thời điểm chữ ký được chứng minh là đã có (dấu thời gian hoặc lúc nhận).", $"The chain reaches the trusted root \"{root}\" at the time the signature is proven to exist (a timestamp, or receipt)."));
        }
        else
        {
            notes.Add(Roots.Count == 0
                ? new("Chưa cấu hình CA gốc tin cậy nào (Signatures:TrustedRootsFolder).", "No trusted root is configured (Signatures:TrustedRootsFolder).")
                : (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0
                    ? new("Chuỗi chứng thư không dẫn tới CA gốc tin cậy nào đã cấu hình.", "The chain does not reach any configured trusted root.")
                    : new($"Chuỗi chứng thư không hợp lệ: {flags}.", $"The chain is not valid: {flags}."));
            if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                notes.Add(new("Có chứng thư trong chuỗi không còn hoặc chưa có hiệu lực ở thời điểm kiểm tra.", "A certificate of the chain was expired or not yet valid at the time checked."));
            }
        }

        return (built, flags, notes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No trusted roots for digital signatures in {Folder}: every signature will read 'chain not trusted' (docs/operations.md)")]
    private static partial void LogNoRoots(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digital signatures may chain to {RootCount} trusted roots ({IntermediateCount} intermediates) from {Folder}")]
    private static partial void LogRoots(ILogger logger, int rootCount, int intermediateCount, string folder);
}
