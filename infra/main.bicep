// The proposal pipeline in Azure: one resource group with the storage account (containers, queues and
// tables of storage-names.json), the Function app on Flex Consumption serving the API and the web pages
// with its managed identity and role assignments, Application Insights with Log Analytics (Entra ID
// only), Key Vault for the SendGrid key and the tracking-token key, the Event Grid system topic for the
// blob trigger, App Service Authentication for staff, and the alerts. Deployed by `azd up` (azure.yaml); infra/README.md explains each parameter.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the environment (azd env name), e.g. proposals-prod. Names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; it must offer the Flex Consumption plan.')
param location string

@description('Object id of whoever deploys (azd sets it): may set the Key Vault secrets. Empty grants nothing.')
param principalId string = ''

@description('Client id of the Entra ID app registration staff sign in with (docs/operations.md). Empty: App Service Authentication stays off and staff routes answer 401.')
param staffAuthClientId string = ''

@description('App role (value) a staff member must hold in that app registration.')
param staffRole string = 'Staff'

@secure()
@description('SendGrid API key to store in Key Vault. Empty: the secret is left as it is.')
param sendGridApiKey string = ''

@secure()
@description('Secret (at least 32 characters) the submitters\' tracking tokens are derived from, stored in Key Vault. Empty: the secret is left as it is. The first deployment must set it (docs/operations.md).')
param trackingTokenKey string = ''

@description('Take proposals by email through SendGrid Inbound Parse: the webhook /api/inbound/email checks HTTP Basic against the Key Vault secret inbound-secret, which must exist (set INBOUND_SECRET once; docs/operations.md). Off: the webhook refuses everything.')
param inboundEmail bool = false

@secure()
@description('The inbound webhook\'s password (at least 24 characters), stored in Key Vault; it goes into the Inbound Parse URL. Empty: the secret is left as it is.')
param inboundSecret string = ''

@description('Public address of the site when a custom domain is bound, e.g. https://dexuat.chicuc.example.vn; empty: the Function app\'s own address.')
param publicUrl string = ''

@minLength(3)
@description('Sender address of every email; a verified sender (or domain) in SendGrid.')
param emailFromAddress string

@description('Display name of the sender; empty keeps the app\'s default.')
param emailFromName string = ''

@description('Comma-separated ids of the calls (calls/{id}.json) this deployment serves, e.g. "haiphong-2024". Empty: every call file, the demo call included.')
param servedCalls string = ''

@description('Who receives each call\'s closeout report, overriding the call file\'s staffEmails: "callId=address,address;callId=address", e.g. "haiphong-2024=staff@example.vn,lead@example.vn". Empty: the call files decide.')
param staffEmails string = ''

@description('Email address for the alerts; empty: alerts show in the portal only.')
param alertEmail string = ''

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Most Function app instances during the deadline rush.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Days Log Analytics and Application Insights keep telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Days deleted blobs and containers stay restorable.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 14

@description('Scan every uploaded document for malware with Microsoft Defender for Storage (billed per GB). Off: documents read "not scanned".')
param malwareScanning bool = true

@description('Most GB Defender scans per month (submissions are at most 20 MB each).')
@minValue(1)
param malwareScanningCapGBPerMonth int = 50

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'proposal-intake'
}
var storageNames = loadJsonContent('storage-names.json')
var sendGridSecretName = 'sendgrid-api-key'
var trackingTokenSecretName = 'tracking-token-key'
var inboundSecretName = 'inbound-secret'
var servedCallIds = filter(map(split(servedCalls, ','), id => trim(id)), id => !empty(id))

