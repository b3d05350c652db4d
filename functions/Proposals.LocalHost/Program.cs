using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Functions.Http;
using Proposals.LocalHost;
using Proposals.LocalHost.Azurite;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Storage;

// The whole pipeline on one machine: `dotnet run --project functions/Proposals.LocalHost`.
var root = RepositoryRoot.Find();
var startup = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var dataDirectory = Path.GetFullPath(startup["LocalHost:DataDirectory"] ?? Path.Combine(root, ".data"));
using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
var logger = loggerFactory.CreateLogger("LocalHost");

// Azurite unless the configuration names other storage (e.g. a real account).
AzuriteProcess? azurite = null;
var storage = startup[StorageRegistration.ConnectionSetting];
if (string.IsNullOrEmpty(storage))
{
    azurite = await AzuriteProcess.EnsureRunningAsync(root, Path.Combine(dataDirectory, "azurite"), AzuritePorts.Default, logger);
    storage = azurite.ConnectionString;
}

try
{
    var app = LocalPipelineHost.Build(args, root, dataDirectory, storage);
    app.Lifetime.ApplicationStarted.Register(() => PrintWhereThingsAre(app, azurite, dataDirectory));
    await app.RunAsync();
}
finally
{
    if (azurite is not null)
    {
        await azurite.DisposeAsync();
    }
}

static void PrintWhereThingsAre(WebApplication app, AzuriteProcess? azurite, string dataDirectory)
{
    var url = app.Urls.FirstOrDefault() ?? LocalPipelineHost.DefaultUrl;
    var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
    var staff = app.Services.GetRequiredService<IOptions<StaffOptions>>().Value;
    var calls = app.Services.GetRequiredService<CallCatalog>().All;
    Console.WriteLine();
    Console.WriteLine("Proposal pipeline is running on this machine.");
    Console.WriteLine($"  Form:       {url}/");
    Console.WriteLine($"  API:        {url}/api/calls/demo");
    Console.WriteLine($"  Staff key:  {staff.ApiKey}   (send as header x-staff-key; kept in {Path.Combine(dataDirectory, "staff-key.txt")})");
    Console.WriteLine($"  Outbox:     {(email.UsesSendGrid ? "SendGrid (Email:SendGridApiKey is set)" : Path.GetFullPath(email.OutboxDirectory))}");
    Console.WriteLine($"  Storage:    {(azurite is null ? "as configured in AzureWebJobsStorage" : $"Azurite on 127.0.0.1:{azurite.Ports.Blob}-{azurite.Ports.Table}{(azurite.Owned ? $", data in {Path.Combine(dataDirectory, "azurite")}" : " (already running)")}")}");
    foreach (var call in calls)
    {
        Console.WriteLine($"  Call:       {call.Id}, deadline {VietnamTime.FormatVi(call.DeadlineInstant)}");
    }

    Console.WriteLine("Press Ctrl+C to stop (Azurite stops with it).");
    Console.WriteLine();
}
