using System.Globalization;

namespace Proposals.Testing;

/// <summary>Configuration for a call of a test's own, so tests never share a storage partition.</summary>
public static class TestCalls
{
    /// <summary>The demo call's file: test calls use its priority keyword rules, the ones a deployment ships.</summary>
    private static readonly System.Text.Json.JsonElement DemoCall = System.Text.Json.JsonDocument.Parse(
        File.ReadAllText(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "demo.json"))).RootElement;

    /// <summary>The demo's agency: test calls take its contact.</summary>
    private static readonly System.Text.Json.JsonElement DemoAgency = System.Text.Json.JsonDocument.Parse(
        File.ReadAllText(Path.Combine(Proposals.LocalHost.RepositoryRoot.Find(), "calls", "agencies", "haiphong.json"))).RootElement;

    public static string NewId() => "t-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The address a test call takes email at.</summary>
    public static string InboundAddress(string callId) => $"{callId}@dexuat.localhost";

    /// <summary>The agency test calls belong to: it states no report settings, so a test call's report shows every gap.</summary>
    public const string AgencyId = "thu-nghiem";

    public static Dictionary<string, string?> Settings(string callId, DateTimeOffset deadline, params string[] staffEmails)
    {
        var prefix = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var settings = new Dictionary<string, string?>
        {
            [$"Agencies:{AgencyId}:Name"] = "Đơn vị thử nghiệm",
            [$"Calls:{callId}:Id"] = callId,
            [$"Calls:{callId}:Agency"] = AgencyId,
            [$"Calls:{callId}:Title"] = "Đợt thử nghiệm " + callId,
            [$"Calls:{callId}:Organiser"] = "Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng",
            [$"Calls:{callId}:ProgrammeYear"] = "2024",
            [$"Calls:{callId}:Deadline"] = deadline.ToString("O", CultureInfo.InvariantCulture),
            [$"Calls:{callId}:FormVersion"] = "A1-ĐXNV",
            [$"Calls:{callId}:ReceiptPrefix"] = prefix,
            [$"Calls:{callId}:Province"] = "Hải Phòng",
            // The lists in force on the call's dates, as start-up demands: a 2023 deadline is judged by 2023's.
            [$"Calls:{callId}:InboundAddress"] = InboundAddress(callId),
            // A test call states both limits the shipped calls leave out, so the flags they raise are exercised.
            [$"Calls:{callId}:SmePriority"] = "true",
            [$"Calls:{callId}:MaxDurationMonths"] = "36",
            [$"Calls:{callId}:MaxDurationSource"] = "test call",
            [$"Calls:{callId}:ProvinceListVersion"] = deadline < new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.FromHours(7)) ? "provinces-2023" : "provinces-2025",
            [$"Calls:{callId}:VsicVersion"] = deadline < new DateTimeOffset(2025, 11, 15, 0, 0, 0, TimeSpan.FromHours(7)) ? "vsic-2018" : "vsic-2025",
        };
        foreach (var part in DemoAgency.GetProperty("contact").EnumerateObject())
        {
            settings[$"Calls:{callId}:Contact:{part.Name}"] = part.Value.GetString();
        }

        settings[$"Calls:{callId}:PriorityRulesVersion"] = DemoCall.GetProperty("priorityRulesVersion").GetString();
        for (var area = 1; area <= 5; area++)
        {
            settings[$"Calls:{callId}:PriorityAreas:{area - 1}:Number"] = area.ToString(CultureInfo.InvariantCulture);
            settings[$"Calls:{callId}:PriorityAreas:{area - 1}:Title"] = $"Nội dung ưu tiên {area}";
            var keywords = DemoCall.GetProperty("priorityAreas")[area - 1].GetProperty("keywords").EnumerateArray().ToList();
            for (var k = 0; k < keywords.Count; k++)
            {
                settings[$"Calls:{callId}:PriorityAreas:{area - 1}:Keywords:{k}"] = keywords[k].GetString();
            }
        }

        for (var i = 0; i < staffEmails.Length; i++)
        {
            settings[$"Calls:{callId}:StaffEmails:{i}"] = staffEmails[i];
        }

        return settings;
    }
}