// "haiphong-2024=a@example.vn,b@example.vn;demo=c@example.vn" → app settings
// Calls__haiphong-2024__StaffEmails__0 = a@example.vn, ...__1 = b@example.vn, Calls__demo__StaffEmails__0 = ...
var staffEmailEntries = filter(map(split(staffEmails, ';'), entry => trim(entry)), entry => contains(entry, '='))
var staffEmailCalls = [
  for entry in staffEmailEntries: {
    call: trim(split(entry, '=')[0])
    addresses: filter(map(split(split(entry, '=')[1], ','), address => trim(address)), address => !empty(address))
  }
]
var staffEmailSettingsPerCall = [
  for call in staffEmailCalls: toObject(
    range(0, length(call.addresses)),
    n => 'Calls__${call.call}__StaffEmails__${n}',
    n => call.addresses[n]
  )
]
var staffEmailSettings = reduce(staffEmailSettingsPerCall, {}, (settings, call) => union(settings, call))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    workspaceName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    skuName: storageSku
    softDeleteDays: softDeleteDays
    workspaceId: monitoring.outputs.workspaceId
    deploymentContainerName: 'app-package'
    deadLetterContainerName: 'eventgrid-deadletter'
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: group
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sendGridSecretName: sendGridSecretName
    sendGridApiKey: sendGridApiKey
    trackingTokenSecretName: trackingTokenSecretName
    trackingTokenKey: trackingTokenKey
    inboundSecretName: inboundSecretName
    inboundSecret: inboundSecret
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: group
  params: {
    planName: 'plan-${resourceToken}'
    appName: 'func-${resourceToken}'
    location: location
    tags: tags
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: 2048
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    sendGridSecretUri: keyVault.outputs.sendGridSecretUri
    trackingTokenSecretUri: keyVault.outputs.trackingTokenSecretUri
    inboundSecretUri: inboundEmail ? keyVault.outputs.inboundSecretUri : ''
    publicUrl: publicUrl
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    servedCalls: servedCallIds
    staffEmailSettings: staffEmailSettings
    staffAuthClientId: staffAuthClientId
    staffRole: staffRole
    malwareScanning: malwareScanning
  }
}

module malware 'modules/malware-scanning.bicep' = if (malwareScanning) {
  scope: group
  params: {
    storageAccountName: storage.outputs.name
    excludedContainers: concat(filter(storageNames.containers, c => !contains(storageNames.malwareScanned, c)), [
      storage.outputs.deploymentContainerName
      storage.outputs.deadLetterContainerName
      'azure-webjobs-hosts' // the Functions host's own bookkeeping (locks, blob receipts)
      'azure-webjobs-secrets'
    ])
    capGBPerMonth: malwareScanningCapGBPerMonth
  }
}

module access 'modules/access.bicep' = {
  scope: group
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: functionApp.outputs.principalId
    deployerPrincipalId: principalId
  }
}

module eventGridTopic 'modules/event-grid-topic.bicep' = {
  scope: group
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: group
  params: {
    namePrefix: 'proposals-${resourceToken}'
    location: location
    tags: tags
    alertEmail: alertEmail
    workspaceId: monitoring.outputs.workspaceId
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    storageAccountId: storage.outputs.id
    poisonQueues: concat(filter(storageNames.queues, q => endsWith(q, '-poison')), ['webjobs-blobtrigger-poison'])
    closeoutFunctionName: 'CloseoutCalls'
  }
}

// azd stores these in the environment (.azure/<env>/.env); the post-deploy hook reads them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output APP_URL string = functionApp.outputs.url
output SITE_URL string = functionApp.outputs.publicUrl
output STAFF_SIGN_IN_REDIRECT_URI string = functionApp.outputs.signInRedirectUri
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output EVENT_GRID_TOPIC_NAME string = eventGridTopic.outputs.name
output EVENT_GRID_DEAD_LETTER_CONTAINER string = storage.outputs.deadLetterContainerName
output KEY_VAULT_NAME string = keyVault.outputs.name
output SENDGRID_SECRET_NAME string = sendGridSecretName
output TRACKING_TOKEN_SECRET_NAME string = trackingTokenSecretName
output INBOUND_SECRET_NAME string = inboundSecretName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
