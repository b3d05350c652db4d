using System.Diagnostics;
using System.IO.Compression;
using Azure.Storage.Blobs;

namespace Proposals.Bench;

/// <summary>One way of publishing the Functions app, measured.</summary>
internal sealed record PackageMeasurement(string Variant, long Bytes, int Files, long ZipBytes, double PublishSeconds, List<double> FetchAndUnpackSeconds);

/// <summary>
/// The deployment package Flex Consumption downloads and unpacks on every cold instance, before the
/// worker can start: its size as `dotnet publish` (what azd runs) makes it, zipped, and the time to fetch
/// it from blob storage (here Azurite on loopback, so the network is almost free: in Azure the bytes
/// cost more) and unpack it. "portable" is the app as published before issue 12; "linux-x64" is what
/// the project publishes now.
/// </summary>
internal static class DeploymentPackage
{
    public static async Task<PackageMeasurement> MeasureAsync(string repositoryRoot, string variant, BlobContainerClient container, int repeats)
    {
        var work = Path.Combine(Path.GetTempPath(), "bench-package-" + Guid.NewGuid().ToString("N")[..8]);
        var output = Path.Combine(work, "publish");
        try
        {
            var publish = Stopwatch.StartNew();
            await PublishAsync(repositoryRoot, output, portable: variant == "portable");
            publish.Stop();
            var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories);
            var zip = Path.Combine(work, "package.zip");
            ZipFile.CreateFromDirectory(output, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            var blob = container.GetBlobClient($"package-{variant}.zip");
            await blob.UploadAsync(zip, overwrite: true);

            var timings = new List<double>();
            for (var run = 0; run < repeats; run++)
            {
                var unpacked = Path.Combine(work, "unpacked-" + run);
                var fetched = Path.Combine(work, "fetched-" + run + ".zip");
                var clock = Stopwatch.StartNew();
                await blob.DownloadToAsync(fetched);
                ZipFile.ExtractToDirectory(fetched, unpacked);
                timings.Add(clock.Elapsed.TotalSeconds);
                Directory.Delete(unpacked, recursive: true);
                File.Delete(fetched);
            }

            return new PackageMeasurement(variant, files.Sum(f => new FileInfo(f).Length), files.Length, new FileInfo(zip).Length, publish.Elapsed.TotalSeconds, timings);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task PublishAsync(string repositoryRoot, string output, bool portable)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", "functions/Proposals.Functions", "-c", "Release", "-o", output, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        if (portable)
        {
            start.ArgumentList.Add("-p:RuntimeIdentifier="); // a global property wins over the project's publish-only RID
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await log}\n{await errors}");
        }
    }
}
