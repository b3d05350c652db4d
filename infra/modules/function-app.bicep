// The Azure Functions app (isolated worker, .NET 10) on the Flex Consumption plan, with a
// system-assigned managed identity for storage, Key Vault, Application Insights and the deployment
// package. It serves the web pages as well as the API (ServeWebFile), so everything has one origin: no
// CORS, and App Service Authentication's sign-in cookie is first-party for the staff console.

@description('Name of the Flex Consumption plan.')
param planName string
@description('Name of the Function app.')
param appName string
@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }

@description('Flex Consumption: most instances the app scales out to (the deadline rush).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Flex Consumption: memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Blob endpoint of the storage account (the host and the app use it with the managed identity).')
param storageBlobEndpoint string
@description('Queue endpoint of the storage account.')
param storageQueueEndpoint string
@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Blob container URL the plan deploys the app package from.')
param deploymentContainerUrl string

@description('Application Insights connection string (no key is used: Entra ID only).')
param applicationInsightsConnectionString string

@description('Key Vault secret URI (no version) of the SendGrid API key.')
param sendGridSecretUri string

@description('Key Vault secret URI (no version) of the key tracking tokens are derived from.')
param trackingTokenSecretUri string

@description('Key Vault secret URI (no version) of the inbound webhook\'s password; empty: no inbound email.')
param inboundSecretUri string

@description('Where people reach the site (links in emails); empty: the app\'s own https://{defaultHostName}. Set it when a custom domain is bound.')
param publicUrl string

@description('Sender of every email (a verified sender in SendGrid).')
param emailFromAddress string

@description('Display name of the sender; empty keeps the app\'s default.')
param emailFromName string

@description('Call ids this deployment serves; empty serves every call file shipped with the app.')
param servedCalls string[]

@description('App settings Calls__{id}__StaffEmails__{n}: who receives each call\'s closeout report.')
param staffEmailSettings { *: string }

@description('App settings Staff__Groups__{groupObjectId}: the agency (or ministry) an Entra group\'s members act for.')
param staffGroupSettings { *: string }

@description('Client id of the Entra ID app registration for staff sign-in; empty leaves App Service Authentication off.')
param staffAuthClientId string

@description('The app role of staff of every agency; staff of one agency carry Staff.{agencyId}, the Ministry Ministry.')
param staffRole string

@description('Defender for Storage scans uploads: validation waits for its verdict.')
param malwareScanning bool

@description('Resource id of the user-assigned identity that already holds Key Vault Secrets User (identity.bicep): the Key Vault references resolve with it.')
param keyVaultReferenceIdentityId string

@description('Whether App Service Authentication (Entra ID) is on.')
var staffSignIn = !empty(staffAuthClientId)
@description('The app\'s own https address.')
var appUrl = 'https://${app.properties.defaultHostName}'

@description('App settings every deployment has.')
var baseSettings = {
  // The Functions host and the app's own clients (StorageRegistration.cs) use the managed identity.
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  // DefaultAzureCredential in the app: only the production credentials (environment, workload and
  // managed identity), never a developer tool.
  AZURE_TOKEN_CREDENTIALS: 'prod'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // Application Insights takes no instrumentation key (local auth is off): the host and the worker send
  // telemetry with the managed identity, which holds Monitoring Metrics Publisher on it (access.bicep).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // Key Vault references; one that cannot be resolved reaches the app as its literal text, and the app
  // then refuses to start and says which (UnresolvedKeyVaultReferences.cs).
  Email__SendGridApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
  TrackingTokens__Key: '@Microsoft.KeyVault(SecretUri=${trackingTokenSecretUri})'
  Email__FromAddress: emailFromAddress
  Pipeline__PublicBaseUrl: empty(publicUrl) ? appUrl : publicUrl
  Staff__TrustEasyAuthPrincipal: string(staffSignIn)
  Staff__Role: staffRole
  Malware__Scanner: malwareScanning ? 'DefenderForStorage' : 'None'
  // HEAD / and GET / are the app's (ServeWebFile): the host's own homepage never answers in their place.
  AzureWebJobsDisableHomepage: 'true'
  // The CA certificates digital signatures may chain to: trusted-roots/ of the deployment package, beside the
  // app (a relative path is taken from the app's folder). The product ships none; docs/operations.md says
  // where the operator gets Vietnam's and how to add them.
  Signatures__TrustedRootsFolder: 'trusted-roots'
}

@description('The sender display name setting, when one is given.')
var fromNameSetting = empty(emailFromName) ? {} : { Email__FromName: emailFromName }

// A Key Vault reference only when inbound email is on: an unresolved reference stops the app at start-up.
@description('The inbound webhook secret reference, only when inbound email is on.')
var inboundSettings = empty(inboundSecretUri) ? {} : { Inbound__Secret: '@Microsoft.KeyVault(SecretUri=${inboundSecretUri})' }

@description('App settings Pipeline__ServedCalls__{n}.')
var servedCallSettings = toObject(range(0, length(servedCalls)), i => 'Pipeline__ServedCalls__${i}', i => servedCalls[i])

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${keyVaultReferenceIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault references resolve with the user-assigned identity, whose role exists before this app does.
    keyVaultReferenceIdentity: keyVaultReferenceIdentityId
    httpsOnly: true
    clientCertEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Pages and API share the app's origin: no other origin may call the API from a browser.
      cors: {
        allowedOrigins: []
        supportCredentials: false
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(baseSettings, fromNameSetting, inboundSettings, servedCallSettings, staffEmailSettings, staffGroupSettings)
}

// Publishing goes through Entra ID (azd, the GitHub workflow); no basic-auth credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service Authentication with Entra ID. Unauthenticated requests still pass (the form, the intake,
// the call and the status routes are public); Easy Auth signs staff in on the app's own origin (a
// first-party cookie), strips any client-sent x-ms-client-principal and adds its own, and
// StaffAccess.cs checks the app role on every api/staff/ route. A 401 there names /.auth/login/aad and
// the console sends the browser to it. No token store: nothing reads /.auth/me (the console asks
// /api/staff/me), and on Flex Consumption it would need a blob SAS URL, i.e. shared keys, which are off.
resource auth 'Microsoft.Web/sites/config@2025-03-01' = if (staffSignIn) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: staffAuthClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            staffAuthClientId
            'api://${staffAuthClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Resource id.')
output id string = app.id
@description('Name of the resource.')
output name string = app.name
@description('The app\'s own https address.')
output url string = appUrl
@description('Where people reach the site: the custom domain when one is bound, else the app\'s address.')
output publicUrl string = empty(publicUrl) ? appUrl : publicUrl
@description('The redirect URI to register in the staff app registration (docs/operations.md).')
output signInRedirectUri string = '${appUrl}/.auth/login/aad/callback'
@description('Principal id of the identity.')
output principalId string = app.identity.principalId
