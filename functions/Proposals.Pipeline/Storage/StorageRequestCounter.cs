using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Proposals.Pipeline.Storage;

/// <summary>
/// Counts every storage request the host's clients send (each retry too), by service and operation, with
/// the bytes sent and received: what one submission costs in storage round trips, read by the bench's
/// cost part. Attached only when <see cref="Setting"/> is true (the bench sets it; Azure never does), so
/// production clients carry no extra policy. Only the method, the <c>comp</c>/<c>restype</c> query
/// parameter and sizes are kept: no names, keys or contents.
/// </summary>
public sealed class StorageRequestCounter
{
    /// <summary>The app setting that attaches the counter (<c>Diagnostics__CountStorageRequests=true</c>).</summary>
    public const string Setting = "Diagnostics:CountStorageRequests";

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Adds the counting policy to a client's options; the service is told by the options' type.</summary>
    public void Attach(ClientOptions options) =>
        options.AddPolicy(new CountingPolicy(this, options switch
        {
            BlobClientOptions => "blob",
            QueueClientOptions => "queue",
            TableClientOptions => "table",
            _ => "other",
        }), HttpPipelinePosition.PerRetry);

    /// <summary>The counts so far, by <c>service operation</c>.</summary>
    public IReadOnlyList<StorageRequestTally> Snapshot() =>
        _tallies.Select(t => new StorageRequestTally(t.Key, Volatile.Read(ref t.Value.Requests), Volatile.Read(ref t.Value.BytesSent), Volatile.Read(ref t.Value.BytesReceived)))
            .OrderBy(t => t.Kind, StringComparer.Ordinal)
            .ToList();

    /// <summary>"blob PUT", "blob GET", "blob PUT comp=lease", "queue POST messages", "table GET entity", "table POST $batch"...</summary>
    public static string Operation(string service, Request request)
    {
        var uri = request.Uri;
        string? comp = null, restype = null;
        var query = uri.Query.AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.StartsWith("comp=", StringComparison.Ordinal))
            {
                comp = pair["comp=".Length..].ToString();
            }
            else if (pair.StartsWith("restype=", StringComparison.Ordinal))
            {
                restype = pair["restype=".Length..].ToString();
            }
        }

        var path = uri.Path;
        var target = service switch
        {
            "queue" => path.Contains("/messages", StringComparison.Ordinal) ? " messages" : string.Empty,
            "table" => path.Contains("$batch", StringComparison.Ordinal) ? " $batch"
                : path.Contains("PartitionKey=", StringComparison.Ordinal) ? " entity"
                : request.Method == RequestMethod.Post ? " insert" : " query",
            _ => string.Empty,
        };
        var qualifier = comp is not null ? " comp=" + comp : restype is not null ? " restype=" + restype : string.Empty;
        return $"{service} {request.Method.Method}{target}{qualifier}";
    }

    private void Count(string service, HttpMessage message)
    {
        var tally = _tallies.GetOrAdd(Operation(service, message.Request), _ => new Tally());
        Interlocked.Increment(ref tally.Requests);
        if (message.Request.Content is { } content && content.TryComputeLength(out var sent))
        {
            Interlocked.Add(ref tally.BytesSent, sent);
        }

        if (message.HasResponse && message.Request.Method != RequestMethod.Head && message.Response.Headers.ContentLength is { } received)
        {
            Interlocked.Add(ref tally.BytesReceived, received);
        }
    }

    private sealed class Tally
    {
#pragma warning disable SA1401, CA1051 // Interlocked needs the fields themselves
        public long Requests;
        public long BytesSent;
        public long BytesReceived;
#pragma warning restore SA1401, CA1051
    }

    private sealed class CountingPolicy(StorageRequestCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                ProcessNext(message, pipeline);
            }
            finally
            {
                counter.Count(service, message);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            finally
            {
                counter.Count(service, message);
            }
        }
    }
}

/// <summary>One kind of storage request: how many were sent, and the bytes of their bodies each way.</summary>
public sealed record StorageRequestTally(string Kind, long Requests, long BytesSent, long BytesReceived);
