using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Proposals.Functions;
using Proposals.Functions.Http;
using Proposals.Pipeline;
using Proposals.Pipeline.Calls;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<SecurityHeadersMiddleware>();

builder.Configuration.AddCallFiles(builder.Configuration[CallFilesConfiguration.DirectorySetting]);
builder.Services.AddProposalPipeline(builder.Configuration);
builder.Services.AddProposalHttp();
builder.Services.AddProposalTelemetry();

builder.Build().Run();
