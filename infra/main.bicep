// HappyTogether on Azure: a Flex Consumption function app with identity-based storage, Key Vault
// for the Twilio auth token, the number-hash key and the link-signing key, and Application Insights; alerts, a workbook,
// a health availability test, diagnostic settings and a budget tell the operator how it runs. Deploy with `azd up`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags the resources.')
param environmentName string

// Regions with Flex Consumption, from the allow-list of Azure-Samples/functions-quickstart-dotnet-azd (infra/main.bicep;
// the Learn page "Flex Consumption plan hosting" only points to `az functionapp list-flexconsumption-locations`), less
// its canary region, plus westus3 (listed as a Flex region by the Flex team in hashicorp/terraform-provider-azurerm#28199).
// Run that command for the current list; add a region here when it appears there.
@minLength(1)
@description('Azure region for all resources; one where the Flex Consumption plan is offered.')
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
  'westus3'
])
@metadata({ azd: { type: 'location' } })
param location string

@minLength(3)
@description('Email address that alerts and budget warnings go to.')
param alertEmail string

@minValue(1)
@description('Monthly cost budget for the resource group, in the subscription\'s billing currency; a warning at 80% spent and at a 100% forecast. Twilio bills separately.')
param monthlyBudget int = 20

@description('Object id of whoever runs azd (azd sets AZURE_PRINCIPAL_ID): granted Key Vault Secrets User so the hooks and scripts/verify-deployment.sh can read the secrets. Empty: no grant.')
param operatorPrincipalId string = ''

@secure()
@minLength(32)
@description('Secret for the keyed hash that keeps opt-outs and sign-up limits without phone numbers; stored in Key Vault. The preprovision hook makes it once and keeps the vault\'s thereafter: changing it forgets every opt-out.')
param numberHashKey string

@secure()
@minLength(32)
@description('Secret that signs the links texts carry (the weekly recap\'s picture of the week); stored in Key Vault. Made once by the preprovision hook, like numberHashKey. Changing it only ends the links already sent.')
param linkSigningKey string

@description('Twilio account SID (AC...). Empty: texts go to the outbox table instead of Twilio.')
param twilioAccountSid string = ''

@description('Twilio API key SID (SK...), optional: with twilioApiKeySecret, REST calls use the API key instead of the auth token.')
param twilioApiKeySid string = ''

@secure()
@description('Twilio API key secret, optional; stored in Key Vault only when given.')
param twilioApiKeySecret string = ''

@secure()
@description('Twilio auth token; stored in Key Vault. Also checks webhook signatures.')
param twilioAuthToken string = ''

@description('Sending number in E.164, used when no Messaging Service is set.')
param twilioFromNumber string = ''

@description('Twilio Messaging Service SID (MG...), preferred over the From number.')
param twilioMessagingServiceSid string = ''

@description('Region for phone numbers written without a country code (ISO 3166).')
param defaultPhoneRegion string = 'US'

@description('IANA time zone for couples enrolled without one.')
param defaultTimeZone string = 'America/New_York'

// PublicBaseUrl is https:// and the app's default host name, func-<13-character token>.azurewebsites.net (the classic
// form: the template does not opt into the longer regional "unique default hostname"), so 44 characters; the app
// refuses to start when PublicBaseUrl and CareResourceUrl together pass RecapText.MaxLinkSettingsLength (107).
@maxLength(63)
@description('Link in the weekly recap\'s gentle pointer to couples counselling (up to 63 characters: with the app\'s 44-character URL it must fit 107).')
param careResourceUrl string = ''

@description('Crisis line named to partners outside the US and Canada (who get 988), e.g. Samaritans on 116 123.')
@maxLength(30)
param crisisLineElsewhere string = ''

@description('Domestic violence line named to partners outside the US (who get the National Domestic Violence Hotline).')
@maxLength(30)
param safetyLineElsewhere string = ''

@description('NCRONTAB (UTC) of the scheduler tick.')
param schedulerSchedule string = '0 */5 * * * *'

@description('NCRONTAB (UTC) of the daily sweep of unaccepted invitations and expired sign-up rows.')
param sweepSchedule string = '0 0 4 * * *'

@description('Countries (ISO 3166, comma-separated) whose mobile numbers may sign up by SMS; keep Twilio Geo Permissions to the same list.')
param signUpCountries string = 'US,CA'

@description('Most invitations SMS sign-ups may send in one UTC day.')
param invitationsPerDay string = '200'

@description('Most wrong pairing codes checked in one UTC hour across all numbers (docs/PARTNERS.md: pairing codes).')
param pairingTriesPerHour string = '100'

@description('Most reply segments a number outside any couple gets in one UTC day.')
param strangerSegmentsPerDay string = '10'

@description('Most notes kept per partner per night; past it a text is not stored and gets one short reply.')
param notesPerNight string = '20'

@maxLength(50)
@description('How people reach you (an email address or web page, up to 50 characters); the HELP reply carries it, as carriers expect.')
param operatorContact string = ''

@minValue(1)
@maxValue(2000)
@description('Most texts one function instance sends per second (SendRatePerSecond): 1 fits a long code, 3 a verified toll-free number; more with a Messaging Service pool or short code. At most twilioSenderMessagesPerSecond. All instances together may send maximumInstanceCount x this; Twilio queues what its sender cannot take at once.')
param sendRatePerSecond int = 1

