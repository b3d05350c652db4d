using System.Text.Json;

namespace Proposals.LocalHost.Tests;

/// <summary>What only the Azure build does: Event Grid feeds the blob trigger, and the closeout timer retries.</summary>
public sealed class FunctionsAzureBindingsTests
{
    private static Dictionary<string, JsonElement> Functions()
    {
        var metadata = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "functions", "Proposals.Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        return json.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    [Fact]
    public void Validate_trigger_is_fed_by_Event_Grid_in_Azure() =>
        Functions()["ExamineSubmission"].GetProperty("bindings")[0].GetProperty("source").GetString().ShouldBe("EventGrid");

    [Fact]
    public void Closeout_timer_retries_a_failed_run_within_the_minute()
    {
        var retry = Functions()["CloseoutCalls"].GetProperty("retry");

        retry.GetProperty("strategy").GetString().ShouldBe("fixedDelay");
        retry.GetProperty("maxRetryCount").GetInt32().ShouldBe(2);
        TimeSpan.Parse(retry.GetProperty("delayInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }
}
