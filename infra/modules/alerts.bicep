// Who is told what: one action group (email), log alerts on the app's operational metrics and the host's function
// executions, and a standard availability test on /api/health with its own alert. The metrics are pre-aggregated per
// minute by the app (TelemetryClient.GetMetric) and the host excludes `requests` from sampling, so no event these
// alerts count is sampled away. Names of metrics and dimensions: docs/OPERATORS.md, "Alerts".
param prefix string
param location string
param tags object
param applicationInsightsId string
param functionAppHostName string

@description('Where alerts and the budget warnings go.')
param alertEmail string

@description('Webhook requests refused (403) in 15 minutes above which someone is told: a few are scanners; many mean the auth token or the public URL changed.')
param webhookRejectedThreshold int

@description('Texts failing as unreachable (30003 to 30006) in one hour above which someone is told.')
param unreachableThreshold int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${prefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'happytogethr'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each rule: KQL over the Application Insights resource, how its rows are aggregated over the window, and when it fires.
// Count without a measure column counts rows, so a query that finds nothing counts 0 (the heartbeat relies on that).
var rules = [
  {
    name: 'scheduler-heartbeat'
    severity: 1
    description: 'The scheduler has not finished a tick in 15 minutes: no couple is getting texts.'
    query: 'customMetrics\n| where name == "scheduler.ticks"\n| project timestamp, Ticks = valueSum'
    timeAggregation: 'Count'
    metricMeasureColumn: null
    dimensions: []
    operator: 'LessThan'
    threshold: 1
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'poison-queue'
    severity: 2
    description: 'Outbound jobs are in the poison queue (GET /api/outbound/poison lists them).'
    query: 'customMetrics\n| where name == "outbound.poisoned"\n| project timestamp, Poisoned = valueMax'
    timeAggregation: 'Maximum'
    metricMeasureColumn: 'Poisoned'
    dimensions: []
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'failed-executions'
    severity: 2
    description: 'A function execution failed (one alert per function).'
    query: 'requests\n| where success == false\n| project timestamp, operation_Name'
    timeAggregation: 'Count'
    metricMeasureColumn: null
    dimensions: [{ name: 'operation_Name', operator: 'Include', values: ['*'] }]
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'texts-filtered-or-unregistered'
    severity: 2
    description: 'Carriers filtered texts (30007) or the sender is not registered (30032, 30034 and kin): check A2P 10DLC or toll-free verification.'
    query: 'customMetrics\n| where name == "texts.errors"\n| extend ErrorClass = tostring(customDimensions["class"]), ErrorCode = tostring(customDimensions["code"])\n| where ErrorClass in ("filtered", "unregistered")\n| project timestamp, ErrorClass, ErrorCode, Errors = valueSum'
    timeAggregation: 'Total'
    metricMeasureColumn: 'Errors'
    dimensions: [
      { name: 'ErrorClass', operator: 'Include', values: ['*'] }
      { name: 'ErrorCode', operator: 'Include', values: ['*'] }
    ]
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
  }
  {
    name: 'texts-unreachable'
    severity: 3
    description: 'Many texts failed as unreachable (30003 to 30006) in an hour: a carrier outage, or numbers gone dead.'
    query: 'customMetrics\n| where name == "texts.errors"\n| where tostring(customDimensions["class"]) == "unreachable"\n| project timestamp, Errors = valueSum'
    timeAggregation: 'Total'
    metricMeasureColumn: 'Errors'
    dimensions: []
    operator: 'GreaterThan'
    threshold: unreachableThreshold
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
  }
  {
    name: 'webhook-rejections'
    severity: 2
    description: 'Many webhook requests were refused (403, bad signature): was the Twilio auth token rotated, or the app\'s URL changed?'
    query: 'customMetrics\n| where name == "webhook.rejected"\n| project timestamp, Rejected = valueSum'
    timeAggregation: 'Total'
    metricMeasureColumn: 'Rejected'
    dimensions: []
    operator: 'GreaterThan'
    threshold: webhookRejectedThreshold
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
  }
  {
    name: 'signup-limit'
    severity: 3
    description: 'The daily invitation cap or the hourly pairing-code budget refused something: growth, or someone probing.'
    query: 'customMetrics\n| where name == "signup.limit"\n| extend Limit = tostring(customDimensions["limit"])\n| project timestamp, Limit, Refused = valueSum'
    timeAggregation: 'Total'
    metricMeasureColumn: 'Refused'
    dimensions: [{ name: 'Limit', operator: 'Include', values: ['*'] }]
    operator: 'GreaterThan'
    threshold: 0
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in rules: {
  name: '${prefix}-${rule.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'HappyTogether: ${rule.name}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: rule.evaluationFrequency
    windowSize: rule.windowSize
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: rule.timeAggregation
          metricMeasureColumn: rule.metricMeasureColumn
          dimensions: rule.dimensions
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}]

// A standard test from five regions every 5 minutes: /api/health answers 200 only when storage is reachable, every
// secret setting resolved, and the scheduler ticked recently.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${prefix}-health'
  location: location
  // The hidden-link tag is how the portal shows the test under its Application Insights resource.
  tags: union(tags, { 'hidden-link:${applicationInsightsId}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${prefix}-health'
    Name: 'HappyTogether /api/health'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'us-va-ash-azr' }
      { Id: 'us-ca-sjc-azr' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-gb-db3-azr' }
      { Id: 'apac-sg-sin-azr' }
    ]
    Request: {
      RequestUrl: 'https://${functionAppHostName}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

// Two of five locations failing at once, not one: a single location's network blip should not wake anyone.
resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${prefix}-health-availability'
  location: 'global'
  tags: tags
  properties: {
    description: '/api/health did not answer 200 from two or more test locations.'
    severity: 1
    enabled: true
    scopes: [healthTest.id, applicationInsightsId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    actions: [
      { actionGroupId: actionGroup.id }
    ]
  }
}

output actionGroupId string = actionGroup.id
output healthTestName string = healthTest.name
