using System.IO.Compression;
using Proposals.Domain.Calls;
using Proposals.Domain.Text;
using Proposals.Pipeline.Storage;
using Proposals.Pipeline.Submissions;

namespace Proposals.Pipeline.Closeout.Writers;

/// <summary>
/// Every counted proposal's two documents (their safe copies, where made) in one ZIP, a folder per enterprise named by tax code and
/// name (<c>0100233488_cong-ty-tnhh-co-khi-chinh-xac-hai-phong/HP24-000012_ban-quet-co-chu-ky.pdf</c>).
/// Names are built from folded ASCII only, so no enterprise name can make a path that escapes its
/// folder or that an old unzip tool garbles. Entries are copied blob by blob into the output
/// stream, stored without recompression (PDF and DOCX are compressed already): memory stays flat
/// however many there are.
/// </summary>
public static class AttachmentsArchive
{
    public const int MaxNameLength = 60;

    public static string FolderName(SubmissionRecord record)
    {
        var name = VietnameseText.FoldedWords(record.EnterpriseName).Replace(' ', '-');
        name = name.Length > MaxNameLength ? name[..MaxNameLength].TrimEnd('-') : name;
        var taxCode = new string(record.TaxCode.Where(c => char.IsAsciiDigit(c) || c == '-').ToArray());
        return name.Length == 0 ? taxCode : $"{taxCode}_{name}";
    }

    public static IReadOnlyList<(string Blob, string EntryName)> Entries(SubmissionRecord record)
    {
        var folder = FolderName(record);
        var receipt = new string(record.ReceiptNumber.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        // A proposal that came by email or on paper may lack one of the two files.
        return
        [
            .. record.SignedScanBytes > 0 ? [(StorageNames.SignedScanBlob, $"{folder}/{receipt}_ban-quet-co-chu-ky.pdf")] : Array.Empty<(string, string)>(),
            .. record.EditableFormBytes > 0 ? [(StorageNames.EditableFormBlob, $"{folder}/{receipt}_phieu-de-xuat.docx")] : Array.Empty<(string, string)>(),
        ];
    }

    public static async Task WriteAsync(
        Stream destination, IEnumerable<SubmissionRecord> counted, SubmissionStore submissions, CancellationToken cancellationToken)
    {
        await using var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var record in counted)
        {
            foreach (var (blob, entryName) in Entries(record))
            {
                // The safe copy when the examination stage made one (issue 21): the ZIP is opened by staff with no
                // audit in between, so it never hands out an original that has a disarmed copy.
                var safe = StorageNames.SafeCopyBlob(blob);
                var source = await submissions.FileExistsAsync(record.CallId, record.SubmissionId, safe, cancellationToken) ? safe : blob;
                var entry = archive.CreateEntry(entryName, CompressionLevel.NoCompression);
                entry.LastWriteTime = VietnamTime.ToVietnam(record.ReceivedAtUtc);
                await using var target = await entry.OpenAsync(cancellationToken);
                await submissions.CopyFileToAsync(record.CallId, record.SubmissionId, source, target, cancellationToken);
            }
        }
    }
}
