// The Event Grid system topic of the storage account. Its subscription, which feeds the blob trigger
// (ExamineSubmission, Source = EventGrid), is ../blob-events.bicep: it can only be created once the
// function code runs, because Event Grid validates the webhook and the endpoint carries the
// blobs_extension system key that the host creates on start-up.

@description('Name of the resource.')
param name string
@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }
@description('Name of the storage account.')
param storageAccountName string

@description('Container where undeliverable events land; the topic\'s identity may write there.')
param deadLetterContainerName string

@description('Built-in role: Storage Blob Data Contributor.')
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetter 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetter.id, topic.id, storageBlobDataContributor)
  scope: storage::blobService::deadLetter
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the resource.')
output name string = topic.name
