// The Event Grid subscription that feeds the blob trigger ExamineSubmission (Source = EventGrid):
// BlobCreated events for .../submissions/.../submission.json go to the Functions host's blobs
// extension webhook. Deployed by the post-deploy hook (infra/hooks/postdeploy.sh), not by main.bicep:
// Event Grid validates the webhook when the subscription is created, which needs the function code
// running, and the endpoint carries the blobs_extension system key the host creates on start-up.
// Redeploying it is harmless (same name, same settings).

@description('The Function app (output FUNCTION_APP_NAME of main.bicep).')
param functionAppName string

@description('The storage account\'s Event Grid system topic (output EVENT_GRID_TOPIC_NAME).')
param systemTopicName string

@description('The storage account (output STORAGE_ACCOUNT_NAME): undeliverable events are written there.')
param storageAccountName string

@description('Container for undeliverable events (output EVENT_GRID_DEAD_LETTER_CONTAINER).')
param deadLetterContainerName string

@description('The blob trigger function Event Grid delivers to.')
var trigger = loadJsonContent('storage-names.json').blobTrigger

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'validate-submission'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${trigger.function}&code=${listKeys('${functionApp.id}/host/default', '2024-11-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${trigger.container}/'
      subjectEndsWith: '/${trigger.blobName}'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Name of the resource.')
output name string = blobCreated.name
