using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Proposals.Pipeline;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Storage;

namespace Proposals.Testing;

/// <summary>
/// The pipeline's services as a host builds them, over a test's Azurite, with a fake clock and an
/// outbox folder of the test's own.
/// </summary>
public sealed class PipelineServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private PipelineServices(ServiceProvider provider, FakeTimeProvider clock, string outbox)
    {
        _provider = provider;
        Clock = clock;
        OutboxDirectory = outbox;
    }

    /// <summary>The tests' tracking-token secret: a test derives a submission's token with it.</summary>
    public const string TrackingTokenKey = "test-tracking-token-key-0123456789abcdef";

    public FakeTimeProvider Clock { get; }

    public string OutboxDirectory { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public string[] OutboxFiles() =>
        Directory.Exists(OutboxDirectory) ? Directory.GetFiles(OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).ToArray() : [];

    public static async Task<PipelineServices> StartAsync(
        AzuriteFixture azurite, DateTimeOffset now, IDictionary<string, string?> settings)
    {
        var outbox = Path.Combine(azurite.DataDirectory, "outbox-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = new ConfigurationBuilder()
            .AddCallFiles()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageRegistration.ConnectionSetting] = azurite.ConnectionString,
                ["Email:OutboxDirectory"] = outbox,
                ["TrackingTokens:Key"] = TrackingTokenKey,
                ["Email:MaxPerRecipientPerHour"] = "0", // the sample contact gets many emails; EmailLedgerTests set it
            })
            .AddInMemoryCollection(settings)
            .Build();
        var clock = new FakeTimeProvider(now);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(clock);
        services.AddProposalPipeline(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<PipelineStorage>().EnsureCreatedAsync(CancellationToken.None);
        return new PipelineServices(provider, clock, outbox);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>Submissions as they could reach storage without intake's document checks: another path, an older version.</summary>
public static class UncheckedArrivals
{
    /// <summary>
    /// Submits <paramref name="submission"/> with sound documents through intake, then puts its own documents in
    /// their place and marks <c>submission.json</c> as not checked at intake: what the examination stage must still catch.
    /// </summary>
    public static async Task<Pipeline.Intake.IntakeOutcome.Accepted> SubmitUncheckedAsync(this PipelineServices pipeline, Pipeline.Intake.IncomingSubmission submission)
    {
        var sound = submission with
        {
            Documents = Incoming.Submission(submission.CallId).Documents,
        };
        var accepted = (Pipeline.Intake.IntakeOutcome.Accepted)await pipeline.Get<Pipeline.Intake.IntakeStage>().SubmitAsync(sound, default);
        var store = pipeline.Get<Pipeline.Submissions.SubmissionStore>();
        var id = accepted.Receipt.SubmissionId;
        foreach (var (field, blob) in new[] { ("signedScan", StorageNames.SignedScanBlob), ("editableForm", StorageNames.EditableFormBlob) })
        {
            await using var content = submission.Documents[field].OpenReadStream();
            await pipeline.SubmissionBlob(submission.CallId, id, blob).UploadAsync(content, overwrite: true);
        }

        await store.WriteFieldsAsync((await store.ReadFieldsAsync(submission.CallId, id, default)) with { DocumentsCheckedAtIntake = false }, default);
        return accepted;
    }
}
