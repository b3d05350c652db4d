using System.ComponentModel.DataAnnotations;

namespace Proposals.Pipeline;

/// <summary>Settings of the pipeline as a whole (configuration section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Where submitters and staff reach the site; links in emails start here.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Largest accepted size of each attached document.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Largest accepted request body: both documents plus the fields.</summary>
    [Range(4096, 100L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 21L * 1024 * 1024;

    /// <summary>
    /// How long after the deadline the closeout waits for in-flight submissions before it writes the
    /// report anyway, listing the stragglers as still in progress rather than dropping them.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a report download link stays valid.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
