using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Proposals.Functions;
using Proposals.Functions.Http;
using Proposals.Pipeline.Calls;
using Proposals.Pipeline.Closeout;

namespace Proposals.Pipeline.Tests.Infrastructure;

/// <summary>The settings the Bicep gives the Function app: which calls it serves, where staff links point, secrets that must resolve.</summary>
public sealed class DeploymentSettingsTests
{
    private static ServiceProvider Pipeline(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddCallFiles()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Prepend(new("AzureWebJobsStorage", "UseDevelopmentStorage=true")))
            .Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddProposalPipeline(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Serves_every_call_file_when_no_call_is_named()
    {
        using var services = Pipeline();

        services.GetRequiredService<CallCatalog>().All.Select(c => c.Id).ShouldBe(["danang-2028", "demo", "haiphong-2024"], ignoreOrder: true);
    }

    [Fact]
    public void Serves_only_the_calls_the_deployment_names()
    {
        using var services = Pipeline(("Pipeline:ServedCalls:0", "haiphong-2024"));

        services.GetRequiredService<CallCatalog>().All.Select(c => c.Id).ShouldBe(["haiphong-2024"]);
        services.GetRequiredService<CallCatalog>().Find("demo").ShouldBeNull();
    }

    [Fact]
    public void Refuses_to_start_when_a_served_call_has_no_call_file()
    {
        using var services = Pipeline(("Pipeline:ServedCalls:0", "hai-phong-2042"));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<CallCatalogOptions>>().Value)
            .Message.ShouldContain("hai-phong-2042");
    }

    [Fact]
    public void Staff_report_link_opens_the_staff_console_on_the_call()
    {
        var options = new PipelineOptions { PublicBaseUrl = "https://func-abc.azurewebsites.net/" };

        CloseoutStage.StaffReportUrl(options, "haiphong-2024").ShouldBe("https://func-abc.azurewebsites.net/staff/?call=haiphong-2024");
    }

    [Fact]
    public void Refuses_to_start_when_a_Key_Vault_reference_was_not_resolved()
    {
        // What App Service hands the app when it cannot read the secret: the reference's own text.
        using var services = Pipeline(
            ("Email:SendGridApiKey", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/sendgrid-api-key/)"),
            ("TrackingTokens:Key", "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/tracking-token-key/)"));

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<KeyVaultReferencesResolved>>().Value);

        failure.Message.ShouldContain("Email:SendGridApiKey");
        failure.Message.ShouldContain("TrackingTokens:Key");
        failure.Message.ShouldContain("Key Vault Secrets User");
        failure.Message.ShouldNotContain("kv-x.vault.azure.net");
    }

    [Fact]
    public void Starts_when_every_setting_is_a_value()
    {
        using var services = Pipeline(("Email:SendGridApiKey", "SG.real-looking-key"));

        services.GetRequiredService<IOptions<KeyVaultReferencesResolved>>().Value.ShouldNotBeNull();
    }
}

/// <summary>The GitHub workflow tests with the very script CI runs, so the two cannot drift apart again.</summary>
public sealed class DeployWorkflowTests
{
    [Fact]
    public void The_test_job_runs_the_CI_script_and_the_deploy_job_waits_for_it()
    {
        var workflow = File.ReadAllText(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), ".github", "workflows", "deploy.yml"));
        var test = workflow[workflow.IndexOf("\n  test:", StringComparison.Ordinal)..workflow.IndexOf("\n  deploy:", StringComparison.Ordinal)];
        var deploy = workflow[workflow.IndexOf("\n  deploy:", StringComparison.Ordinal)..];

        test.ShouldContain("run: .ci/run");
        test.ShouldNotContain("dotnet test", customMessage: "tests run through .ci/run only");
        deploy.ShouldContain("needs: test");
    }
}
