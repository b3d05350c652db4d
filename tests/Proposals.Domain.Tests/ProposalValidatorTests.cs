using System.Text;
using Proposals.Domain.Calls;
using Proposals.Domain.Classification;
using Proposals.Domain.Forms;
using Proposals.Domain.Submissions;
using Proposals.Domain.Validation;

namespace Proposals.Domain.Tests;

public class ProposalValidatorTests
{
    private static readonly CallReferenceData Reference2023 = new(ProvinceDirectory.Load("provinces-2023"), VsicDirectory.Load("vsic-2018"));

    /// <summary>The A1-ĐXNV definition the calls ship with (calls/forms/a1-dxnv.json).</summary>
    internal static readonly FormDefinition Form = FormDefinition.Load(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "forms", "a1-dxnv.json")));

    internal static CallDefinition Call() => new()
    {
        Id = "demo",
        Title = "Đợt thử",
        Organiser = "Chi cục TĐC Hải Phòng",
        ProgrammeYear = 2024,
        Deadline = new DateTimeOffset(2023, 4, 22, 0, 0, 0, TimeSpan.FromHours(7)),
        FormVersion = "A1-ĐXNV",
        ReceiptPrefix = "HP24",
        Province = "Hải Phòng",
        PriorityAreas = [.. Enumerable.Range(1, 5).Select(n => new PriorityArea { Number = n, Title = $"Nội dung {n}" })],
    };

    internal static Dictionary<string, string> Valid() => new()
    {
        ["enterpriseName"] = "Công ty TNHH Cơ khí Chính xác Hải Phòng",
        ["taxCode"] = "0100233488",
        ["address"] = "Số 240 Văn Cao",
        ["province"] = "Thành phố Hải Phòng",
        ["legalRepresentative"] = "Nguyễn Văn An",
        ["contactName"] = "Trần Thị Bình",
        ["contactEmail"] = "binh@cokhi-hp.vn",
        ["contactPhone"] = "0904 577 972",
        ["vsicSection"] = "c",
        ["vsicCode"] = "2592",
        ["employees"] = "85",
        ["annualRevenueVnd"] = "45.000.000.000",
        ["totalCapitalVnd"] = "18 000 000 000",
        ["taskName"] = "Áp dụng Lean",
        ["taskType"] = "research",
        ["priorityArea"] = "2",
        ["objectives"] = "Mục tiêu",
        ["urgency"] = "Cấp thiết",
        ["contentsAndResults"] = "Nội dung",
        ["application"] = "Áp dụng",
        ["expectedBenefits"] = "Hiệu quả",
        ["durationMonths"] = "24",
        ["startMonth"] = "2024-01",
    };

    private static ValidationOutcome Validate(Action<Dictionary<string, string>>? change = null)
    {
        var fields = Valid();
        change?.Invoke(fields);
        return ProposalValidator.Validate(fields, Call(), Form, Reference2023);
    }

    [Fact]
    public void Accepts_a_complete_proposal_and_normalises_it()
    {
        var outcome = Validate();
        outcome.Errors.ShouldBeEmpty();
        var proposal = outcome.Proposal.ShouldNotBeNull();
        proposal.TaxCode.Value.ShouldBe("0100233488");
        proposal.Province.ShouldBe("Hải Phòng");
        proposal.VsicSection.ShouldBe('C');
        proposal.AnnualRevenueVnd.ShouldBe(45_000_000_000);
        proposal.TotalCapitalVnd.ShouldBe(18_000_000_000);
        proposal.ContactPhone.ShouldBe("0904577972");
        outcome.Fields["annualRevenueVnd"].ShouldBe("45000000000");
    }

    [Fact]
    public void Normalises_NFD_text_to_NFC_and_removes_control_characters()
    {
        var nfd = "Công ty Cổ phần Thép Hải Phòng".Normalize(NormalizationForm.FormD);
        var outcome = Validate(f =>
        {
            f["enterpriseName"] = nfd + "\u0007\u200B";
            f["objectives"] = "Dòng 1\r\nDòng 2\u0000";
        });
        outcome.Errors.ShouldBeEmpty();
        outcome.Proposal!.EnterpriseName.ShouldBe("Công ty Cổ phần Thép Hải Phòng".Normalize(NormalizationForm.FormC));
        outcome.Proposal.EnterpriseName.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
        outcome.Proposal.Objectives.ShouldBe("Dòng 1\nDòng 2");
    }

    [Fact]
    public void Lists_every_missing_required_field_in_both_languages()
    {
        var outcome = ProposalValidator.Validate(new Dictionary<string, string>(), Call(), Form, Reference2023);
        outcome.IsValid.ShouldBeFalse();
        var required = Form.Fields.Where(f => f.Required && f.ShowWhen is null).Select(f => f.Key).ToList();
        outcome.Errors.Select(e => e.Field).ShouldBe(required, ignoreOrder: true);
        outcome.Errors.ShouldAllBe(e => e.Vi.Length > 0 && e.En.Length > 0);
        outcome.Errors.First(e => e.Field == "taskName").Vi.ShouldBe("Vui lòng nhập 1. Tên nhiệm vụ KH&CN.");
    }

    [Theory]
    [InlineData("taxCode", "0100233480", "chữ số kiểm tra")]
    [InlineData("contactEmail", "not-an-email", "Email")]
    [InlineData("contactPhone", "12345", "điện thoại")]
    [InlineData("vsicSection", "V", "A đến U")]
    [InlineData("vsicCode", "25A", "VSIC")]
    [InlineData("employees", "mười", "số nguyên")]
    [InlineData("employees", "-5", "số nguyên")]
    [InlineData("taskType", "other", "Hình thức")]
    [InlineData("vsicSection", "1", "A đến U")]
    [InlineData("priorityArea", "6", "Nội dung ưu tiên")]
    [InlineData("durationMonths", "0", "từ 1 đến 99")]
    [InlineData("startMonth", "2023-12", "2024")]
    [InlineData("startMonth", "13/2024", "tháng/năm")]
    [InlineData("annualRevenueVnd", "45,5", "dấu thập phân")]
    [InlineData("vsicCode", "2698", "không có trong VSIC 2018")]
    [InlineData("province", "Atlantis", "tỉnh/thành phố")]
    public void Explains_each_broken_rule(string field, string value, string messagePart)
    {
        var outcome = Validate(f => f[field] = value);
        outcome.Proposal.ShouldBeNull();
        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Vi.ShouldContain(messagePart);
    }

    [Fact]
    public void Pilot_projects_must_answer_items_9_1_and_9_2()
    {
        var outcome = Validate(f => f["taskType"] = "pilotProduction");
        outcome.Errors.Select(e => e.Field).ShouldBe(["origin", "coFunding"], ignoreOrder: true);
        Validate(f =>
        {
            f["taskType"] = "pilotProduction";
            f["origin"] = "Kết quả đề tài cấp thành phố";
            f["coFunding"] = "Doanh nghiệp đối ứng 40%";
        }).Proposal!.Origin.ShouldBe("Kết quả đề tài cấp thành phố");
    }

    [Fact]
    public void Items_9_x_of_other_task_types_are_neither_required_nor_kept()
    {
        var outcome = Validate(f => f["origin"] = "không áp dụng");
        outcome.Errors.ShouldBeEmpty();
        outcome.Fields.ContainsKey("origin").ShouldBeFalse();
    }

    [Fact]
    public void Every_field_of_the_definition_has_both_languages_and_a_limit()
    {
        Form.Version.ShouldBe("A1-ĐXNV");
        Form.Fields.ShouldAllBe(f => f.Label.Vi.Length > 0 && f.Label.En.Length > 0 && f.MaxLength > 0);
        Form.Fields.Select(f => f.Key).ShouldContain("taxCode");
    }

    [Fact]
    public void A_definition_with_a_duplicate_field_is_refused_at_load()
    {
        var json = """{"version":"X","title":{"vi":"a","en":"a"},"sections":[{"id":"s","title":{"vi":"a","en":"a"},"fields":[{"key":"a","label":{"vi":"a","en":"a"},"type":"text","maxLength":5},{"key":"a","label":{"vi":"a","en":"a"},"type":"text","maxLength":5}]}]}""";
        Should.Throw<InvalidDataException>(() => FormDefinition.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))))
            .Message.ShouldContain("'a' appears twice");
    }

    [Fact]
    public void Enforces_length_limits()
    {
        var outcome = Validate(f => f["taskName"] = new string('x', 501));
        outcome.Errors.ShouldHaveSingleItem().En.ShouldContain("at most 500");
    }

    [Fact]
    public void Refuses_a_filled_honeypot()
    {
        var outcome = Validate(f => f["website"] = "http://spam.example");
        outcome.Errors.ShouldHaveSingleItem().Field.ShouldBe("website");
    }

    [Theory]
    [InlineData("0904577972")]
    [InlineData("+84 904 577 972")]
    [InlineData("0225.3842.123")]
    [InlineData("(0225) 3842 123")]
    public void Accepts_Vietnamese_mobile_and_landline_numbers(string phone) =>
        Validate(f => f["contactPhone"] = phone).Errors.ShouldBeEmpty();
}
