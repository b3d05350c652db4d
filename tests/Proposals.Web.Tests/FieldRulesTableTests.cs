using System.Text.Json;
using Proposals.Domain.Validation;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// The browser's side of the shared table (tests/cases/field-rules.json): web/rules.js (and rules/), imported by the form
/// page in Chromium, with the call's form definition as the API serves it. The server's side is
/// Proposals.Pipeline.Tests/FieldRulesTableTests.
/// </summary>
public sealed class FieldRulesTableTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_browser_answers_every_case_of_the_table_as_the_server_does()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/?call={FieldRulesTable.CallId}");
        await page.Locator("#proposal").WaitForAsync();
        var fieldCases = FieldRulesTable.FieldCases.Where(FieldRulesTable.RunsInBrowser).ToList();
        var documentCases = FieldRulesTable.DocumentCases.ToList();

        var answers = await page.EvaluateAsync<JsonElement>(@"async ([callId, fieldCasesJson, documentCasesJson]) => {
            const fieldCases = JSON.parse(fieldCasesJson);
            const documentCases = JSON.parse(documentCasesJson);
            const { ProposalRules } = await import('/rules.js'); // the module the form imports, as the page loaded it
            const call = await (await fetch('/api/calls/' + encodeURIComponent(callId))).json();
            return {
              fields: fieldCases.map((values) => ProposalRules.fieldErrors(call.form, call, values)),
              documents: documentCases.map((c) => {
                const problem = ProposalRules.documentError(c.field, c.fileName === null ? undefined : { name: c.fileName, size: c.size }, { maxDocumentBytes: c.maxBytes });
                return problem ? [problem] : [];
              }),
            };
          }", new object[]
        {
            FieldRulesTable.CallId,
            JsonSerializer.Serialize(fieldCases.Select(FieldRulesTable.Fields)),
            "[" + string.Join(',', documentCases.Select(c => c.GetRawText())) + "]",
        });

        var mismatches = new List<string>();
        void Compare(string name, JsonElement answered, IReadOnlyList<FieldError> expected)
        {
            var errors = answered.EnumerateArray()
                .Select(e => new FieldError(e.GetProperty("field").GetString()!, e.GetProperty("vi").GetString()!, e.GetProperty("en").GetString()!)).ToList();
            if (!errors.SequenceEqual(expected))
            {
                mismatches.Add($"{name}: the browser answered {FieldRulesTable.Describe(errors)}, the table says {FieldRulesTable.Describe(expected)}");
            }
        }

        for (var i = 0; i < fieldCases.Count; i++)
        {
            Compare(FieldRulesTable.Name(fieldCases[i]), answers.GetProperty("fields")[i], FieldRulesTable.Expected(fieldCases[i]));
        }

        for (var i = 0; i < documentCases.Count; i++)
        {
            Compare(FieldRulesTable.Name(documentCases[i]), answers.GetProperty("documents")[i], FieldRulesTable.Expected(documentCases[i]));
        }

        mismatches.ShouldBeEmpty();
        (fieldCases.Count + documentCases.Count).ShouldBeGreaterThan(30);
    }
}
