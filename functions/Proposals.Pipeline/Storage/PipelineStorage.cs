using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Proposals.Pipeline.Storage;

/// <summary>The pipeline's containers, queues and tables, from the DI-registered service clients.</summary>
public sealed class PipelineStorage(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    public BlobServiceClient BlobService { get; } = blobs;

    public BlobContainerClient Submissions { get; } = blobs.GetBlobContainerClient(StorageNames.SubmissionsContainer);

    public BlobContainerClient Reports { get; } = blobs.GetBlobContainerClient(StorageNames.ReportsContainer);

    public BlobContainerClient StaffLists { get; } = blobs.GetBlobContainerClient(StorageNames.StaffListsContainer);

    public BlobContainerClient Inbound { get; } = blobs.GetBlobContainerClient(StorageNames.InboundContainer);

    public QueueClient ClassifyQueue { get; } = queues.GetQueueClient(StorageNames.ClassifyQueue);

    public QueueClient ClassifyPoisonQueue { get; } = queues.GetQueueClient(StorageNames.ClassifyPoisonQueue);

    public TableClient SubmissionsTable { get; } = tables.GetTableClient(StorageNames.SubmissionsTable);

    public TableClient TaxCodeIndexTable { get; } = tables.GetTableClient(StorageNames.TaxCodeIndexTable);

    public TableClient LateSubmissionsTable { get; } = tables.GetTableClient(StorageNames.LateSubmissionsTable);

    public TableClient IntakeKeysTable { get; } = tables.GetTableClient(StorageNames.IntakeKeysTable);

    public TableClient EmailLedgerTable { get; } = tables.GetTableClient(StorageNames.EmailLedgerTable);

    public TableClient CloseoutRunsTable { get; } = tables.GetTableClient(StorageNames.CloseoutRunsTable);

    public TableClient AuditTrailTable { get; } = tables.GetTableClient(StorageNames.AuditTrailTable);

    public TableClient InboundEmailsTable { get; } = tables.GetTableClient(StorageNames.InboundEmailsTable);

    public TableClient CallRetentionTable { get; } = tables.GetTableClient(StorageNames.CallRetentionTable);

    /// <summary>Creates what is missing (every name of <see cref="StorageNames"/>). Locally at start-up; in Azure the Bicep declares them.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var container in StorageNames.Containers)
        {
            await BlobService.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var table in StorageNames.Tables)
        {
            await tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
