using System.Text.RegularExpressions;
using Proposals.LocalHost;
using Xunit.Abstractions;

namespace Proposals.Web.Tests;

/// <summary>
/// The pages' scripts are ES modules served as they are (no build step, no bundler), under the policy both hosts
/// send (<c>script-src 'self'</c>): each small enough to read in one sitting, each import a file of <c>web/</c>, and
/// the things several pages share written once (the staff request's headers, the language choice, the words).
/// </summary>
public sealed partial class WebModuleTests(ITestOutputHelper output)
{
    public const int MaxLines = 250;

    public static string WebRoot { get; } = Path.Combine(RepositoryRoot.Find(), "web");

    /// <summary>Every script under web/, by its path from there ("staff/list.js").</summary>
    public static IReadOnlyList<string> Scripts() =>
        [.. Directory.EnumerateFiles(WebRoot, "*.js", SearchOption.AllDirectories).Select(Relative).Order(StringComparer.Ordinal)];

    /// <summary>What a module imports, as paths from web/ (the specifiers as written are checked separately).</summary>
    public static IEnumerable<string> Imports(string module) =>
        Specifiers(module).Select(s => Relative(Path.GetFullPath(Path.Combine(WebRoot, Path.GetDirectoryName(module)!, s))));

    /// <summary>A page's scripts and every module they import, transitively, as paths from web/.</summary>
    public static IReadOnlySet<string> LoadedBy(string page)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(PageScripts(page).Select(s => s.Path));
        while (pending.TryPop(out var script))
        {
            if (seen.Add(script) && File.Exists(Path.Combine(WebRoot, script)))
            {
                foreach (var imported in Imports(script))
                {
                    pending.Push(imported);
                }
            }
        }

        return seen;
    }

    public static IReadOnlyList<string> Pages() =>
        [.. Directory.EnumerateFiles(WebRoot, "*.html", SearchOption.AllDirectories).Select(Relative).Order(StringComparer.Ordinal)];

    [Fact]
    public void No_module_in_web_is_over_250_lines()
    {
        var sizes = Scripts().Select(s => (Script: s, Lines: File.ReadAllLines(Path.Combine(WebRoot, s)).Length)).ToList();
        foreach (var (script, lines) in sizes.OrderByDescending(s => s.Lines))
        {
            output.WriteLine($"{lines,5}  web/{script}");
        }

        sizes.Count.ShouldBeGreaterThan(20, "the console, the form and the shared parts are modules");
        sizes.Where(s => s.Lines > MaxLines).Select(s => $"web/{s.Script}: {s.Lines} lines").ShouldBeEmpty($"split a module before it passes {MaxLines} lines");
    }

    [Fact]
    public void Every_script_a_page_loads_is_a_module_file_of_its_own_origin()
    {
        foreach (var page in Pages())
        {
            var html = File.ReadAllText(Path.Combine(WebRoot, page));
            ScriptTag().Count(html).ShouldBe(PageScripts(page).Count, $"web/{page}: every <script> names a file (no inline script: the policy forbids it)");
            foreach (var (path, attributes, source) in PageScripts(page))
            {
                output.WriteLine($"web/{page}: <script {attributes.Trim()}>");
                source.ShouldNotContain("//", customMessage: $"web/{page}: {source} is the app's own file, never another origin's");
                source.ShouldNotContain(":", customMessage: $"web/{page}: {source} has no scheme");
                File.Exists(Path.Combine(WebRoot, path)).ShouldBeTrue($"web/{page} loads {source}");
                attributes.ShouldContain("type=\"module\"", customMessage: $"web/{page}: {source}");
            }
        }
    }

    [Fact]
    public void Every_import_is_a_relative_file_of_web_and_every_script_is_used()
    {
        var used = Pages().SelectMany(LoadedBy).ToHashSet(StringComparer.Ordinal);
        foreach (var module in Scripts())
        {
            foreach (var specifier in Specifiers(module))
            {
                (specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal))
                    .ShouldBeTrue($"web/{module} imports \"{specifier}\": a relative address (no bare name: there is no bundler to resolve it)");
                specifier.ShouldEndWith(".js", customMessage: $"web/{module} imports \"{specifier}\"");
            }

            foreach (var imported in Imports(module))
            {
                imported.ShouldNotStartWith("..", customMessage: $"web/{module} imports a file outside web/");
                File.Exists(Path.Combine(WebRoot, imported)).ShouldBeTrue($"web/{module} imports web/{imported}");
            }

            used.ShouldContain(module, $"web/{module} is loaded by a page or imported by a module");
        }
    }

    [Fact]
    public void The_staff_headers_the_staff_key_and_the_language_choice_are_each_written_in_one_module()
    {
        Where("X-Requested-With").ShouldBe(["shared/api.js"], "the headers the server's CSRF check requires are written once");
        Where("x-staff-key").ShouldBe(["shared/api.js"], "one place sends the staff key");
        Where("Item(\"staff-key\"").ShouldBeEmpty("one place keeps the staff key (this tab's sessionStorage): shared/api.js, through its name");
        Where("proposal-language").ShouldBe(["strings/language.js"]);
        Where("fetch(").ShouldBe(["shared/api.js"], "every request goes through the API client (the form's upload, for its progress, is an XMLHttpRequest)");
        Scripts().Where(s => !s.StartsWith("strings/", StringComparison.Ordinal) && Source(s).Contains("vi: {", StringComparison.Ordinal))
            .ShouldBeEmpty("the pages' words are tables in web/strings/");
    }

    private static IReadOnlyList<string> Where(string text) => [.. Scripts().Where(s => Source(s).Contains(text, StringComparison.Ordinal))];

    private static string Source(string script) => File.ReadAllText(Path.Combine(WebRoot, script));

    private static IEnumerable<string> Specifiers(string module) =>
        ImportStatement().Matches(Source(module)).Select(m => m.Groups["specifier"].Value);

    private static IReadOnlyList<(string Path, string Attributes, string Source)> PageScripts(string page)
    {
        var html = File.ReadAllText(Path.Combine(WebRoot, page));
        return [.. ScriptWithSource().Matches(html).Select(m => (
            Relative(Path.GetFullPath(Path.Combine(WebRoot, Path.GetDirectoryName(page)!, m.Groups["src"].Value))),
            m.Groups["attributes"].Value,
            m.Groups["src"].Value))];
    }

    private static string Relative(string full) => Path.GetRelativePath(WebRoot, full).Replace('\\', '/');

    [GeneratedRegex("""^\s*(?:import|export)\s[^;'"]*?from\s+"(?<specifier>[^"]+)";|^\s*import\s+"(?<specifier>[^"]+)";""", RegexOptions.Multiline)]
    private static partial Regex ImportStatement();

    [GeneratedRegex("""<script\b(?<attributes>[^>]*\bsrc="(?<src>[^"]+)"[^>]*)>\s*</script>""")]
    private static partial Regex ScriptWithSource();

    [GeneratedRegex("""<script\b""")]
    private static partial Regex ScriptTag();
}
