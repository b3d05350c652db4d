using Microsoft.Extensions.Configuration;
using Proposals.Domain.Calls;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.PersonalData;

namespace Proposals.LocalHost;

/// <summary>
/// <c>dotnet run --project functions/Proposals.LocalHost -- processing-record [--region southeastasia] [--deployment name]
/// [--out docs/privacy/processing-record.md]</c>: writes the deployment's record of processing activities from the same
/// configuration the hosts read (the call files, overridden by environment variables such as <c>Calls__demo__...</c> and
/// <c>Pipeline__ServedCalls__0</c>), then exits. Starts no storage.
/// </summary>
public static class ProcessingRecordCommand
{
    public const string Name = "processing-record";

    public static async Task<int> RunAsync(string repositoryRoot, string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCallFiles(Path.Combine(repositoryRoot, "calls"))
            .AddCommandLine(args.Skip(1).ToArray())
            .Build();
        var calls = CallCatalogOptions.Read(configuration).Calls;

        var served = configuration.GetSection("Pipeline:ServedCalls").Get<string[]>() ?? [];
        var listed = calls.Values.Where(c => served.Length == 0 || served.Contains(c.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        var settings = new ProcessingRecordSettings(
            configuration["deployment"] ?? configuration["AZURE_ENV_NAME"] ?? "local",
            configuration["region"] ?? configuration["AZURE_LOCATION"],
            int.TryParse(configuration["logRetentionDays"], out var logDays) ? logDays : 90,
            int.TryParse(configuration["softDeleteDays"], out var softDays) ? softDays : 14,
            DateTimeOffset.UtcNow);
        var output = configuration["out"];
        await using var writer = output is null ? Console.Out : new StreamWriter(Path.GetFullPath(output, repositoryRoot));
        ProcessingRecord.Write(writer, listed, settings);
        if (output is not null)
        {
            await Console.Error.WriteLineAsync($"Wrote {Path.GetFullPath(output, repositoryRoot)} ({listed.Count} calls).");
        }

        return 0;
    }
}
