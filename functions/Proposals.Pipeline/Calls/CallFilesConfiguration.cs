using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Proposals.Pipeline.Calls;

public static class CallFilesConfiguration
{
    /// <summary>
    /// The setting naming a folder of call files (with its <c>agencies/</c>) other than the one shipped beside the
    /// app: an operator's own, mounted or checked out, so that a call or an agency is added without a new package.
    /// </summary>
    public const string DirectorySetting = "CallFiles:Directory";

    /// <summary>The folder of call files beside the app: the build copies <c>calls/*.json</c> there.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "calls");

    /// <summary>
    /// Adds every <c>{id}.json</c> of <paramref name="directory"/> under <c>Calls:{id}</c>, and every
    /// <c>agencies/{id}.json</c> under <c>Agencies:{id}</c>, placed before the environment variables so that
    /// <c>Calls__demo__Deadline=...</c> or <c>Agencies__haiphong__Report__SignerName=...</c> overrides the file.
    /// </summary>
    public static IConfigurationBuilder AddCallFiles(this IConfigurationBuilder builder, string? directory = null)
    {
        directory ??= DefaultDirectory;
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        AddFolder(data, directory, CallCatalogOptions.Section);
        AddFolder(data, Path.Combine(directory, "agencies"), CallCatalogOptions.AgenciesSection);
        AddFolder(data, Path.Combine(directory, "programmes"), CallCatalogOptions.ProgrammesSection);

        var source = new MemoryConfigurationSource { InitialData = data };
        var firstEnvironment = builder.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        if (firstEnvironment < 0)
        {
            builder.Add(source);
        }
        else
        {
            builder.Sources.Insert(firstEnvironment, source);
        }

        return builder;
    }

    private static void AddFolder(Dictionary<string, string?> data, string directory, string section)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            foreach (var (key, value) in new ConfigurationBuilder().AddJsonFile(file, optional: false).Build().AsEnumerable())
            {
                data[$"{section}:{id}:{key}"] = value;
            }
        }
    }
}
