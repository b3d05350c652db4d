using System.IO.Compression;
using System.Security.Cryptography;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Proposals.Pipeline.Tests.Reports;

/// <summary>
/// The workbook and the Word report are written front to back into a stream that cannot seek (as a blob
/// upload behind a hashing stream), their big parts already compressed, and still open as valid packages.
/// </summary>
public sealed class StreamedReportsTests
{
    private const int Many = 20_000;

    [Fact]
    public void Workbook_of_many_rows_streams_into_a_forward_only_destination_with_its_sheets_compressed()
    {
        var records = Records(Many);
        var call = ReportSamples.HaiPhong();

        var xlsx = WriteForwardOnly(destination => CloseoutWorkbook.Write(
            destination, call, CloseoutSummary.Of(call, records), () => records, [], ReportSamples.GeneratedAtUtc));

        using (var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var workbook = document.WorkbookPart!;
            var list = workbook.Workbook.Descendants<Spreadsheet.Sheet>().Single(s => s.Name == CloseoutWorkbook.ListSheet);
            var rows = Rows<Spreadsheet.Row>((WorksheetPart)workbook.GetPartById(list.Id!));
            rows.Count.ShouldBe(1 + Many);
            rows.Last.ShouldContain($"Nhiệm vụ số {Many}");
        }

        EntriesNamed(xlsx, "xl/worksheets/").ShouldAllBe(e => IsDeflated(e));
    }

    [Fact]
    public void Word_report_of_many_proposals_streams_into_a_forward_only_destination_with_its_body_compressed()
    {
        var records = Records(Many);
        var call = ReportSamples.HaiPhong();

        var docx = WriteForwardOnly(destination => CloseoutWordReport.Write(
            destination, call, 1, CloseoutSummary.Of(call, records), records));

        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var main = document.MainDocumentPart!;
            main.ImageParts.Count().ShouldBe(2);
            var rows = Rows<TableRow>(main);
            rows.Count.ShouldBe(2 + 2 + 1 + 1 + Many, "the heading's two rows, one for each chart with its heading, the signature's, the list's header and one per proposal");
            rows.Last.ShouldStartWith($"{Many}Nhiệm vụ số {Many}");
        }

        IsDeflated(EntriesNamed(docx, "word/document.xml").ShouldHaveSingleItem()).ShouldBeTrue();
    }

    [Fact]
    public void Workbook_is_valid_Open_XML_with_a_frozen_header()
    {
        var records = ReportSamples.All();
        var call = ReportSamples.HaiPhong();

        var xlsx = WriteForwardOnly(destination => CloseoutWorkbook.Write(
            destination, call, CloseoutSummary.Of(call, records), () => records, [], ReportSamples.GeneratedAtUtc));

        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        document.WorkbookPart!.WorksheetParts.Count().ShouldBe(3);
        document.WorkbookPart.WorksheetParts.ShouldAllBe(p => p.Worksheet.Descendants<Spreadsheet.Pane>().Single().State!.Value == Spreadsheet.PaneStateValues.Frozen);
    }

    private static List<SubmissionRecord> Records(int count) =>
        Enumerable.Range(1, count)
            .Select(n => ReportSamples.Counted(n, $"Nhiệm vụ số {n}: nâng cao năng suất và chất lượng sản phẩm", $"Công ty TNHH số {n}", "0100233488", 1 + (n % 4), 12 + (n % 24)))
            .ToList();

    private static byte[] WriteForwardOnly(Action<Stream> write)
    {
        using var bytes = new MemoryStream();
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var forwardOnly = new HashingWriteStream(bytes, sha256))
        {
            forwardOnly.CanSeek.ShouldBeFalse();
            write(forwardOnly);
        }

        return bytes.ToArray();
    }

    /// <summary>Counts the part's <typeparamref name="TRow"/> elements and returns the last one's text, reading forward without building the document.</summary>
    private static (int Count, string Last) Rows<TRow>(OpenXmlPart part)
        where TRow : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        var (count, last) = (0, string.Empty);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(TRow) && reader.IsStartElement)
            {
                count++;
                last = reader.LoadCurrentElement()!.InnerText;
            }
        }

        return (count, last);
    }

    private static List<(string Name, long Length, long CompressedLength)> EntriesNamed(byte[] package, string prefix)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => (e.FullName, e.Length, e.CompressedLength)).ToList();
    }

    private static bool IsDeflated((string Name, long Length, long CompressedLength) entry) =>
        entry.Length > 0 && entry.CompressedLength < entry.Length / 2;
}
