using System.Text.Json;
using Proposals.Pipeline.Storage;

namespace Proposals.LocalHost.Diagnostics;

/// <summary>
/// Writes the storage request counts (<see cref="StorageRequestCounter"/>) to <c>storage-requests.json</c> in
/// the data directory a few times a second, for the bench's cost part, which runs the host as a process of its
/// own. Registered only when the counter is attached (<see cref="StorageRequestCounter.Setting"/>); the file is
/// replaced whole, so a reader never sees half of it.
/// </summary>
public sealed class StorageRequestCountsFile(StorageRequestCounter counter, string dataDirectory) : BackgroundService
{
    public const string FileName = "storage-requests.json";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(counter.Snapshot()), stoppingToken);
            File.Move(temporary, path, overwrite: true);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
