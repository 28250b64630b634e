// Deploy-time checks that one parameter decorator cannot express, because they combine parameters. ARM checks a module's
// parameter limits when its deployment starts, and the function app module waits for this one, so a value out of range
// stops `azd provision` with the parameter's name before the app or its settings are created or changed. No resources.

@description('The most texts per second the whole app can hand to Twilio: maximumInstanceCount x SendRatePerSecond. Twilio refuses more than 2,000 messages per second per account (error 63017).')
@maxValue(2000)
param aggregateSendRatePerSecond int

@description('The Twilio sender\'s documented throughput less SendRatePerSecond: one instance alone never outruns the sender.')
@minValue(0)
param senderHeadroomPerSecond int

@description('Length of PublicBaseUrl (https:// and the app\'s default host name); RecapText.MaxBaseUrlLength in the app.')
@maxValue(80)
param publicBaseUrlLength int

@description('Length of PublicBaseUrl plus CareResourceUrl; RecapText.MaxLinkSettingsLength in the app, which refuses to start past it.')
@maxValue(107)
param linkSettingsLength int

output aggregateSendRatePerSecond int = aggregateSendRatePerSecond
output senderHeadroomPerSecond int = senderHeadroomPerSecond
output publicBaseUrlLength int = publicBaseUrlLength
output linkSettingsLength int = linkSettingsLength
