using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Proposals.Domain.Submissions;
using Proposals.Functions;
using Proposals.Functions.Http;
using Proposals.LocalHost.Azurite;
using Proposals.Pipeline;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Classify;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;
using Proposals.Pipeline.Examine;
using Proposals.Testing;
using Xunit.Abstractions;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Azurite stopped under the intake function: 503 ProblemDetails with Retry-After within seconds (the
/// storage clients' retries are short), and once it is back on the same ports and data a new submission
/// goes through validation and classification. An Azurite of its own, so stopping it hurts no other test.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "proposals-outage-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _callId = TestCalls.NewId();
    private readonly AzuritePorts _ports = AzuriteProcess.FreePorts();
    private AzuriteProcess? _azurite;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _azurite = await StartAzuriteAsync();
        var configuration = new ConfigurationBuilder()
            .AddCallFiles()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageRegistration.ConnectionSetting] = _azurite.ConnectionString,
                ["Email:OutboxDirectory"] = Path.Combine(_dataDirectory, "outbox"),
                ["Staff:ApiKey"] = RunningLocalHost.StaffKey,
                ["TrackingTokens:Key"] = PipelineServices.TrackingTokenKey,
            })
            .AddInMemoryCollection(TestCalls.Settings(_callId, DateTimeOffset.UtcNow.AddDays(30)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddMvcCore();
        services.AddProposalPipeline(configuration);
        services.AddProposalHttp();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<PipelineStorage>().EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is not worth failing a test run for.
        }
    }

    [Fact]
    public async Task With_storage_down_intake_answers_503_with_retry_after_within_seconds_and_work_resumes_when_it_returns()
    {
        await _azurite!.DisposeAsync();
        _azurite = null;

        var timer = Stopwatch.StartNew();
        var (refused, retryAfter) = await PostAsync();
        timer.Stop();
        output.WriteLine($"storage down: intake answered {refused.StatusCode} in {timer.ElapsedMilliseconds} ms, Retry-After {retryAfter}");
        refused.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        refused.Value.ShouldBeOfType<ProblemDetails>().Type!.ShouldEndWith("/problems/storage-unavailable");
        retryAfter.ShouldNotBeNullOrEmpty();
        timer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));

        _azurite = await StartAzuriteAsync();
        var (accepted, _) = await PostAsync();
        accepted.StatusCode.ShouldBe(StatusCodes.Status202Accepted);
        var receipt = System.Text.Json.JsonSerializer.SerializeToElement(accepted.Value);
        var submissionId = receipt.GetProperty("submissionId").GetString()!;

        await _services.GetRequiredService<ExaminationStage>().ExamineAsync(_callId, submissionId, default);
        await _services.GetRequiredService<ClassificationStage>().ClassifyAsync(new(_callId, submissionId), default);
        var record = await _services.GetRequiredService<SubmissionStore>().FindAsync(_callId, submissionId, default);
        record.ShouldNotBeNull().Status.ShouldBe(SubmissionStatus.Classified);
        output.WriteLine($"storage back: {receipt.GetProperty("receiptNumber").GetString()} accepted and classified");
    }

    private async Task<(ObjectResult Result, string? RetryAfter)> PostAsync()
    {
        using var content = SampleProposal.Multipart();
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "POST";
        context.Request.ContentType = content.Headers.ContentType!.ToString();
        context.Request.Body = new MemoryStream(await content.ReadAsByteArrayAsync());
        var result = await _services.GetRequiredService<SubmitProposal>().Run(context.Request, _callId, CancellationToken.None);
        return (result.ShouldBeAssignableTo<ObjectResult>()!, context.Response.Headers.RetryAfter.ToString());
    }

    /// <summary>On the same ports and data folder each time, as a restarted emulator would be.</summary>
    private Task<AzuriteProcess> StartAzuriteAsync() =>
        AzuriteProcess.EnsureRunningAsync(RepositoryRoot.Find(), Path.Combine(_dataDirectory, "azurite"), _ports, NullLogger.Instance);
}
