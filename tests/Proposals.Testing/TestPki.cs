using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proposals.Testing;

/// <summary>
/// A certificate hierarchy of a test's own, shaped like Vietnam's (a national root, a licensed CA under it, and
/// enterprise certificates whose subject names the tax code as <c>UID=MST:…</c>, OID 0.9.2342.19200300.100.1.1,
/// UTF8String), made with <see cref="CertificateRequest"/>: nothing real is trusted by a test.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string UserIdOid = "0.9.2342.19200300.100.1.1";

    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _caWithKey;

    public TestPki(string rootName = "Test Vietnam National Root CA", string caName = "Test-CA")
    {
        var notBefore = DateTimeOffset.UtcNow.AddYears(-2);
        Root = CaRequest($"CN={rootName}, O=Test Ministry, C=VN", _rootKey).CreateSelfSigned(notBefore, notBefore.AddYears(20));
        var ca = CaRequest($"CN={caName}, O=Test Group, C=VN", _caKey);
        ca.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        Intermediate = ca.Create(Root, notBefore, notBefore.AddYears(10), RandomNumberGenerator.GetBytes(16));
        _caWithKey = Intermediate.CopyWithPrivateKey(_caKey);
    }

    /// <summary>The self-signed root: what the operator puts in the trusted-roots folder.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The licensed CA that issues enterprise certificates (public part only).</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>
    /// An enterprise's signing certificate, with its private key: <paramref name="uidValues"/> as UID attributes in
    /// that order (e.g. <c>MST:0100233488</c>, or <c>CCCD:…</c> then <c>MST:…</c>), valid from a month ago for a year
    /// unless told otherwise.
    /// </summary>
    public X509Certificate2 Enterprise(string commonName, IEnumerable<string> uidValues, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Enterprise(commonName, uidValues, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, [], notBefore, notAfter);

    /// <summary>
    /// An enterprise certificate with the key usage and extended key usages given: <paramref name="keyUsage"/> null
    /// leaves the extension out, an empty <paramref name="extendedKeyUsages"/> leaves that one out.
    /// </summary>
    public X509Certificate2 Enterprise(
        string commonName, IEnumerable<string> uidValues, X509KeyUsageFlags? keyUsage, IReadOnlyList<string> extendedKeyUsages,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddLocalityName("Hải Phòng");
        name.AddCommonName(commonName);
        foreach (var uid in uidValues)
        {
            name.Add(UserIdOid, uid, UniversalTagNumber.UTF8String);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (keyUsage is { } usage)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        }

        if (extendedKeyUsages.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. extendedKeyUsages.Select(o => new Oid(o))], false));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-30);
        using var issued = request.Create(_caWithKey, from, notAfter ?? from.AddYears(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>An enterprise certificate naming <paramref name="taxCode"/> as <c>UID=MST:…</c>.</summary>
    public X509Certificate2 Enterprise(string taxCode, string commonName = "CÔNG TY TNHH CƠ KHÍ CHÍNH XÁC HẢI PHÒNG") =>
        Enterprise(commonName, [$"MST:{taxCode}"]);

    /// <summary>
    /// A timestamp authority under this root (extended key usage timeStamping, critical, as RFC 3161 wants), with its
    /// private key: what a licensed TSA is to the operator's trusted-roots folder.
    /// </summary>
    public X509Certificate2 TimestampAuthority(string commonName = "Test TSA")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Test Group, C=VN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        var from = DateTimeOffset.UtcNow.AddDays(-30);
        using var issued = request.Create(_caWithKey, from, from.AddYears(3), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// A forger's own certificate: self-signed, naming whatever tax code he likes, with the usages a real one has
    /// (or, with <paramref name="timestamping"/>, a "TSA" of his own).
    /// </summary>
    public static X509Certificate2 SelfSigned(string commonName, IEnumerable<string> uidValues, bool timestamping = false)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddCommonName(commonName);
        foreach (var uid in uidValues)
        {
            name.Add(UserIdOid, uid, UniversalTagNumber.UTF8String);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        if (timestamping)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>
    /// Writes the root as PEM into <paramref name="folder"/> (created), and the licensed CA beside it as operators
    /// install a TSA's issuing CA: a trusted-roots folder to configure.
    /// </summary>
    public string WriteTrustedRoots(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "test-root.pem"), Root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "test-ca.pem"), Intermediate.ExportCertificatePem());
        return folder;
    }

    private static CertificateRequest CaRequest(string name, RSA key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    public void Dispose()
    {
        _caWithKey.Dispose();
        _rootKey.Dispose();
        _caKey.Dispose();
    }
}
