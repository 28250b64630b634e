// The operator's dashboard: a shared workbook over Application Insights (queries in infra/workbook.json, counts only).
param location string
param tags object
param applicationInsightsId string

// The workbook names its Application Insights resource, which only exists at deployment time.
var serialized = replace(loadTextContent('../workbook.json'), '__APPLICATION_INSIGHTS_ID__', applicationInsightsId)

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name must be a GUID; this one is stable per resource group, so a redeploy updates it.
  name: guid(resourceGroup().id, 'happytogether-operations')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'HappyTogether operations'
    category: 'workbook'
    sourceId: toLower(applicationInsightsId)
    serializedData: serialized
  }
}

output id string = workbook.id
