// The function app on a Flex Consumption plan: .NET 10 isolated, HTTPS only, TLS 1.2+, FTP off,
// and every setting the app reads. Storage, Key Vault and telemetry use the user-assigned identity.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param deploymentContainerUrl string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param applicationInsightsConnectionString string
param twilioAuthTokenSecretUri string
param numberHashKeySecretUri string
param linkSigningKeySecretUri string
param twilioAccountSid string
param twilioFromNumber string
param twilioMessagingServiceSid string
param defaultPhoneRegion string
param defaultTimeZone string
param careResourceUrl string
param crisisLineElsewhere string
param safetyLineElsewhere string
param schedulerSchedule string
param sweepSchedule string
param signUpCountries string
param invitationsPerDay string
param pairingTriesPerHour string
param strangerSegmentsPerDay string
param notesPerNight string
param operatorContact string
param sendRatePerSecond int

@minValue(40)
@maxValue(1000)
@description('Most instances the app scales out to (Flex Consumption: 40 to 1000). Each sending instance paces itself at sendRatePerSecond.')
param maximumInstanceCount int

param retentionDays int
param unreachableDays int
param twilioApiKeySid string

@description('Key Vault secret URI of the Twilio API key secret; empty when none was given.')
param twilioApiKeySecretUri string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
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

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing with basic credentials: deployments go through Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// Settings live in their own resource so PublicBaseUrl can use the app's own host name.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // Identity-based storage: the Functions host and the app's own Table and Queue clients.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    SchedulerSchedule: schedulerSchedule
    SweepSchedule: sweepSchedule
    OutboundQueue: 'outbound'
    TablePrefix: ''
    SendRetryDelay: '00:00:01'
    SendRatePerSecond: string(sendRatePerSecond)
    PublicBaseUrl: 'https://${app.properties.defaultHostName}'
    DefaultPhoneRegion: defaultPhoneRegion
    DefaultTimeZone: defaultTimeZone
    CareResourceUrl: careResourceUrl
    CrisisLineElsewhere: crisisLineElsewhere
    SafetyLineElsewhere: safetyLineElsewhere
    TwilioAccountSid: twilioAccountSid
    TwilioAuthToken: '@Microsoft.KeyVault(SecretUri=${twilioAuthTokenSecretUri})'
    TwilioFromNumber: twilioFromNumber
    TwilioMessagingServiceSid: twilioMessagingServiceSid
    // REST calls use the API key when both are set; the auth token above still checks webhook signatures.
    TwilioApiKeySid: twilioApiKeySid
    TwilioApiKeySecret: empty(twilioApiKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${twilioApiKeySecretUri})'
    NumberHashKey: '@Microsoft.KeyVault(SecretUri=${numberHashKeySecretUri})'
    LinkSigningKey: '@Microsoft.KeyVault(SecretUri=${linkSigningKeySecretUri})'
    SignUpCountries: signUpCountries
    InvitationsPerDay: invitationsPerDay
    PairingTriesPerHour: pairingTriesPerHour
    StrangerSegmentsPerDay: strangerSegmentsPerDay
    NotesPerNight: notesPerNight
    OperatorContact: operatorContact
    RetentionDays: string(retentionDays)
    UnreachableDays: string(unreachableDays)
  }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
output url string = 'https://${app.properties.defaultHostName}'
