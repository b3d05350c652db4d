using Azure.Storage.Blobs;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Testing;

/// <summary>
/// What a test reads or breaks in storage behind the pipeline's back (a half-written submission, a file swapped after
/// intake): the raw blob, reached through the storage clients as an operator would, never through the pipeline's door.
/// </summary>
public static class SubmissionBlobs
{
    public static BlobClient SubmissionBlob(this PipelineServices pipeline, string callId, string submissionId, string name) =>
        pipeline.Get<PipelineStorage>().Submissions.GetBlobClient(StorageNames.SubmissionBlob(callId, submissionId, name));

    /// <summary>Every row of the call, all columns, in receipt-number order: the store's own scan.</summary>
    public static async Task<List<SubmissionRecord>> RowsAsync(this PipelineServices pipeline, string callId)
    {
        var records = new List<SubmissionRecord>();
        await foreach (var record in pipeline.Get<SubmissionStore>().ScanAsync(callId, SubmissionColumns.All, default))
        {
            records.Add(record);
        }

        return records.OrderBy(r => r.ReceiptNumber, StringComparer.Ordinal).ToList();
    }
}
