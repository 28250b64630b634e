// Key Vault in RBAC mode, holding the Twilio auth token (and API key secret, when given), the number-hash key and the
// link-signing key that the app reads through Key Vault references.
param name string
param location string
param tags object

@secure()
param twilioAuthToken string

@secure()
@description('Optional Twilio API key secret (with createApiKeySecret).')
param twilioApiKeySecret string = ''

@description('Whether a Twilio API key secret was given; the secret exists only then. (A flag, so no output reads the secure value.)')
param createApiKeySecret bool = false

@secure()
param numberHashKey string

@secure()
param linkSigningKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // The number-hash key is what remembers opt-outs: a deleted vault must come back (az keyvault recover),
    // never be purged by accident. Once on, purge protection cannot be turned off.
    enablePurgeProtection: true
  }
}

resource authToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'twilio-auth-token'
  properties: {
    value: twilioAuthToken
  }
}

resource apiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (createApiKeySecret) {
  parent: vault
  name: 'twilio-api-key-secret'
  properties: {
    value: twilioApiKeySecret
  }
}

resource hashKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'number-hash-key'
  properties: {
    value: numberHashKey
  }
}

resource linkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-signing-key'
  properties: {
    value: linkSigningKey
  }
}

output name string = vault.name
output id string = vault.id
output twilioAuthTokenSecretUri string = authToken.properties.secretUri
// Empty when no API key secret was given: the app then uses the auth token for REST calls.
output twilioApiKeySecretUri string = createApiKeySecret ? apiKeySecret!.properties.secretUri : ''
output numberHashKeySecretUri string = hashKey.properties.secretUri
output linkSigningKeySecretUri string = linkKey.properties.secretUri
