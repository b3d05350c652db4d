using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Proposals.Bench;

/// <summary>One load level's outcome: requests completed in the measured window, their latencies, the failures.</summary>
public sealed record LoadResult(string What, int Clients, TimeSpan Duration, int Completed, int Errors, LatencyStats Latency, IReadOnlyDictionary<string, int> ErrorKinds)
{
    public double PerSecond => Completed / Duration.TotalSeconds;
}

/// <summary>
/// Closed-loop load: <c>clients</c> tasks each sending one request after another for a fixed time. The
/// intake side posts the multipart form to the local host; the baseline puts the same bytes (both documents
/// and a small JSON, one after another, as intake does) straight into Azurite, which is the physical limit
/// of this storage path on this machine.
/// </summary>
public static class IntakeLoad
{
    public static async Task<LoadResult> RunAsync(string what, int clients, TimeSpan duration, Func<int, Task<string?>> request)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sequence = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref sequence);
                var started = clock.Elapsed;
                string? error;
                try
                {
                    error = await request(n);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Azure.RequestFailedException or IOException)
                {
                    error = e.GetType().Name;
                }

                if (error is null)
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                else
                {
                    errors.AddOrUpdate(error, 1, (_, c) => c + 1);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed; // includes the requests that were in flight when the time ran out
        return new LoadResult(what, clients, elapsed, latencies.Count, errors.Values.Sum(), LatencyStats.Of(latencies.ToArray()), errors);
    }

    public static Func<int, Task<string?>> Intake(HttpClient client, string callId, BenchPayload payload) => async n =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{callId}/submissions") { Content = payload.Multipart(BenchPayload.Fields(n)) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.Accepted ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    };

    public static Func<int, Task<string?>> Baseline(BlobContainerClient container, BenchPayload payload)
    {
        var json = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(BenchPayload.Fields(0)));
        return async n =>
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"baseline/{n:D8}-{Guid.NewGuid():N}/");
            await container.GetBlobClient(prefix + "signed-scan.pdf").UploadAsync(new BinaryData(payload.Pdf), new BlobUploadOptions());
            await container.GetBlobClient(prefix + "editable-form.docx").UploadAsync(new BinaryData(payload.Docx), new BlobUploadOptions());
            await container.GetBlobClient(prefix + "submission.json").UploadAsync(new BinaryData(json), new BlobUploadOptions());
            return null;
        };
    }
}
