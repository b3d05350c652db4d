using System.Globalization;

namespace Proposals.Domain.Calls;

/// <summary>Every instant is stored in UTC and shown in Vietnam time (UTC+7, no daylight saving).</summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>UTC+7, all year: Vietnam has no daylight saving.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToVietnam(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>"22/04/2023 00:00 (giờ Việt Nam)": the way notices write times.</summary>
    public static string FormatVi(DateTimeOffset instant) =>
        ToVietnam(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) + " (giờ Việt Nam)";

    public static string FormatEn(DateTimeOffset instant) =>
        ToVietnam(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (Vietnam time, UTC+7)";

    private static TimeZoneInfo FindZone()
    {
        // ICU time zone data may be missing in slim containers; Vietnam has had UTC+7 without DST since 1975.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Vietnam", "Vietnam");
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Vietnam", "Vietnam");
        }
    }
}
