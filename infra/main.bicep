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

@description('App role (value) of staff of every agency in that app registration. Staff of one agency hold the role Staff.{agencyId} instead (calls/agencies/{agencyId}.json); the Ministry\'s national view is the role Ministry.')
param staffRole string = 'Staff'

@description('Where access is granted by Entra group rather than app role: "groupObjectId=agencyId;groupObjectId=ministry", each becoming the app setting Staff__Groups__{groupObjectId}. The app registration must emit the groups claim (docs/operations.md, "Onboarding an agency"). Empty: app roles alone decide.')
param staffGroups string = ''

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

@description('Submissions expected in a month at most, across the calls this deployment serves (the deadline rush included); sizes Defender\'s monthly scanning cap.')
@minValue(1)
param expectedSubmissionsPerMonth int = 5000

@description('Largest submission in MB (the intake\'s limit, Pipeline:MaxSubmissionBytes): every byte of it is scanned.')
@minValue(1)
param maxSubmissionMB int = 20

@description('Headroom over expected submissions × size, in percent: replacements, emailed proposals, retries.')
@minValue(100)
param malwareScanningCapMarginPercent int = 200

@description('Name of the storage account\'s Event Grid system topic. Empty: evgt-{token}. Azure allows one system topic per source: if one already exists on the account (created by hand, or by Defender for Storage before this template created its own), give its name here and the template adopts it.')
param eventGridSystemTopicName string = ''

@description('Seed of the resource names: stable for one subscription, environment and region.')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

// Names known when the deployment starts: modules that look resources up by name get these, not another
// module's outputs, so What-If can predict them (the what-if-short-circuiting rule); the order between the
// modules is then explicit (dependsOn).
@description('Name of the storage account.')
var storageAccountName = 'st${resourceToken}'

@description('Name of the Key Vault.')
var keyVaultName = 'kv-${resourceToken}'

@description('Name of the Application Insights component.')
var applicationInsightsName = 'appi-${resourceToken}'

@description('Container where Event Grid puts events it could not deliver.')
var deadLetterContainerName = 'eventgrid-deadletter'
// expected × size × margin, in whole GB, rounded up: at 5,000 × 20 MB × 200 % that is 196 GB.
@description('Defender\'s monthly scanning cap in GB: expected submissions × largest size × margin, rounded up.')
var malwareScanningCapGBPerMonth = (expectedSubmissionsPerMonth * maxSubmissionMB * malwareScanningCapMarginPercent / 100 + 1023) / 1024
@description('Tags every resource carries (azd-env-name, application).')
var tags = {
  'azd-env-name': environmentName
  application: 'proposal-intake'
}
@description('The containers, queues and tables the app uses (storage-names.json, shared with the code).')
var storageNames = loadJsonContent('storage-names.json')
@description('Key Vault secret name of the SendGrid API key.')
var sendGridSecretName = 'sendgrid-api-key'
@description('Key Vault secret name of the tracking-token key.')
var trackingTokenSecretName = 'tracking-token-key'
@description('Key Vault secret name of the inbound webhook\'s password.')
var inboundSecretName = 'inbound-secret'
@description('The servedCalls parameter as a list of call ids.')
var servedCallIds = filter(map(split(servedCalls, ','), id => trim(id)), id => !empty(id))

// "haiphong-2024=a@example.vn,b@example.vn;demo=c@example.vn" → app settings
// Calls__haiphong-2024__StaffEmails__0 = a@example.vn, ...__1 = b@example.vn, Calls__demo__StaffEmails__0 = ...
@description('The staffEmails parameter split into "callId=addresses" entries.')
var staffEmailEntries = filter(map(split(staffEmails, ';'), entry => trim(entry)), entry => contains(entry, '='))
@description('Each staffEmails entry as a call and its addresses.')
var staffEmailCalls = [
  for entry in staffEmailEntries: {
    call: trim(split(entry, '=')[0])
    addresses: filter(map(split(split(entry, '=')[1], ','), address => trim(address)), address => !empty(address))
  }
]
@description('The app settings Calls__{id}__StaffEmails__{n}, per call.')
var staffEmailSettingsPerCall = [
  for call in staffEmailCalls: toObject(
    range(0, length(call.addresses)),
    n => 'Calls__${call.call}__StaffEmails__${n}',
    n => call.addresses[n]
  )
]
@description('All Calls__{id}__StaffEmails__{n} app settings.')
var staffEmailSettings = reduce(staffEmailSettingsPerCall, {}, (settings, call) => union(settings, call))

