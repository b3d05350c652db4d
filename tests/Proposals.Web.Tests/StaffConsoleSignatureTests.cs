using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Proposals.Domain.Submissions;
using Proposals.Testing;

namespace Proposals.Web.Tests;

/// <summary>
/// A local host whose trusted roots hold a test PKI's root, with two classified proposals of one call: one sent as a
/// PDF signed with the enterprise's certificate, one as a plain scan.
/// </summary>
public sealed class SignedScansFixture : IAsyncLifetime, IDisposable
{
    public const string SignedTaxCode = "0200123457";
    private readonly TestPki _pki = new();
    private readonly string _roots = Path.Combine(Path.GetTempPath(), "trusted-roots-" + Guid.NewGuid().ToString("N")[..8]);

    public SignedScansFixture() => Browser = new TrustingBrowser(_pki.WriteTrustedRoots(_roots));

    public BrowserFixture Browser { get; }

    public string SignedId { get; private set; } = string.Empty;

    public string SignedToken { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        var signed = SignedPdfs.Sign(_pki.Enterprise(SignedTaxCode, "CÔNG TY CỔ PHẦN CẢNG HẢI PHÒNG"), [_pki.Intermediate]);
        (SignedId, SignedToken) = await PostAsync(SampleProposal.Fields(f =>
        {
            f["taxCode"] = SignedTaxCode;
            f["enterpriseName"] = "Công ty Cổ phần Cảng Hải Phòng";
        }), signed);
        var (plainId, _) = await PostAsync(SampleProposal.FieldsOfAnotherEnterprise(), null);
        foreach (var id in new[] { SignedId, plainId })
        {
            await RunningLocalHost.EventuallyAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/calls/{Browser.CallId}/submissions/{id}");
                request.Headers.Add("x-staff-key", RunningLocalHost.StaffKey);
                using var response = await Browser.Host.Client.SendAsync(request);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return body.GetProperty("submission").GetProperty("status").GetString() == SubmissionStatus.Classified ? "classified" : null;
            }, TimeSpan.FromSeconds(120), $"{id} to be classified");
        }
    }

    private async Task<(string Id, string Token)> PostAsync(Dictionary<string, string> fields, byte[]? pdf)
    {
        using var accepted = await Browser.Host.Client.PostAsync($"/api/calls/{Browser.CallId}/submissions", SampleProposal.Multipart(fields, pdf));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("submissionId").GetString()!, receipt.GetProperty("trackingToken").GetString()!);
    }

    public Task DisposeAsync() => Browser.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_roots, recursive: true);
    }

    private sealed class TrustingBrowser(string roots) : BrowserFixture
    {
        protected override IReadOnlyDictionary<string, string?> HostSettings() =>
            new Dictionary<string, string?> { ["Signatures:TrustedRootsFolder"] = roots };
    }
}

/// <summary>Staff see which proposals are digitally signed, and by whom; the enterprise sees its signature was verified.</summary>
public sealed class StaffConsoleSignatureTests(SignedScansFixture fixture) : IClassFixture<SignedScansFixture>
{
    private BrowserFixture Browser => fixture.Browser;

    [Fact]
    public async Task Staff_see_the_signature_mark_filter_by_it_and_read_who_signed()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"/staff/?call={Browser.CallId}");
        await page.Locator("#staff-key").WaitForAsync();
        await page.FillAsync("#staff-key", RunningLocalHost.StaffKey);
        await page.ClickAsync("#signin-submit");
        await page.Locator("#submission-rows tr").First.WaitForAsync();

        var signedRow = page.Locator($"#submission-rows tr[data-submission='{fixture.SignedId}']");
        (await signedRow.Locator(".signature").GetAttributeAsync("data-signature")).ShouldBe("verified");
        (await signedRow.Locator(".signature").TextContentAsync()).ShouldBe("Chữ ký số hợp lệ, đúng mã số thuế");
        (await page.Locator("#submission-rows .signature[data-signature='not-signed']").TextContentAsync()).ShouldBe("Không có chữ ký số (bản quét)");

        await page.SelectOptionAsync("#filter-signature", "verified");
        await page.Locator("#list-summary", new() { HasTextString = "Tìm thấy 1 hồ sơ." }).WaitForAsync();
        (await page.Locator("#submission-rows tr").GetAttributeAsync("data-submission")).ShouldBe(fixture.SignedId);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "staff-signature-list-vi.png"), FullPage = true });

        await page.Locator("#submission-rows tr button.open").ClickAsync();
        await page.Locator("#detail[open]").WaitForAsync();
        var signatures = (await page.Locator("#signatures").TextContentAsync())!;
        signatures.ShouldContain("Chữ ký số hợp lệ, đúng mã số thuế");
        signatures.ShouldContain("CÔNG TY CỔ PHẦN CẢNG HẢI PHÒNG");
        signatures.ShouldContain("Test-CA");
        signatures.ShouldContain(SignedScansFixture.SignedTaxCode);
        signatures.ShouldContain("(giờ Việt Nam) (nằm trong chữ ký)");
        signatures.ShouldContain("Chưa kiểm tra thu hồi chứng thư");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "staff-signature-detail-vi.png") });

        await page.ClickAsync("#detail-close");
        await page.ClickAsync("#language");
        (await page.Locator("label[for=filter-signature]").TextContentAsync()).ShouldBe("Digital signature");
        (await page.Locator("#submission-rows .signature").First.TextContentAsync()).ShouldBe("Digital signature verified, tax code matches");
        (await Browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_enterprise_sees_on_its_status_page_that_its_digital_signature_was_verified()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync($"/status.html#submission={fixture.SignedId}&token={Uri.EscapeDataString(fixture.SignedToken)}");
        await page.Locator("#status dl").WaitForAsync();

        var status = (await page.Locator("#status").TextContentAsync())!;
        status.ShouldContain("Chữ ký số");
        status.ShouldContain($"Chữ ký số hợp lệ, đúng mã số thuế ({SignedScansFixture.SignedTaxCode}); người ký: CÔNG TY CỔ PHẦN CẢNG HẢI PHÒNG; tổ chức cấp chứng thư: Test-CA");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "status-signature-vi.png"), FullPage = true });
        (await Browser.CspViolationsAsync(page)).ShouldBeEmpty();
    }
}
