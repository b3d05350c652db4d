using System.ComponentModel.DataAnnotations;

namespace Proposals.Domain.Privacy;

/// <summary>
/// What the personal-data notice (Luật Bảo vệ dữ liệu cá nhân, Law 91/2025/QH15) says that only the agency
/// can say: the notice's version, who processes the data and how people use their rights. Kept as one group,
/// apart from the call's other settings, so it can move to an agency file unchanged.
/// </summary>
public sealed class CallPrivacyNotice
{
    /// <summary>Names this wording; recorded with every submission, so a later change is traceable. Change it with the text.</summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$", ErrorMessage = "PrivacyNotice:Version is 1-40 letters, digits, '.', '_' or '-'.")]
    public string Version { get; set; } = string.Empty;

    /// <summary>The agency that decides on the processing (bên kiểm soát dữ liệu); the call's organiser when empty.</summary>
    public string? Controller { get; set; }

    /// <summary>Where a person sends a request about their data (an email address, a phone, a postal address); the call's contact when empty.</summary>
    public string? RightsContact { get; set; }
}

/// <summary>How long a call's data is kept after its deadline, and on what authority.</summary>
public sealed class CallRetention
{
    /// <summary>Days after the deadline; 0 purges as soon as staff confirm the report is archived (test configurations).</summary>
    [Range(0, 36500, ErrorMessage = "Retention:DaysAfterDeadline is 0 to 36500.")]
    public int DaysAfterDeadline { get; set; }

    /// <summary>Why this long, e.g. the agency's records schedule (danh mục hồ sơ, thời hạn bảo quản), in Vietnamese.</summary>
    [Required(ErrorMessage = "Retention:Basis names the rule the period comes from.")]
    public string Basis { get; set; } = string.Empty;

    public string? BasisEn { get; set; }

    /// <summary>The instant the call's data may be purged (once staff have confirmed the report is archived).</summary>
    public DateTimeOffset PurgeAt(DateTimeOffset deadline) => deadline.AddDays(DaysAfterDeadline);
}
