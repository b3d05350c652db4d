using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Proposals.Domain.Documents;
using Proposals.Domain.Validation;
using Proposals.Pipeline.Calls;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests;

/// <summary>
/// The server's side of the shared table (tests/cases/field-rules.json); the browser's side runs the same
/// table through web/rules.js in Chromium (Proposals.Web.Tests). Between them, neither can change alone.
/// </summary>
public sealed class FieldRulesTableTests
{
    private static readonly Lazy<CallCatalog> Calls = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddCallFiles()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddProposalPipeline(configuration)
            .BuildServiceProvider().GetRequiredService<CallCatalog>();
    });

    public static TheoryData<string> FieldCaseNames() => [.. FieldRulesTable.FieldCases.Select(FieldRulesTable.Name)];

    public static TheoryData<string> DocumentCaseNames() => [.. FieldRulesTable.DocumentCases.Select(FieldRulesTable.Name)];

    [Theory]
    [MemberData(nameof(FieldCaseNames))]
    public void The_server_answers_each_field_case_as_the_table_says(string name)
    {
        var testCase = FieldRulesTable.FieldCases.Single(c => FieldRulesTable.Name(c) == name);
        var call = Calls.Value.Find(FieldRulesTable.CallId)!;

        var errors = ProposalValidator.Validate(FieldRulesTable.Fields(testCase), call, Calls.Value.FormFor(call), Calls.Value.ReferenceFor(call)).Errors;

        errors.ShouldBe(FieldRulesTable.Expected(testCase), $"the server answered {FieldRulesTable.Describe(errors)}");
    }

    [Theory]
    [MemberData(nameof(DocumentCaseNames))]
    public void The_server_answers_each_document_case_as_the_table_says(string name)
    {
        var testCase = FieldRulesTable.DocumentCases.Single(c => FieldRulesTable.Name(c) == name);

        var (_, error) = DocumentRules.Check(testCase.GetProperty("field").GetString()!, testCase.GetProperty("fileName").GetString(),
            testCase.GetProperty("size").GetInt64(), testCase.GetProperty("maxBytes").GetInt64());

        IReadOnlyList<FieldError> errors = error is null ? [] : [error];
        errors.ShouldBe(FieldRulesTable.Expected(testCase), $"the server answered {FieldRulesTable.Describe(errors)}");
    }
}
