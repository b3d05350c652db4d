// Log Analytics and a workspace-based Application Insights: the Functions host and the worker send
// requests, traces and exceptions there; the alerts query it.

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights name.')
param applicationInsightsName string

@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }

@description('Days the workspace keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Entra ID only, as the storage account: no instrumentation key can write telemetry. The app's
    // identity holds Monitoring Metrics Publisher (access.bicep).
    DisableLocalAuth: true
    RetentionInDays: retentionInDays
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id
@description('Resource id of the Application Insights component.')
output applicationInsightsId string = applicationInsights.id
@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name
@description('Application Insights connection string.')
output connectionString string = applicationInsights.properties.ConnectionString
