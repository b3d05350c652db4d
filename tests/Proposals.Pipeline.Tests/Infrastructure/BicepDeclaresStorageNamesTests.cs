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
    public void Event_grid_subscription_filters_on_the_blob_the_validate_trigger_watches()
    {
        var trigger = Names().GetProperty("blobTrigger");
        var container = trigger.GetProperty("container").GetString();
        var blobName = trigger.GetProperty("blobName").GetString();

        trigger.GetProperty("function").GetString().ShouldBe(nameof(ValidateSubmission));
        container.ShouldBe(StorageNames.SubmissionsContainer);
        blobName.ShouldBe(StorageNames.SubmissionFieldsBlob);
        StorageNames.SubmissionFieldsTriggerPath.ShouldStartWith(container + "/");
        StorageNames.SubmissionFieldsTriggerPath.ShouldEndWith("/" + blobName);
        File.ReadAllText(Path.Combine(Infra, "blob-events.bicep")).ShouldContain("loadJsonContent('storage-names.json').blobTrigger");
    }
}
