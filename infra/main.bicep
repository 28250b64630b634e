// HappyTogether on Azure: a Flex Consumption function app with identity-based storage, Key Vault
// for the Twilio auth token, the number-hash key and the link-signing key, and Application Insights. Deploy with `azd up`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags the resources.')
param environmentName string

@minLength(1)
@description('Azure region for all resources.')
param location string

@secure()
@minLength(32)
@description('Secret for the keyed hash that keeps opt-outs and sign-up limits without phone numbers; stored in Key Vault. Set it once (azd env set NUMBER_HASH_KEY $(openssl rand -hex 32)): changing it forgets every opt-out.')
param numberHashKey string

@secure()
@minLength(32)
@description('Secret that signs the links texts carry (the weekly recap\'s picture of the week); stored in Key Vault. azd env set LINK_SIGNING_KEY $(openssl rand -hex 32). Changing it only ends the links already sent.')
param linkSigningKey string

@description('Twilio account SID (AC...). Empty: texts go to the outbox table instead of Twilio.')
param twilioAccountSid string = ''

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

@description('Link in the weekly recap\'s gentle pointer to couples counselling.')
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

@description('How people reach you (an email address or web page, up to 50 characters); the HELP reply carries it, as carriers expect.')
param operatorContact string = ''

@description('Most texts one function instance sends per second: 1 fits a long code, 3 a verified toll-free number; more with a Messaging Service pool or short code.')
param sendRatePerSecond string = '1'

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

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

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: {
    name: 'kv-${token}'
    location: location
    tags: tags
    twilioAuthToken: twilioAuthToken
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
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  dependsOn: [roles]
  params: {
    name: 'func-${token}'
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
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output SMS_WEBHOOK_URL string = '${functionApp.outputs.url}/api/sms'
output SMS_STATUS_CALLBACK_URL string = '${functionApp.outputs.url}/api/sms/status'
