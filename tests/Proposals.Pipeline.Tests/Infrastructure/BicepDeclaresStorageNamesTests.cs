using System.Text.Json;
using Proposals.Functions.Triggers;
using Proposals.LocalHost;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>
/// Azure gets exactly the containers, queues and tables the code uses: the Bicep declares them from
/// <c>infra/storage-names.json</c>, and that file must agree with <see cref="StorageNames"/> both ways.
/// </summary>
public sealed class BicepDeclaresStorageNamesTests
{
    private static readonly string Infra = Path.Combine(RepositoryRoot.Find(), "infra");

    private static JsonElement Names()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "storage-names.json")));
        return json.RootElement.Clone();
    }

    private static string[] List(string kind) =>
        Names().GetProperty(kind).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Storage_names_json_lists_exactly_the_containers_of_the_code() =>
        List("containers").ShouldBe(StorageNames.Containers, ignoreOrder: true);

    [Fact]
    public void Storage_names_json_lists_exactly_the_queues_of_the_code_poison_queue_included()
    {
        List("queues").ShouldBe(StorageNames.Queues, ignoreOrder: true);
        List("queues").ShouldContain(StorageNames.ClassifyPoisonQueue);
    }

    [Fact]
    public void Storage_names_json_lists_exactly_the_tables_of_the_code() =>
        List("tables").ShouldBe(StorageNames.Tables, ignoreOrder: true);

    [Fact]
    public void Storage_module_declares_every_name_of_storage_names_json()
    {
        var storage = File.ReadAllText(Path.Combine(Infra, "modules", "storage.bicep"));

        storage.ShouldContain("loadJsonContent('../storage-names.json')");
        storage.ShouldContain("for container in names.containers");
        storage.ShouldContain("for queue in names.queues");
        storage.ShouldContain("for table in names.tables");
    }

    [Fact]
    public void A_lifecycle_rule_exists_for_every_retention_tag_the_code_writes_and_no_other()
    {
        var backstop = Names().GetProperty("retentionBackstop");
        var storage = File.ReadAllText(Path.Combine(Infra, "modules", "storage.bicep"));

        backstop.GetProperty("tag").GetString().ShouldBe(RetentionBackstop.TagName);
        backstop.GetProperty("maxYears").GetInt32().ShouldBe(RetentionBackstop.MaxYears);
        backstop.GetProperty("containers").EnumerateArray().Select(c => c.GetString()).ShouldBe([StorageNames.SubmissionsContainer]);
        storage.ShouldContain("for years in range(1, names.retentionBackstop.maxYears)");
        storage.ShouldContain("value: 'y${years}'");
        storage.ShouldContain("daysAfterCreationGreaterThan: years * 365");
        RetentionBackstop.Values.ShouldBe(Enumerable.Range(1, RetentionBackstop.MaxYears).Select(y => $"y{y}"));
    }

    [Fact]
    public void The_backstop_tag_lands_at_least_a_year_after_the_purge_date_or_not_at_all()
    {
        var now = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        foreach (var days in new[] { 0, 1, 30, 364, 365, 1826, 3650 })
        {
            var purgeAt = now.AddDays(days);
            var tag = RetentionBackstop.TagsFor(purgeAt, now)![RetentionBackstop.TagName];
            var years = int.Parse(tag[1..], System.Globalization.CultureInfo.InvariantCulture);
            now.AddDays(years * 365).ShouldBeGreaterThanOrEqualTo(purgeAt.AddDays(365), $"retention of {days} days");
        }

        RetentionBackstop.TagsFor(now.AddDays(365 * 20), now).ShouldBeNull();
        RetentionBackstop.TagsFor(null, now).ShouldBeNull();
    }

    [Fact]
    public void Event_grid_subscription_filters_on_the_blob_the_validate_trigger_watches()
    {
        var trigger = Names().GetProperty("blobTrigger");
        var container = trigger.GetProperty("container").GetString();
        var blobName = trigger.GetProperty("blobName").GetString();

        trigger.GetProperty("function").GetString().ShouldBe(nameof(ExamineSubmission));
        container.ShouldBe(StorageNames.SubmissionsContainer);
        blobName.ShouldBe(StorageNames.SubmissionFieldsBlob);
        StorageNames.SubmissionFieldsTriggerPath.ShouldStartWith(container + "/");
        StorageNames.SubmissionFieldsTriggerPath.ShouldEndWith("/" + blobName);
        File.ReadAllText(Path.Combine(Infra, "blob-events.bicep")).ShouldContain("loadJsonContent('storage-names.json').blobTrigger");
    }
}
