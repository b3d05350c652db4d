using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Proposals.Testing;

/// <summary>
/// A table client whose first insert into one table lands but whose answer is lost, as a time-out would lose it:
/// the client's retry then meets the row its first attempt wrote (409).
/// </summary>
public sealed class LostAnswers : HttpPipelinePolicy
{
    private readonly string _table;

    private LostAnswers(string table) => _table = table;

    /// <summary>How many answers were lost (1 once the fault happened).</summary>
    public int Lost { get; private set; }

    /// <summary>A service client over <paramref name="connectionString"/> losing the first insert's answer into <paramref name="table"/>.</summary>
    public static (TableServiceClient Client, LostAnswers Fault) ForFirstInsertInto(string connectionString, string table)
    {
        var fault = new LostAnswers(table);
        var options = new TableClientOptions();
        options.AddPolicy(fault, HttpPipelinePosition.PerRetry);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return (new TableServiceClient(connectionString, options), fault);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        // An insert goes to /{table}; the table's creation goes to /Tables and is left alone.
        if (Lost == 0 && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.Contains("/" + _table, StringComparison.Ordinal))
        {
            Lost++;
            throw new IOException("The connection was reset after the request was sent.");
        }
    }
}
