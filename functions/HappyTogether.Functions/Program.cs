using HappyTogether;
using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsTelemetry();
builder.Services.AddHappyTogether(builder.Configuration);
builder.Build().Run();
