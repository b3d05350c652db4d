// The Azure Functions app (isolated worker, .NET 10) on the Flex Consumption plan, with a
// system-assigned managed identity for storage, Key Vault and the deployment package; CORS open to the
// static form's origin only; App Service Authentication (Entra ID) in front of the staff routes.

param planName string
param appName string
param location string
param tags object

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

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string

@description('Blob container URL the plan deploys the app package from.')
param deploymentContainerUrl string

param applicationInsightsConnectionString string

@description('Key Vault secret URI (no version) of the SendGrid API key.')
param sendGridSecretUri string

@description('The static form\'s URL: links in emails point there, and it is the only CORS origin.')
param formUrl string

@description('Sender of every email (a verified sender in SendGrid).')
param emailFromAddress string

@description('Display name of the sender; empty keeps the app\'s default.')
param emailFromName string

@description('Call ids this deployment serves; empty serves every call file shipped with the app.')
param servedCalls string[]

@description('App settings Calls__{id}__StaffEmails__{n}: who receives each call\'s closeout report.')
param staffEmailSettings object

@description('Client id of the Entra ID app registration for staff sign-in; empty leaves App Service Authentication off.')
param staffAuthClientId string

@description('The app role a staff member\'s principal must carry.')
param staffRole string

var formOrigin = endsWith(formUrl, '/') ? take(formUrl, max(length(formUrl) - 1, 0)) : formUrl
var staffSignIn = !empty(staffAuthClientId)

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
  Email__SendGridApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
  Email__FromAddress: emailFromAddress
  Pipeline__PublicBaseUrl: formOrigin
  Pipeline__ApiBaseUrl: 'https://${app.properties.defaultHostName}'
  Staff__TrustEasyAuthPrincipal: string(staffSignIn)
  Staff__Role: staffRole
  // The Functions front end appends the caller's address to X-Forwarded-For; the rate limits count by
  // that rightmost entry (RequestRateLimiter.ClientAddress), never by what the client wrote before it.
  RateLimits__TrustForwardedFor: 'true'
}

var fromNameSetting = empty(emailFromName) ? {} : { Email__FromName: emailFromName }

var servedCallSettings = toObject(range(0, length(servedCalls)), i => 'Pipeline__ServedCalls__${i}', i => servedCalls[i])

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
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

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
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
      cors: {
        allowedOrigins: [
          formOrigin
        ]
        supportCredentials: false
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: union(baseSettings, fromNameSetting, servedCallSettings, staffEmailSettings)
}

// Publishing goes through Entra ID (azd, the GitHub workflow); no basic-auth credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service Authentication with Entra ID. Unauthenticated requests still pass (the public intake,
// the call and the status routes are anonymous); Easy Auth signs staff in, strips any client-sent
// x-ms-client-principal and adds its own, and StaffAccess.cs checks the app role on staff routes.
resource auth 'Microsoft.Web/sites/config@2024-11-01' = if (staffSignIn) {
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

output id string = app.id
output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
output principalId string = app.identity.principalId
