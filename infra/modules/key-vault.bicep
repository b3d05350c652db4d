// Key Vault (RBAC, soft delete) for the app's secrets: the SendGrid API key, the key tracking tokens are
// derived from, and the inbound email webhook's password. The Function app reads them through Key Vault references in its app settings;
// nobody reads them from code or configuration files.

@description('Name of the resource.')
param name string
@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }

@description('Name of the secret holding the SendGrid API key.')
param sendGridSecretName string

@secure()
@description('The SendGrid API key. Empty: the secret is left as it is (first deployment: set it with az keyvault secret set).')
param sendGridApiKey string

@description('Name of the secret holding the tracking-token key.')
param trackingTokenSecretName string

@secure()
@description('The tracking-token key. Empty: the secret is left as it is.')
param trackingTokenKey string

@description('Name of the secret holding the inbound webhook\'s password.')
param inboundSecretName string

@secure()
@description('The inbound webhook\'s password. Empty: the secret is left as it is.')
param inboundSecret string

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
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

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send)'
  }
}

resource trackingTokenSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(trackingTokenKey)) {
  parent: vault
  name: trackingTokenSecretName
  properties: {
    value: trackingTokenKey
    contentType: 'HMAC key of the submitters\' tracking tokens'
  }
}

resource inboundSecretValue 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(inboundSecret)) {
  parent: vault
  name: inboundSecretName
  properties: {
    value: inboundSecret
    contentType: 'HTTP Basic password of the SendGrid Inbound Parse webhook'
  }
}

@description('Resource id.')
output id string = vault.id
@description('Name of the resource.')
output name string = vault.name
// Without a version: the app follows the latest version of the secret (rotation needs no redeploy).
@description('Key Vault secret URI (no version) of the SendGrid API key.')
output sendGridSecretUri string = '${vault.properties.vaultUri}secrets/${sendGridSecretName}/'
@description('Key Vault secret URI (no version) of the tracking-token key.')
output trackingTokenSecretUri string = '${vault.properties.vaultUri}secrets/${trackingTokenSecretName}/'
@description('Key Vault secret URI (no version) of the inbound webhook\'s password.')
output inboundSecretUri string = '${vault.properties.vaultUri}secrets/${inboundSecretName}/'
