// Role assignments, each named with a deterministic guid() so a redeployment finds the same one.
// The Function app's identity: blob (owner: the host takes leases, keeps its keys and reads the
// deployment package; the app writes reports and signs user-delegation SAS links), queue and table data
// roles, and Monitoring Metrics Publisher on
// Application Insights (local auth is off there). The deployer may set the Key Vault secrets. The Key
// Vault references resolve with a user-assigned identity granted in identity.bicep, before the app exists.

@description('Name of the storage account.')
param storageAccountName string
@description('Name of the Key Vault.')
param keyVaultName string
@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Principal id of the Function app\'s system-assigned identity.')
param appPrincipalId string

@description('Principal id of whoever deploys (azd fills it in); empty grants nothing.')
param deployerPrincipalId string

@description('Built-in role definition ids used here.')
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

@description('The data roles the app holds on the storage account.')
var appStorageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appOnApplicationInsights 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appOnStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in appStorageRoles: {
    name: guid(storage.id, appPrincipalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// No principalType: the deployer is a user locally and a service principal in GitHub Actions, and
// Azure resolves it either way.
resource deployerOnVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
  }
}
