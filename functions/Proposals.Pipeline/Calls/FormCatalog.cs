using Proposals.Domain.Forms;

namespace Proposals.Pipeline.Calls;

/// <summary>
/// The form definitions shipped in <c>calls/forms/*.json</c> (copied beside the app), by version. A call
/// names its version (<c>formVersion</c>); a new or changed form is a new file, not new code.
/// </summary>
public sealed class FormCatalog
{
    private readonly Dictionary<string, FormDefinition> _forms;

    public FormCatalog()
        : this(Path.Combine(CallFilesConfiguration.DefaultDirectory, "forms"))
    {
    }

    public FormCatalog(string directory)
    {
        _forms = new Dictionary<string, FormDefinition>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            using var stream = File.OpenRead(file);
            FormDefinition form;
            try
            {
                form = FormDefinition.Load(stream);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"{file}: {e.Message}", e);
            }

            _forms.Add(form.Version, form);
        }
    }

    public IReadOnlyCollection<string> Versions => _forms.Keys;

    public FormDefinition? Find(string version) => _forms.GetValueOrDefault(version);
}
