// The alerts an operator acts on (docs/operations.md says what each means and what to do):
// - a message arrived in a poison queue (a submission could not be classified or validated 5 times);
// - messages linger in the account's queues (poison messages nobody has handled yet);
// - the closeout keeps failing (a report or the staff email is not going out).

@description('Prefix of the alert rules\' names.')
param namePrefix string
@description('Azure region of the resources.')
param location string
@description('Tags every resource carries (azd-env-name, application).')
param tags { *: string }

@description('Email address that receives the alerts; empty: the alerts show in the portal only.')
param alertEmail string

@description('Resource id of the Log Analytics workspace.')
param workspaceId string
@description('Resource id of the Application Insights component.')
param applicationInsightsId string
@description('Resource id of the storage account.')
param storageAccountId string

@description('Poison queues to watch: the pipeline\'s (from storage-names.json) and the Functions host\'s own.')
param poisonQueues string[]

@description('Defender for Storage scans uploads: alert when a verdict is late.')
param malwareScanning bool

@description('The timer function that writes reports and sends the staff email.')
param closeoutFunctionName string

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'proposals'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

@description('The poison queues as a KQL list.')
var poisonQueueList = join(map(poisonQueues, q => '"${q}"'), ', ')

resource poisonArrived 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-poison-message'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Proposals: message moved to a poison queue'
    description: 'A queue or blob trigger gave up on a message after 5 tries and moved it to ${poisonQueueList}. See docs/operations.md, "Poison messages".'
    severity: 2
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // The table appears with the first queue write; do not fail the deployment before that.
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs\n| where OperationName == "PutMessage"\n| extend Queue = tostring(split(tostring(parse_url(Uri).Path), "/")[1])\n| where Queue in (${poisonQueueList})\n| project TimeGenerated, Queue, StatusText'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// Storage reports QueueMessageCount for the whole account, once an hour, not per queue. The classify
// queue empties in seconds, so messages still there hour after hour are poison messages waiting for
// an operator (they expire after 7 days).
resource messagesLinger 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-queue-messages-linger'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages have stayed in the storage account\'s queues for hours: poison messages not yet replayed or removed. See docs/operations.md, "Poison messages".'
    severity: 3
    enabled: true
    scopes: [
      '${storageAccountId}/queueServices/default'
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT6H'
    targetResourceType: 'Microsoft.Storage/storageAccounts/queueServices'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'messages-in-queues'
          metricNamespace: 'Microsoft.Storage/storageAccounts/queueServices'
          metricName: 'QueueMessageCount'
          timeAggregation: 'Average'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

resource closeoutFailing 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-closeout-failing'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Proposals: closeout failing'
    description: 'The ${closeoutFunctionName} timer failed more than twice in 15 minutes: a call past its deadline may be without its report or staff email. See docs/operations.md, "Failed closeouts".'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'union\n  (requests | where operation_Name == "${closeoutFunctionName}" and success == false | project operation_Id),\n  (exceptions | where operation_Name == "${closeoutFunctionName}" | project operation_Id)\n| distinct operation_Id'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 2
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// A submission whose documents have waited more than 5 minutes for Defender's verdict: each wait of the
// validate stage ends in a MalwareVerdictPendingException naming the blob, and the trigger tries again.
// The same blob failing over more than 5 minutes means scanning is slow, down, or past its monthly cap.
resource verdictLate 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (malwareScanning) {
  name: '${namePrefix}-malware-verdict-late'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Proposals: malware verdict late'
    description: 'A submission has waited more than 5 minutes for Defender for Storage\'s malware verdict: scanning is slow, down or past its monthly cap. See docs/operations.md, "When malware scanning is down".'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT1H'
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'exceptions\n| where type endswith "MalwareVerdictPendingException"\n| summarize first = min(timestamp), last = max(timestamp) by outerMessage\n| where last - first > 5m'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}
