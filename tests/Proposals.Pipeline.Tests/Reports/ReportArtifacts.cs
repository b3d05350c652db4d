namespace Proposals.Pipeline.Tests.Reports;

/// <summary>
/// Set REPORT_ARTIFACTS to a folder to keep the charts and documents the tests make, for a person to
/// look at; unset (as in CI), nothing is written.
/// </summary>
internal static class ReportArtifacts
{
    public static void Save(string name, byte[] content)
    {
        var folder = Environment.GetEnvironmentVariable("REPORT_ARTIFACTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), content);
        }
    }
}
