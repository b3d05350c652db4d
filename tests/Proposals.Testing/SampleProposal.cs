using System.Net.Http.Headers;

namespace Proposals.Testing;

/// <summary>A complete, valid A1-ĐXNV proposal from a small manufacturer in Hai Phong.</summary>
public static class SampleProposal
{
    public static Dictionary<string, string> Fields(Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["enterpriseName"] = "Công ty TNHH Cơ khí Chính xác Hải Phòng",
            ["taxCode"] = "0100233488",
            ["address"] = "Số 240 Văn Cao, phường Đằng Giang, quận Ngô Quyền",
            ["province"] = "Thành phố Hải Phòng",
            ["legalRepresentative"] = "Nguyễn Văn An",
            ["contactName"] = "Trần Thị Bình",
            ["contactEmail"] = "binh.tran@cokhi-hp.vn",
            ["contactPhone"] = "0904 577 972",
            ["vsicSection"] = "C",
            ["vsicCode"] = "2592",
            ["employees"] = "85",
            ["annualRevenueVnd"] = "45.000.000.000",
            ["totalCapitalVnd"] = "18000000000",
            ["taskName"] = "Áp dụng Lean và TPM nâng cao năng suất dây chuyền gia công cơ khí",
            ["taskType"] = "pilotProduction",
            ["priorityArea"] = "2",
            ["objectives"] = "Nâng năng suất lao động 20% và giảm 30% phế phẩm.",
            ["urgency"] = "Cơ khí chính xác là ngành chủ lực của thành phố.",
            ["contentsAndResults"] = "Khảo sát; đào tạo Lean/TPM; áp dụng thí điểm; mô hình điểm.",
            ["application"] = "Doanh nghiệp cơ khí vùng Đồng bằng sông Hồng.",
            ["expectedBenefits"] = "Tăng năng suất, giảm chi phí.",
            ["durationMonths"] = "24",
            ["startMonth"] = "2024-07",
            ["origin"] = "Dự án cải tiến nội bộ 2021-2022.",
            ["coFunding"] = "Doanh nghiệp đối ứng 40% kinh phí.",
        };

        // A field added to the form since is answered as the shared table of rules answers it (its "base"), so adding
        // a required field does not mean finding every sample in the tests (functions/Proposals.Pipeline/README.md).
        foreach (var (key, value) in FieldRulesTable.BaseFields())
        {
            fields.TryAdd(key, value);
        }

        change?.Invoke(fields);
        return fields;
    }

    /// <summary>
    /// A valid tax code no other test uses (province 01, random sequence, correct check digit): the
    /// same tax code and task name twice is a resubmission, which supersedes the earlier one, so a test
    /// sending many "different enterprises" gives each a code of its own.
    /// </summary>
    public static string UniqueTaxCode()
    {
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        while (true)
        {
            var digits = "01" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            var check = 10 - (digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11);
            if (check < 10)
            {
                return digits + check.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The sample from an enterprise of its own (<see cref="UniqueTaxCode"/>).</summary>
    public static Dictionary<string, string> FieldsOfAnotherEnterprise() => Fields(f => f["taxCode"] = UniqueTaxCode());

    /// <summary>The multipart body the web form sends.</summary>
    public static MultipartFormDataContent Multipart(
        Dictionary<string, string>? fields = null, byte[]? pdf = null, byte[]? docx = null,
        string pdfName = "ban-quet-co-chu-ky.pdf", string docxName = "phieu-de-xuat.docx")
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields ?? Fields())
        {
            content.Add(new StringContent(value), key);
        }

        var scan = new ByteArrayContent(pdf ?? SampleDocuments.Pdf());
        scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(scan, "signedScan", pdfName);
        var form = new ByteArrayContent(docx ?? SampleDocuments.Docx());
        form.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        content.Add(form, "editableForm", docxName);
        return content;
    }
}
