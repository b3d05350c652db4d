using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Proposals.LocalHost;
using Proposals.Pipeline.Calls;
using Proposals.Testing;

namespace Proposals.LocalHost.Tests;

/// <summary>
/// Onboarding an agency is files, not code (docs/operations.md, "Onboarding an agency"): an agency file and a
/// call file in the host's folder of call files, and at start-up the agency has its call, its staff key, and
/// sees nothing of the agencies already there.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class AgencyOnboardingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Agency = "quangninh";
    private readonly string _callId = TestCalls.NewId();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "call-files-" + Guid.NewGuid().ToString("N")[..8]);
    private RunningLocalHost _host = null!;

    public async Task InitializeAsync()
    {
        // The shipped calls and agencies, as an operator's folder would start.
        var shipped = Path.Combine(RepositoryRoot.Find(), "calls");
        Directory.CreateDirectory(Path.Combine(_folder, "agencies"));
        foreach (var file in Directory.EnumerateFiles(shipped, "*.json"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(shipped, "agencies"), "*.json"))
        {
            File.Copy(file, Path.Combine(_folder, "agencies", Path.GetFileName(file)));
        }

        // Step 1: the agency file. Step 2: a call naming it, copied from the demo and made its own.
        await File.WriteAllTextAsync(Path.Combine(_folder, "agencies", Agency + ".json"), """
            {
              "id": "quangninh",
              "name": "Sở Khoa học và Công nghệ tỉnh Quảng Ninh",
              "parent": "UBND tỉnh Quảng Ninh",
              "province": "Quảng Ninh",
              "contact": { "person": "Phòng Quản lý khoa học", "email": "skhcn@quangninh.example.vn", "address": "Hạ Long, Quảng Ninh" },
              "report": {
                "issuerParent": "UBND tỉnh Quảng Ninh",
                "issuer": "Sở Khoa học và Công nghệ",
                "numberSymbol": "BC-SKHCN",
                "addressees": [ "Bộ Khoa học và Công nghệ" ],
                "draftingUnit": "QLKH",
                "signerTitle": "GIÁM ĐỐC",
                "signerName": "Nguyễn Văn Thử"
              }
            }
            """);
        var call = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(shipped, "demo.json"))).RootElement;
        var fields = call.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["id"] = _callId;
        fields["agency"] = Agency;
        fields["title"] = "Đề xuất nhiệm vụ của tỉnh Quảng Ninh " + _callId;
        fields["receiptPrefix"] = "QN" + _callId[^4..].ToUpperInvariant().Replace('-', '0');
        fields["province"] = "Quảng Ninh";
        fields["opensAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToOffset(TimeSpan.FromHours(7));
        fields["deadline"] = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(7));
        fields.Remove("inboundAddress");
        fields["report"] = new { basis = "Thực hiện Công văn số …/SKHCN-QLKH" , recommendations = "Đề nghị Bộ xem xét." };
        await File.WriteAllTextAsync(Path.Combine(_folder, _callId + ".json"), JsonSerializer.Serialize(fields));

        _host = await RunningLocalHost.StartAsync(azurite, new Dictionary<string, string?> { [CallFilesConfiguration.DirectorySetting] = _folder });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string KeyOf(string agency) =>
        File.ReadAllText(Path.Combine(_host.DataDirectory, LocalPipelineHost.StaffKeysFolder, agency + ".txt")).Trim();

    private async Task<JsonElement> StaffGetAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).FromConsole();
        request.Headers.Add("x-staff-key", key);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_new_agency_s_call_is_open_to_enterprises_under_its_name()
    {
        var call = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/calls/{_callId}");
        call.GetProperty("organiser").GetString().ShouldBe("Sở Khoa học và Công nghệ tỉnh Quảng Ninh");
        call.GetProperty("parentAgency").GetString().ShouldBe("UBND tỉnh Quảng Ninh");
    }

    [Fact]
    public async Task The_new_agency_gets_a_staff_key_that_sees_its_call_and_nothing_of_Hai_Phong()
    {
        var listed = (await StaffGetAsync("/api/staff/calls", KeyOf(Agency))).GetProperty("calls").EnumerateArray()
            .Select(c => c.GetProperty("callId").GetString()).ToList();
        listed.ShouldBe([_callId]);

        var hp = (await StaffGetAsync("/api/staff/calls", KeyOf("haiphong"))).GetProperty("calls").EnumerateArray()
            .Select(c => c.GetProperty("callId").GetString()).ToList();
        hp.ShouldContain("demo");
        hp.ShouldNotContain(_callId);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/calls/demo/submissions").FromConsole();
        request.Headers.Add("x-staff-key", KeyOf(Agency));
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_new_call_s_report_is_signed_off_as_its_agency_file_says()
    {
        var overview = await StaffGetAsync($"/api/staff/calls/{_callId}/overview", KeyOf(Agency));
        overview.GetProperty("warnings").EnumerateArray().ShouldBeEmpty("the agency file and the call's basis and recommendation leave no gap");
    }
}
