using System.Xml;
using Proposals.Domain.Documents;
using Proposals.Pipeline.Documents;
using Proposals.Testing;
using SharpFuzz;

// The fuzz targets of the document checks. Any exception that escapes a target is a crash for AFL++, and a bug:
// a checker meeting hostile bytes refuses them, it never throws. The only exceptions a target swallows are the
// ones that mean "this is not a ZIP / not XML", which the public checks turn into a refusal themselves.
//   Proposals.Fuzz seeds <dir>             writes the generated corpus (controls and hostile files) as seeds
//   Proposals.Fuzz <target>                runs one target under afl-fuzz (pdf, docx, signature)
//   Proposals.Fuzz <target> replay <dir>   runs every file of a folder through the target once (crash triage)
var targets = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
{
    ["pdf"] = bytes => PdfStructure.InspectOrThrow(bytes),
    ["docx"] = bytes =>
    {
        try
        {
            DocumentChecks.CheckDocxOrThrow(new MemoryStream(bytes));
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            // refused as "not a valid Word document"
        }
    },
    // Read-only use of the signature reader as it stands (issue 20 owns it): what it does with hostile bytes.
    ["signature"] = bytes => PdfSignatures.Check(bytes, Trust.None, DateTimeOffset.UnixEpoch.AddYears(55)),
};

if (args is ["seeds", var folder])
{
    Directory.CreateDirectory(Path.Combine(folder, "pdf"));
    Directory.CreateDirectory(Path.Combine(folder, "docx"));
    var documents = HostileDocuments.PdfControls().Concat(HostileDocuments.HostilePdfs()).Concat(HostileDocuments.DocxControls()).Concat(HostileDocuments.HostileDocxs());
    foreach (var document in documents.Where(d => d.Bytes.Length < 64 * 1024))
    {
        var kind = document.FileName.EndsWith(".pdf", StringComparison.Ordinal) ? "pdf" : "docx";
        File.WriteAllBytes(Path.Combine(folder, kind, document.FileName), document.Bytes);
    }

    return 0;
}

if (args.Length == 0 || !targets.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine("usage: Proposals.Fuzz seeds <dir> | pdf|docx|signature [replay <dir>]");
    return 2;
}

if (args is [_, "replay", var crashes])
{
    var failures = 0;
    foreach (var file in Directory.EnumerateFiles(crashes).Order(StringComparer.Ordinal))
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
        }
    }

    Console.WriteLine($"{failures} of the files threw");
    return failures == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;

internal static class Trust
{
    public static readonly SignatureTrust None = SignatureTrust.Load(null);
}
