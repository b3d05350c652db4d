using System.Text;
using Proposals.Domain.Text;

namespace Proposals.Pipeline.Submissions;

/// <summary>
/// Uploaded file names are the attacker's text (<c>../../x.pdf</c>, <c>a.php%00.pdf</c>): documents are
/// stored under generated names and the original is kept, sanitised, as metadata only.
/// </summary>
public static class DocumentNames
{
    public const int MaxLength = 120;

    public static string Sanitize(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "unnamed";
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(fileName);
        }
        catch (UriFormatException)
        {
            decoded = fileName;
        }

        var lastSegment = decoded.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var builder = new StringBuilder(lastSegment.Length);
        foreach (var c in VietnameseText.Normalize(lastSegment))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' ? c : '_');
        }

        var name = builder.ToString().Trim(' ', '.');
        if (name.Length == 0)
        {
            return "unnamed";
        }

        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length <= 10 ? extension : string.Empty;
            name = name[..(MaxLength - extension.Length)] + extension;
        }

        return name;
    }

    public static bool HasExtension(string sanitizedName, string extension) =>
        sanitizedName.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>An email attachment's generated name (<c>attachment-2.pdf</c>): the sender's name is only ever metadata.</summary>
    public static string AttachmentBlobName(int index, string? name) =>
        $"attachment-{index + 1}{Path.GetExtension(Sanitize(name)).ToLowerInvariant()}";
}
