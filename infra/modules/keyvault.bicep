// Key Vault in RBAC mode, holding the Twilio auth token and the number-hash key that the app reads through a Key Vault reference.
param name string
param location string
param tags object

@secure()
param twilioAuthToken string

@secure()
param numberHashKey string

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
  }
}

resource authToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'twilio-auth-token'
  properties: {
    value: twilioAuthToken
  }
}

resource hashKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'number-hash-key'
  properties: {
    value: numberHashKey
  }
}

output name string = vault.name
output twilioAuthTokenSecretUri string = authToken.properties.secretUri
output numberHashKeySecretUri string = hashKey.properties.secretUri
