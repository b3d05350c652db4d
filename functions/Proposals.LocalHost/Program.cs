using Proposals.LocalHost;
using Proposals.LocalHost.Azurite;

// The whole pipeline on one machine: `dotnet run --project functions/Proposals.LocalHost`.
var root = RepositoryRoot.Find();
if (args is [ProcessingRecordCommand.Name, ..])
{
    return await ProcessingRecordCommand.RunAsync(root, args); // writes the record of processing activities and exits
}

await using var storage = await LocalStorage.StartAsync(root, args); // Azurite, unless AzureWebJobsStorage names other storage

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = root });
builder.AddLocalHost(root, storage.DataDirectory, storage.ConnectionString);

var app = builder.Build();
app.MapLocalHost(root);
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, storage.Azurite, storage.DataDirectory));
await app.RunAsync();
return 0;