@minValue(1)
@maxValue(2000)
@description('The Twilio sender\'s documented throughput in message segments per second: 1 for a US long code, 3 for a verified toll-free number, 100 for a short code, the sum for a Messaging Service pool.')
param twilioSenderMessagesPerSecond int = 1

// Flex Consumption accepts 40 to 1,000 (Learn, "Azure Functions Flex Consumption plan hosting", Considerations: "The
// lowest maximum scale is currently 40. The highest currently supported value is 1000.").
@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to. The aggregate send rate is at most maximumInstanceCount x sendRatePerSecond, which must stay within Twilio\'s 2,000 messages per second per account.')
param maximumInstanceCount int = 40

@minValue(45)
@maxValue(3650)
@description('Answers, notes and replies older than this many days are deleted by the daily sweep; at least 45, how far back the app reads (HappyTogetherOptions.MinRetentionDays).')
param retentionDays int = 90

@minValue(1)
@maxValue(30)
@description('A partner whose texts fail as unreachable this many days running is paused, and the other partner told once.')
param unreachableDays int = 3

@minValue(1)
@description('Webhook requests refused (403) in 15 minutes above which the webhook alert fires.')
param webhookRejectedAlertThreshold int = 10

@minValue(1)
@description('Texts failing as unreachable (30003 to 30006) in an hour above which the unreachable alert fires.')
param unreachableAlertThreshold int = 10

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${token}'
// What PublicBaseUrl will be (see careResourceUrl); the post-provision hook checks the real host name too.
var publicBaseUrl = 'https://${functionAppName}.azurewebsites.net'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: {
    name: 'id-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

// Limits that combine parameters; the function app waits for these checks (modules/limits.bicep).
module limits 'modules/limits.bicep' = {
  name: 'limits'
  scope: group
  params: {
    aggregateSendRatePerSecond: maximumInstanceCount * sendRatePerSecond
    // any(): the compiler rightly sees this can be negative; refusing that at deployment is the point.
    senderHeadroomPerSecond: any(twilioSenderMessagesPerSecond - sendRatePerSecond)
    publicBaseUrlLength: length(publicBaseUrl)
    linkSettingsLength: length(publicBaseUrl) + length(careResourceUrl)
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    twilioAuthToken: twilioAuthToken
    twilioApiKeySecret: twilioApiKeySecret
    createApiKeySecret: !empty(twilioApiKeySecret)
    numberHashKey: numberHashKey
    linkSigningKey: linkSigningKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: group
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
    operatorPrincipalId: operatorPrincipalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  dependsOn: [roles, limits]
  params: {
    name: functionAppName
    planName: 'plan-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}app-package'
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    twilioAuthTokenSecretUri: vault.outputs.twilioAuthTokenSecretUri
    twilioApiKeySid: twilioApiKeySid
    twilioApiKeySecretUri: vault.outputs.twilioApiKeySecretUri
    numberHashKeySecretUri: vault.outputs.numberHashKeySecretUri
    linkSigningKeySecretUri: vault.outputs.linkSigningKeySecretUri
    twilioAccountSid: twilioAccountSid
    twilioFromNumber: twilioFromNumber
    twilioMessagingServiceSid: twilioMessagingServiceSid
    defaultPhoneRegion: defaultPhoneRegion
    defaultTimeZone: defaultTimeZone
    careResourceUrl: careResourceUrl
    crisisLineElsewhere: crisisLineElsewhere
    safetyLineElsewhere: safetyLineElsewhere
    schedulerSchedule: schedulerSchedule
    sweepSchedule: sweepSchedule
    signUpCountries: signUpCountries
    invitationsPerDay: invitationsPerDay
    pairingTriesPerHour: pairingTriesPerHour
    strangerSegmentsPerDay: strangerSegmentsPerDay
    notesPerNight: notesPerNight
    operatorContact: operatorContact
    sendRatePerSecond: sendRatePerSecond
    maximumInstanceCount: maximumInstanceCount
    retentionDays: retentionDays
    unreachableDays: unreachableDays
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: group
  params: {
    prefix: token
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    functionAppHostName: functionApp.outputs.defaultHostName
    alertEmail: alertEmail
    webhookRejectedThreshold: webhookRejectedAlertThreshold
    unreachableThreshold: unreachableAlertThreshold
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: group
  params: {
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
  }
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: group
  params: {
    functionAppName: functionApp.outputs.name
    keyVaultName: vault.outputs.name
    workspaceId: monitoring.outputs.workspaceId
  }
}

module budget 'modules/budget.bicep' = {
  name: 'budget'
  scope: group
  params: {
    name: 'budget-${token}'
    amount: monthlyBudget
    alertEmail: alertEmail
    actionGroupId: alerts.outputs.actionGroupId
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output HEALTH_URL string = '${functionApp.outputs.url}/api/health'
output SMS_WEBHOOK_URL string = '${functionApp.outputs.url}/api/sms'
output SMS_STATUS_CALLBACK_URL string = '${functionApp.outputs.url}/api/sms/status'
