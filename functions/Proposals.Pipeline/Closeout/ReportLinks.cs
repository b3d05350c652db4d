using Microsoft.Extensions.Options;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Closeout;

/// <summary>
/// Links to the report files: the revisions of a call with fresh short-lived links for the staff console,
/// and the longer-lived links the report email carries. The only place report links are made.
/// </summary>
public sealed class ReportLinks(ReportStore reports, ReportRevisions revisions, DownloadLinks links, TimeProvider time, IOptions<PipelineOptions> options)
{
    public async Task<ReportView> ReportAsync(string callId, CancellationToken cancellationToken)
    {
        var runs = await revisions.ListAsync(callId, cancellationToken);
        var files = await FilesAsync(callId + "/", options.Value.DownloadLinkLifetime, cancellationToken);
        var views = runs.Select(run => new RevisionView(
            run.Revision,
            run.CompletedAtUtc is null ? RevisionView.Requested : RevisionView.Written,
            run.RequestedAtUtc,
            run.CompletedAtUtc,
            run.SubmissionCount,
            run.CountedCount,
            run.InFlightCount,
            files.Where(f => f.Name.StartsWith(ReportStore.Folder(callId, run.Revision), StringComparison.Ordinal)).ToList())).ToList();

        // Staff see the newest revision first; a written one is "ready" when its manifest is there.
        views.Reverse();
        var ready = views.Any(v => v.State == RevisionView.Written);
        return new ReportView(callId, ready, views, files);
    }

    /// <summary>Links to the named report files, valid for <paramref name="lifetime"/> (the staff email's links).</summary>
    public async Task<IReadOnlyList<ReportFileView>> LinksAsync(IEnumerable<string> names, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + lifetime;
        var views = new List<ReportFileView>();
        foreach (var name in names)
        {
            var blob = reports.Blob(name);
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var url = await links.CreateAsync(blob, expiresAt, cancellationToken);
            views.Add(new ReportFileView(name, properties.ContentLength, properties.LastModified, url.AbsoluteUri, expiresAt));
        }

        return views;
    }

    private async Task<List<ReportFileView>> FilesAsync(string prefix, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + lifetime;
        var files = new List<ReportFileView>();
        await foreach (var item in reports.ListAsync(prefix, cancellationToken))
        {
            var url = await links.CreateAsync(reports.Blob(item.Name), expiresAt, cancellationToken);
            files.Add(new ReportFileView(item.Name, item.Properties.ContentLength ?? 0, item.Properties.LastModified, url.AbsoluteUri, expiresAt));
        }

        return files;
    }
}

public sealed record ReportView(string CallId, bool Ready, IReadOnlyList<RevisionView> Revisions, IReadOnlyList<ReportFileView> Files);

public sealed record RevisionView(
    int Revision,
    string State,
    DateTimeOffset? RequestedAtUtc,
    DateTimeOffset? CompletedAtUtc,
    int SubmissionCount,
    int CountedCount,
    int InFlightCount,
    IReadOnlyList<ReportFileView> Files)
{
    public const string Requested = "requested";
    public const string Written = "written";
}
public sealed record ReportFileView(string Name, long Bytes, DateTimeOffset? LastModified, string Url, DateTimeOffset ExpiresAt);
