// The user-assigned identity the Function app resolves its Key Vault references with
// (keyVaultReferenceIdentity), granted Key Vault Secrets User here, in a deployment the app's deployment
// depends on: the role exists before any app setting refers to Key Vault. A system-assigned identity cannot
// do this, since it only exists once the app does, and App Service resolves the references as soon as the
// settings are applied and keeps a failed resolution for up to 24 hours (infra/README.md).

@description('Name of the resource.')
param name string
@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }
@description('Name of the Key Vault.')
param keyVaultName string

@description('Built-in role: Key Vault Secrets User.')
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Resource id.')
output id string = identity.id
@description('Principal id of the identity.')
output principalId string = identity.properties.principalId
