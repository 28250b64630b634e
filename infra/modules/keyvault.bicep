// Key Vault in RBAC mode, holding the Twilio auth token, the number-hash key and the link-signing key that the app reads through Key Vault references.
param name string
param location string
param tags object

@secure()
param twilioAuthToken string

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

resource linkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-signing-key'
  properties: {
    value: linkSigningKey
  }
}

output name string = vault.name
output twilioAuthTokenSecretUri string = authToken.properties.secretUri
output numberHashKeySecretUri string = hashKey.properties.secretUri
output linkSigningKeySecretUri string = linkKey.properties.secretUri
