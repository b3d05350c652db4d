using System.ComponentModel.DataAnnotations;

namespace Proposals.Pipeline;

/// <summary>Settings of the pipeline as a whole (configuration section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Tries of a classify message before it moves to poison: the local host's and host.json's maxDequeueCount.</summary>
    public const int ClassifyMaxDequeueCount = 5;

    /// <summary>Where people reach the site (the form, the status page, the staff console); links in emails start here.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// The ids of the call files this deployment serves (e.g. only <c>haiphong-2024</c>, not the demo).
    /// Empty: every call file. An id without a call file fails start-up.
    /// </summary>
    public IList<string> ServedCalls { get; } = [];

    /// <summary>
    /// True: the examination classifies a submission as soon as it decides it, with what it holds (no queue hop,
    /// three storage requests fewer; the classify queue takes over only when that fails). False: every submission
    /// goes through the classify queue, the path a failure or a re-drive always takes (tests of that path use it).
    /// </summary>
    public bool ClassifyAtOnce { get; set; } = true;

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

    /// <summary>
    /// A submission still in the pipeline this long after it was received is stuck: listed for staff,
    /// repaired by the reconciler.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a report download link stays valid; at most an hour (personal data: links stay short-lived).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long the links in the staff report email stay valid: long enough to be read the next
    /// working day; after that the staff page hands out fresh ones. At most 7 days: the links carry personal data.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan ReportEmailLinkLifetime { get; set; } = TimeSpan.FromHours(48);
}
