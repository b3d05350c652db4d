namespace Proposals.LocalHost;

/// <summary>The checkout the local host runs from: where <c>web/</c>, <c>.data/</c> and <c>.tools/</c> live.</summary>
public static class RepositoryRoot
{
    public const string Marker = "Serverless.sln";

    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Run the local host from inside the repository (no {Marker} found above {Directory.GetCurrentDirectory()}).");
    }
}
