// A monthly cost budget on the resource group: Azure emails alertEmail at 80% of the amount actually spent and when the
// month's forecast passes it. It warns, it never stops anything. (Twilio is billed by Twilio, not here: see
// docs/OPERATORS.md for its usage triggers.)
param name string

@minValue(1)
@description('Monthly amount, in the billing currency of the subscription.')
param amount int

param alertEmail string
param actionGroupId string

@description('First day of the budget\'s first month; only a parameter because utcNow() is allowed only in a default.')
param startDate string = '${utcNow('yyyy-MM')}-01'

resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: name
  properties: {
    category: 'Cost'
    amount: amount
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: startDate
    }
    notifications: {
      actual80: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 80
        thresholdType: 'Actual'
        contactEmails: [alertEmail]
        contactGroups: [actionGroupId]
      }
      forecast100: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: [alertEmail]
        contactGroups: [actionGroupId]
      }
    }
  }
}

output name string = budget.name
