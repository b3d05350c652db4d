using Microsoft.Extensions.Options;
using Proposals.Domain.Calls;
using Proposals.Functions.Http;
using Proposals.LocalHost.Azurite;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Inbound;

namespace Proposals.LocalHost;

/// <summary>What the local host prints once it listens: where the form, the keys, the outbox and the storage are.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, AzuriteProcess? azurite, string dataDirectory)
    {
        var url = app.Urls.FirstOrDefault() ?? LocalPipelineHost.DefaultUrl;
        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var staff = app.Services.GetRequiredService<IOptions<StaffOptions>>().Value;
        var calls = app.Services.GetRequiredService<CallCatalog>().All;
        Console.WriteLine();
        Console.WriteLine("Proposal pipeline is running on this machine.");
        Console.WriteLine($"  Form:       {url}/");
        Console.WriteLine($"  Staff:      {url}/staff/");
        Console.WriteLine($"  API:        {url}/api/calls/demo");
        Console.WriteLine($"  Staff key:  {staff.ApiKey}   (send as header x-staff-key; kept in {Path.Combine(dataDirectory, "staff-key.txt")})");
        foreach (var (agency, key) in staff.AgencyKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"              {key}   (agency {agency} only; {Path.Combine(dataDirectory, LocalPipelineHost.StaffKeysFolder, agency + ".txt")})");
        }

        Console.WriteLine($"              {staff.MinistryKey}   (Ministry: national view only; {Path.Combine(dataDirectory, LocalPipelineHost.StaffKeysFolder, StaffOptions.Ministry + ".txt")})");
        var inbound = app.Services.GetRequiredService<IOptions<InboundOptions>>().Value;
        Console.WriteLine($"  Inbound:    {url}/api/inbound/email with HTTP Basic, password {inbound.Secret}   (kept in {Path.Combine(dataDirectory, "inbound-secret.txt")}; docs/samples/inbound-email.sh)");
        foreach (var call in calls.Where(c => c.InboundAddress is not null))
        {
            Console.WriteLine($"              mail to {call.InboundAddress} becomes a submission of {call.Id}");
        }

        Console.WriteLine($"  Outbox:     {(email.UsesSendGrid ? "SendGrid (Email:SendGridApiKey is set)" : Path.GetFullPath(email.OutboxDirectory))}");
        Console.WriteLine($"  Storage:    {(azurite is null ? "as configured in AzureWebJobsStorage" : $"Azurite on 127.0.0.1:{azurite.Ports.Blob}-{azurite.Ports.Table}{(azurite.Owned ? $", data in {Path.Combine(dataDirectory, "azurite")}" : " (already running)")}")}");
        foreach (var call in calls)
        {
            Console.WriteLine($"  Call:       {call.Id}, deadline {VietnamTime.FormatVi(call.DeadlineInstant)}");
        }

        Console.WriteLine("Press Ctrl+C to stop (Azurite stops with it).");
        Console.WriteLine();
    }
}
