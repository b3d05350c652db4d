namespace Proposals.Pipeline.Documents;

/// <summary>
/// The stream a Word file is opened from. Open XML SDK 3 copies a package whose stream cannot be written
/// into a temporary file before opening it, even read-only (<c>WriteableStreamExtensions.EnableWriteableStream</c>,
/// so the package can be reloaded): a file created, written, closed and deleted for every upload. In the
/// issue 23 profile of intake at 32 clients that was most of <see cref="WordFormReader"/>'s time and 12 % of the
/// host's CPU. A writable copy in memory avoids it; the package is still opened read-only (<c>isEditable: false</c>),
/// and the copy is private, so nothing could write back into the caller's bytes. Every caller has bounded the
/// document first (the upload limit), so the copy is at most that size, held only while the file is read.
/// </summary>
internal static class PackageSource
{
    /// <summary>The stream itself when it can be written; otherwise a private in-memory copy, from its start.</summary>
    public static Stream Writable(Stream source)
    {
        if (source.CanWrite)
        {
            return source;
        }

        var copy = new MemoryStream(source.CanSeek ? (int)Math.Min(source.Length, int.MaxValue) : 0);
        if (source.CanSeek)
        {
            source.Position = 0;
        }

        source.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>A private, writable in-memory copy of a document's bytes.</summary>
    public static MemoryStream Writable(byte[] original)
    {
        var copy = new MemoryStream(original.Length);
        copy.Write(original);
        copy.Position = 0;
        return copy;
    }
}
