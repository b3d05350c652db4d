using Microsoft.Extensions.Configuration;
using Proposals.Domain.Calls;
using Proposals.LocalHost;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.PersonalData;
using Proposals.Pipeline.Storage;
using Xunit.Abstractions;

namespace Proposals.Pipeline.Tests.PersonalData;

/// <summary>The record of processing activities says what the configuration does, and the sample in docs/privacy is what the command writes.</summary>
public sealed class ProcessingRecordTests(ITestOutputHelper output)
{
    private static readonly string Root = RepositoryRoot.Find();

    private static List<CallDefinition> ShippedCalls()
    {
        var configuration = new ConfigurationBuilder().AddCallFiles(Path.Combine(Root, "calls")).Build();
        return [.. CallCatalogOptions.Read(configuration).Calls.Values];
    }

    private static string Generate()
    {
        using var writer = new StringWriter();
        ProcessingRecord.Write(writer, ShippedCalls(), new ProcessingRecordSettings("demo", "southeastasia", 90, 14, DateTimeOffset.UnixEpoch));
        return writer.ToString();
    }

    [Fact]
    public void It_names_every_container_table_and_queue_and_each_calls_retention_and_basis()
    {
        var record = Generate();
        foreach (var name in StorageNames.Containers.Concat(StorageNames.Tables).Concat(StorageNames.Queues))
        {
            record.ShouldContain($"`{name}`", customMessage: $"storage {name} missing from the record");
        }

        foreach (var call in ShippedCalls())
        {
            record.ShouldContain(call.Retention!.Basis);
            record.ShouldContain(VietnamTime.FormatVi(call.PurgeAt!.Value));
        }

        record.ShouldContain("SendGrid");
        record.ShouldContain("southeastasia");
    }

    [Fact]
    public void The_sample_in_docs_privacy_is_what_the_command_writes_for_the_shipped_calls()
    {
        static IEnumerable<string> Comparable(string text) =>
            text.ReplaceLineEndings("\n").Split('\n').Where(l => !l.StartsWith("Triển khai / deployment:", StringComparison.Ordinal));
        var sample = File.ReadAllText(Path.Combine(Root, "docs", "privacy", "processing-record.md"));
        var generated = Generate();
        output.WriteLine(generated[..Math.Min(600, generated.Length)]);
        Comparable(sample).ShouldBe(Comparable(generated),
            "regenerate it: dotnet run --project functions/Proposals.LocalHost -- processing-record --region southeastasia --deployment demo --out docs/privacy/processing-record.md");
    }
}
