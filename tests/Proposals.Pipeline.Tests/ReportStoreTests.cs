using Proposals.Pipeline.Closeout;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>Report files are written once, however many runs race for them.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class ReportStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _callId = TestCalls.NewId();
    private PipelineServices _pipeline = null!;

    public async Task InitializeAsync() =>
        _pipeline = await PipelineServices.StartAsync(azurite, DateTimeOffset.UtcNow, TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(1)));

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task Racing_runs_write_each_file_once_and_describe_it_alike()
    {
        var store = _pipeline.Get<ReportStore>();
        for (var round = 0; round < 10; round++)
        {
            var streamed = $"{_callId}/race-{round}.zip";
            var staged = $"{_callId}/race-{round}.xlsx";
            var bytes = new byte[300_000 + round];
            Random.Shared.NextBytes(bytes);
            var written = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                await store.WriteStreamedOnceAsync(streamed, "application/zip", (s, t) => s.WriteAsync(bytes, t).AsTask(), default)
                | await store.WriteOnceAsync(staged, "application/octet-stream", s => s.Write(bytes), default))));
            written.Count(w => w).ShouldBeGreaterThanOrEqualTo(1);

            var descriptions = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => store.DescribeAsync(streamed, default)));
            descriptions.Select(d => d.Sha256).Distinct().ShouldHaveSingleItem().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            (await store.DescribeAsync(staged, default)).Bytes.ShouldBe(bytes.Length);
        }
    }
}
