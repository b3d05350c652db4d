using System.Text.RegularExpressions;
using Proposals.LocalHost;

namespace Proposals.Pipeline.Tests.Architecture;

/// <summary>
/// What functions/Proposals.Pipeline/README.md promises about its layout, checked on the source: each
/// folder uses only the folders it may (so following one piece of data never loops back), and each table,
/// container and queue is touched by its one owner.
/// </summary>
public sealed partial class PipelineLayoutTests
{
    private static readonly string Root = Path.Combine(RepositoryRoot.Find(), "functions", "Proposals.Pipeline");

    /// <summary>
    /// The README's table: a folder, and the folders of the pipeline it may use. A sub-folder is a folder of its own:
    /// its parent may use it, it may not use its parent (nor the parent's types, which it sees without a using).
    /// </summary>
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["Storage"] = [],
        ["Calls"] = [],
        ["Documents"] = [],
        ["Submissions"] = ["Storage"],
        ["Email"] = ["Storage"],
        ["Deadlines"] = ["Storage"],
        ["Intake"] = ["Calls", "Deadlines", "Documents", "Storage", "Submissions"],
        ["Classify"] = ["Calls", "Email", "Storage", "Submissions"],
        ["Examine"] = ["Calls", "Classify", "Documents", "Storage", "Submissions"],
        ["Reconcile"] = ["Classify", "Storage", "Submissions", "Examine"],
        ["Closeout"] = ["Calls", "Deadlines", "Email", "Reconcile", "Storage", "Submissions"],
        ["Closeout/Writers"] = ["Deadlines", "Documents", "Storage", "Submissions"],
        ["Closeout/Writers/Fonts"] = [],
        ["Staff"] = ["Calls", "Classify", "Closeout", "Closeout/Writers", "Reconcile", "Storage", "Submissions", "Examine"],
        ["Inbound"] = ["Calls", "Documents", "Email", "Staff", "Storage", "Submissions"],
        ["Retention"] = ["Calls", "Classify", "Closeout", "Deadlines", "Email", "Inbound", "Staff", "Storage", "Submissions"],
        ["PersonalData"] = ["Calls", "Classify", "Closeout", "Deadlines", "Email", "Inbound", "Staff", "Storage", "Submissions"],
    };

    /// <summary>
    /// Types of a parent a sub-folder still uses, each with its reason. <c>ReportSignOff</c> (what the report's
    /// signature block says) belongs with the Word report's writer; it stays in <c>Closeout/</c> while issue 24 reshapes it.
    /// </summary>
    private static readonly Dictionary<string, string[]> ParentTypesStillUsed = new(StringComparer.Ordinal)
    {
        ["Closeout/Writers"] = ["ReportSignOff"],
    };

    /// <summary>Where a client of a blob container may be held: the one door of each container, and the signer of download links.</summary>
    private static readonly string[] BlobClientHolders =
    [
        "Submissions/", "Closeout/ReportStore.cs", "Inbound/InboundEmails.cs", "Staff/StaffListCheckpoints.cs", "Storage/DownloadLinks.cs",
    ];

    /// <summary>Each member of PipelineStorage, and the one file that may use it.</summary>
    private static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal)
    {
        ["SubmissionsTable"] = "Submissions/SubmissionStore.cs",
        ["Submissions"] = "Submissions/SubmissionStore.cs",
        ["IntakeKeysTable"] = "Submissions/IntakeKeys.cs",
        ["LateSubmissionsTable"] = "Deadlines/LateAttempts.cs",
        ["TaxCodeIndexTable"] = "Classify/SubmissionVersions.cs",
        ["ClassifyQueue"] = "Classify/ClassifyQueues.cs",
        ["ClassifyPoisonQueue"] = "Classify/ClassifyQueues.cs",
        ["EmailLedgerTable"] = "Email/EmailLedger.cs",
        ["CloseoutRunsTable"] = "Closeout/ReportRevisions.cs",
        ["Reports"] = "Closeout/ReportStore.cs",
        ["StaffLists"] = "Staff/StaffListCheckpoints.cs",
        ["AuditTrailTable"] = "Staff/AuditTrail.cs",
        ["InboundEmailsTable"] = "Inbound/InboundEmails.cs",
        ["Inbound"] = "Inbound/InboundEmails.cs",
        ["CallRetentionTable"] = "Retention/RetentionLedger.cs",
        ["BlobService"] = "Storage/DownloadLinks.cs",
    };

    /// <summary>Every source file below the project's root, with its folder (<c>Closeout/Writers</c> for a writer).</summary>
    private static IEnumerable<(string Folder, string File, string Text)> Sources() =>
        Directory.GetFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => f.Contains('/', StringComparison.Ordinal))
            .Select(f => (f[..f.LastIndexOf('/')], f, File.ReadAllText(Path.Combine(Root, f))));

    /// <summary>The folder a namespace or type name of the pipeline lives in: the longest of its prefixes that is a folder.</summary>
    private static string? FolderOf(string dottedName)
    {
        var parts = dottedName.Split('.');
        for (var n = parts.Length; n > 0; n--)
        {
            var folder = string.Join('/', parts[..n]);
            if (Directory.Exists(Path.Combine(Root, folder)))
            {
                return folder;
            }
        }

        return null;
    }

    [Fact]
    public void Every_folder_uses_only_the_folders_the_README_allows_it()
    {
        var breaches = new List<string>();
        foreach (var (folder, file, text) in Sources())
        {
            MayUse.ContainsKey(folder).ShouldBeTrue($"{folder}/ is not in the README's table of folders");
            var used = PipelineNamespace().Matches(text).Select(m => FolderOf(m.Groups[1].Value)).OfType<string>().Distinct()
                .Where(u => u != folder && !u.StartsWith(folder + "/", StringComparison.Ordinal)); // a folder uses its own sub-folders
            breaches.AddRange(used.Where(u => !MayUse[folder].Contains(u)).Select(u => $"{file} uses {u}/"));
        }

        breaches.ShouldBeEmpty();
    }

    [Fact]
    public void A_sub_folder_does_not_use_its_parents_types()
    {
        var declared = Sources().SelectMany(s => TypeDeclaration().Matches(s.Text).Select(m => (s.Folder, Type: m.Groups[1].Value))).ToList();
        var breaches = new List<string>();
        foreach (var (folder, file, text) in Sources().Where(s => s.Folder.Contains('/', StringComparison.Ordinal)))
        {
            var parent = folder[..folder.LastIndexOf('/')];
            var allowed = ParentTypesStillUsed.GetValueOrDefault(folder) ?? [];
            breaches.AddRange(declared.Where(d => d.Folder == parent && !allowed.Contains(d.Type)
                    && Regex.IsMatch(text, $@"\b{d.Type}\b"))
                .Select(d => $"{file} uses {parent}/{d.Type}"));
        }

        breaches.Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_door_of_a_container_holds_a_blob_client()
    {
        // In particular no class outside Submissions/ reaches a submission's documents but through SubmissionStore's typed reads and writes.
        var breaches = Sources()
            .Where(s => Regex.IsMatch(s.Text, @"\bBlob(Base|Block|Append|Page)?Client\b|\bGetBlobClient\b|\bGetBlockBlobClient\b"))
            .Where(s => !BlobClientHolders.Any(h => h.EndsWith('/') ? s.File.StartsWith(h, StringComparison.Ordinal) : s.File == h))
            .Select(s => s.File);

        breaches.ShouldBeEmpty();
    }

    [Fact]
    public void Every_table_container_and_queue_has_one_owner()
    {
        var breaches = new List<string>();
        foreach (var (_, file, text) in Sources().Where(s => s.File != "Storage/PipelineStorage.cs"))
        {
            foreach (Match use in StorageMember().Matches(text))
            {
                var member = use.Groups[1].Value;
                if (Owners.TryGetValue(member, out var owner) && owner != file && !IsPartOf(file, owner))
                {
                    breaches.Add($"{file} uses storage.{member}, which belongs to {owner}");
                }
            }
        }

        breaches.Distinct().ShouldBeEmpty();
    }

    /// <summary>A partial class's other file (<c>Submissions/SubmissionStore.Documents.cs</c>) is its owner too.</summary>
    private static bool IsPartOf(string file, string owner) =>
        file.StartsWith(owner[..^".cs".Length] + ".", StringComparison.Ordinal) && file.EndsWith(".cs", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum) ([A-Z][A-Za-z0-9]*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"Proposals\.Pipeline\.([A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)*)")]
    private static partial Regex PipelineNamespace();

    [GeneratedRegex(@"\bstorage\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex StorageMember();
}
