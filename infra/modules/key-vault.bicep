// Key Vault (RBAC, soft delete) for the SendGrid API key. The Function app reads it through a Key Vault
// reference in its app settings; nobody reads it from code or configuration files.

param name string
param location string
param tags object

@description('Name of the secret holding the SendGrid API key.')
param sendGridSecretName string

@secure()
@description('The SendGrid API key. Empty: the secret is left as it is (first deployment: set it with az keyvault secret set).')
param sendGridApiKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send)'
  }
}

output id string = vault.id
output name string = vault.name
// Without a version: the app follows the latest version of the secret (rotation needs no redeploy).
output sendGridSecretUri string = '${vault.properties.vaultUri}secrets/${sendGridSecretName}/'
