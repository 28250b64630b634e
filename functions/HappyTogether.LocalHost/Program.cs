using HappyTogether.LocalHost;
using HappyTogether.LocalHost.Hosting;
using HappyTogether.LocalHost.Operator;

// The local development host (see DevelopmentHost); production runs on Azure Functions.
if (args.FirstOrDefault() == TwilioWebhooksCommand.Name)
{
    var settings = new ConfigurationManager();
    LocalSettings.Add(settings, []);
    return await TwilioWebhooksCommand.RunAsync(args, settings, Console.Out);
}

WebApplication app;
try
{
    app = DevelopmentHost.Build(args);
}
catch (RefusedToStartException refused)
{
    await Console.Error.WriteLineAsync(refused.Message);
    return 1;
}
await DevelopmentHost.StartAsync(app);
await app.WaitForShutdownAsync();
return 0;
