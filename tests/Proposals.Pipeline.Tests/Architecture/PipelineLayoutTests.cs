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

    /// <summary>The README's table: a folder, and the folders of the pipeline it may use.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["Storage"] = [],
        ["Calls"] = [],
        ["Documents"] = [],
        ["Submissions"] = ["Storage"],
        ["Email"] = ["Storage"],
        ["Intake"] = ["Calls", "Documents", "Storage", "Submissions"],
        ["Classify"] = ["Calls", "Email", "Storage", "Submissions"],
        ["Validate"] = ["Calls", "Classify", "Documents", "Storage", "Submissions"],
        ["Reconcile"] = ["Classify", "Storage", "Submissions", "Validate"],
        ["Closeout"] = ["Calls", "Email", "Intake", "Reconcile", "Storage", "Submissions"],
        ["Staff"] = ["Calls", "Classify", "Closeout", "Reconcile", "Storage", "Submissions", "Validate"],
        ["Inbound"] = ["Calls", "Documents", "Email", "Intake", "Staff", "Storage", "Submissions"],
        ["Retention"] = ["Calls", "Classify", "Closeout", "Email", "Intake", "Staff", "Storage", "Submissions"],
        ["PersonalData"] = ["Calls", "Classify", "Closeout", "Email", "Intake", "Staff", "Storage", "Submissions"],
    };

    /// <summary>Each member of PipelineStorage, and the one file that may use it.</summary>
    private static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal)
    {
        ["SubmissionsTable"] = "Submissions/SubmissionStore.cs",
        ["Submissions"] = "Submissions/SubmissionStore.cs",
        ["IntakeKeysTable"] = "Submissions/IntakeKeys.cs",
        ["LateSubmissionsTable"] = "Intake/LateAttempts.cs",
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

    private static IEnumerable<(string Folder, string File, string Text)> Sources() =>
        Directory.GetFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => f.Contains('/', StringComparison.Ordinal))
            .Select(f => (f[..f.IndexOf('/', StringComparison.Ordinal)], f, File.ReadAllText(Path.Combine(Root, f))));

    [Fact]
    public void Every_folder_uses_only_the_folders_the_README_allows_it()
    {
        var breaches = new List<string>();
        foreach (var (folder, file, text) in Sources())
        {
            MayUse.ContainsKey(folder).ShouldBeTrue($"{folder}/ is not in the README's table of folders");
            var used = PipelineNamespace().Matches(text).Select(m => m.Groups[1].Value).Distinct().Where(u => u != folder);
            breaches.AddRange(used.Where(u => !MayUse[folder].Contains(u)).Select(u => $"{file} uses {u}/"));
        }

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

    [GeneratedRegex(@"Proposals\.Pipeline\.([A-Z][A-Za-z]+)")]
    private static partial Regex PipelineNamespace();

    [GeneratedRegex(@"\bstorage\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex StorageMember();
}