// "0b5f…=haiphong;7c1e…=ministry" → app settings Staff__Groups__0b5f… = haiphong, Staff__Groups__7c1e… = ministry
@description('The staffGroups parameter split into "groupObjectId=agencyId" entries.')
var staffGroupEntries = filter(map(split(staffGroups, ';'), entry => trim(entry)), entry => contains(entry, '='))
@description('All Staff__Groups__{groupObjectId} app settings.')
var staffGroupSettings = toObject(staffGroupEntries, entry => 'Staff__Groups__${trim(split(entry, '=')[0])}', entry => trim(split(entry, '=')[1]))

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    workspaceName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSku
    softDeleteDays: softDeleteDays
    workspaceId: monitoring.outputs.workspaceId
    deploymentContainerName: 'app-package'
    deadLetterContainerName: deadLetterContainerName
  }
}

module keyVault 'modules/key-vault.bicep' = {
  scope: group
  params: {
    name: keyVaultName
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

// The identity the app resolves its Key Vault references with, and its Key Vault Secrets User role, exist
// before the app does: App Service resolves the references when the settings are applied and keeps a failed
// resolution for up to 24 hours, so the role must never come after the settings (infra/README.md).
module identity 'modules/identity.bicep' = {
  scope: group
  dependsOn: [
    keyVault
  ]
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
    keyVaultName: keyVaultName
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
    staffGroupSettings: staffGroupSettings
    staffAuthClientId: staffAuthClientId
    staffRole: staffRole
    malwareScanning: malwareScanning
    keyVaultReferenceIdentityId: identity.outputs.id
  }
}

// After the system topic: Defender for Storage's on-upload scanning subscribes to the account's Event Grid
// system topic and creates one when there is none. Deployed in parallel, the two raced and one of them
// failed ("Only one system topic is allowed per source"); in this order Defender finds ours and uses it.
module malware 'modules/malware-scanning.bicep' = if (malwareScanning) {
  scope: group
  dependsOn: [
    eventGridTopic
  ]
  params: {
    storageAccountName: storageAccountName
    excludedContainers: concat(filter(storageNames.containers, c => !contains(storageNames.malwareScanned, c)), [
      storage.outputs.deploymentContainerName
      deadLetterContainerName
      'azure-webjobs-hosts' // the Functions host's own bookkeeping (locks, blob receipts)
      'azure-webjobs-secrets'
    ])
    capGBPerMonth: malwareScanningCapGBPerMonth
  }
}

module access 'modules/access.bicep' = {
  scope: group
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    // Known only once the app exists; the role assignments' names were made from it and must stay as deployed.
    #disable-next-line what-if-short-circuiting
    appPrincipalId: functionApp.outputs.principalId
    deployerPrincipalId: principalId
  }
}

module eventGridTopic 'modules/event-grid-topic.bicep' = {
  scope: group
  dependsOn: [
    storage
  ]
  params: {
    name: empty(eventGridSystemTopicName) ? 'evgt-${resourceToken}' : eventGridSystemTopicName
    location: location
    tags: tags
    storageAccountName: storageAccountName
    deadLetterContainerName: deadLetterContainerName
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
    malwareScanning: malwareScanning
  }
}

// azd stores these in the environment (.azure/<env>/.env); the post-deploy hook reads them.
@description('Region (azd environment).')
output AZURE_LOCATION string = location
@description('Tenant of the deployment (azd environment).')
output AZURE_TENANT_ID string = tenant().tenantId
@description('Resource group (azd environment; the post-deploy hook uses it).')
output AZURE_RESOURCE_GROUP string = group.name
@description('The Function app\'s own address (the post-deploy hook checks it).')
output APP_URL string = functionApp.outputs.url
@description('Where people reach the site.')
output SITE_URL string = functionApp.outputs.publicUrl
@description('Redirect URI to register in the staff app registration.')
output STAFF_SIGN_IN_REDIRECT_URI string = functionApp.outputs.signInRedirectUri
@description('Storage account name (post-deploy hook).')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
@description('Function app name (post-deploy hook).')
output FUNCTION_APP_NAME string = functionApp.outputs.name
@description('The storage account\'s Event Grid system topic (post-deploy hook).')
output EVENT_GRID_TOPIC_NAME string = eventGridTopic.outputs.name
@description('Container of undeliverable events (post-deploy hook).')
output EVENT_GRID_DEAD_LETTER_CONTAINER string = storage.outputs.deadLetterContainerName
@description('Key Vault name.')
output KEY_VAULT_NAME string = keyVault.outputs.name
@description('Secret name of the SendGrid API key.')
output SENDGRID_SECRET_NAME string = sendGridSecretName
@description('Secret name of the tracking-token key.')
output TRACKING_TOKEN_SECRET_NAME string = trackingTokenSecretName
@description('Secret name of the inbound webhook\'s password.')
output INBOUND_SECRET_NAME string = inboundSecretName
@description('Application Insights name.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
@description('The monthly scanning cap this deployment set, in GB.')
output MALWARE_SCANNING_CAP_GB_PER_MONTH int = malwareScanningCapGBPerMonth
