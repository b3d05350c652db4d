using Xunit.Abstractions;

namespace Proposals.Web.Tests;

/// <summary>
/// Every page, opened in Chromium from the local host, loads every module it needs (the closure of its imports,
/// <see cref="WebModuleTests"/>) as JavaScript (a module script needs a JavaScript MIME type, and the app sends
/// <c>nosniff</c>), without a script error and without a policy violation.
/// </summary>
public sealed class PageModuleTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("index.html", "/?call={call}", "#proposal")]
    [InlineData("status.html", "/status.html#submission=x&token=y", "#status dl, #status")]
    [InlineData("privacy.html", "/privacy.html?call=demo", "#privacy-notice h1")]
    [InlineData("staff/index.html", "/staff/?call={call}", "#staff-key")]
    public async Task The_page_loads_every_module_it_imports_as_JavaScript_without_an_error(string file, string address, string ready)
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var scripts = new Dictionary<string, (int Status, string? Type)>(StringComparer.Ordinal);
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                lock (scripts)
                {
                    scripts[path.TrimStart('/')] = (response.Status, response.Headers.GetValueOrDefault("content-type"));
                }
            }
        };

        await page.GotoAsync(address.Replace("{call}", browser.CallId, StringComparison.Ordinal));
        await page.Locator(ready).First.WaitForAsync(); // drawn by the page's modules: all of them were fetched before any ran

        var expected = WebModuleTests.LoadedBy(file);
        lock (scripts)
        {
            foreach (var (path, (status, type)) in scripts.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"{status} {type} /{path}");
            }

            scripts.Keys.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal), $"{address} fetches exactly its scripts and their imports");
            scripts.Where(s => s.Value.Status != 200 || s.Value.Type is null || !s.Value.Type.StartsWith("text/javascript", StringComparison.Ordinal))
                .Select(s => $"/{s.Key}: {s.Value.Status} {s.Value.Type}").ShouldBeEmpty();
        }

        errors.ShouldBeEmpty();
        (await browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }
}
