// The storage account: the pipeline's containers, queues and tables (names from ../storage-names.json,
// the same names as StorageNames.cs), the Flex Consumption deployment container and the Event Grid
// dead-letter container. Entra ID only: shared keys are off, so every client (the Functions host, the
// app) uses a role assignment. The web pages are not here: the Function app serves them.

@description('Storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }

@description('Replication: Standard_LRS is enough for a pilot; Standard_ZRS where the region has zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Days a deleted blob or container can still be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Log Analytics workspace that receives the queue write logs (the poison-queue alert reads them).')
param workspaceId string

@description('Container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Container Event Grid writes undeliverable blob events to.')
param deadLetterContainerName string

@description('Names.')
var names = loadJsonContent('../storage-names.json')

resource account 'Microsoft.Storage/storageAccounts@2025-08-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Public endpoint on purpose: the Function app (no VNet), Event Grid, and staff downloading
    // documents and reports through user-delegation SAS links all reach it.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

// The backstop of each call's retention (README, "Personal data"): every uploaded document carries the blob index tag
// retention-backstop = y<n> (RetentionBackstop in the code: whole years to the call's purge date, plus one of grace),
// and one rule per value deletes it n × 365 days after it was written, should the app's purge never run. The app's
// purge (after staff confirm the report is archived) comes first; this only catches what it missed.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-08-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        for years in range(1, names.retentionBackstop.maxYears): {
          name: 'retention-backstop-y${years}'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: map(names.retentionBackstop.containers, container => '${container}/')
              blobIndexMatch: [
                {
                  name: names.retentionBackstop.tag
                  op: '=='
                  value: 'y${years}'
                }
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: years * 365
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource pipelineContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = [
  for container in names.containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-08-01' = {
  parent: account
  name: 'default'
}

resource pipelineQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-08-01' = [
  for queue in names.queues: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-08-01' = {
  parent: account
  name: 'default'
}

resource pipelineTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-08-01' = [
  for table in names.tables: {
    parent: tableService
    name: table
  }
]

// Queue writes (PutMessage, DeleteMessage...) to Log Analytics: how the alert sees a message arrive
// in classify-poison. Azure Monitor's queue metrics count messages per account, not per queue.
// The only newer version is 2016-09-01 (GA), which cannot name a storage service as the scope: kept on purpose.
#disable-next-line use-recent-api-versions
resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

@description('Resource id.')
output id string = account.id
@description('Name of the resource.')
output name string = account.name
@description('Blob endpoint.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
@description('Queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue
@description('Table endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table
@description('Deployment container url.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
@description('Dead letter container name.')
output deadLetterContainerName string = deadLetterContainer.name
@description('Deployment container name.')
output deploymentContainerName string = deploymentContainer.name
