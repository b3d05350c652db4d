using System.ComponentModel.DataAnnotations;
using Proposals.Domain.Privacy;

namespace Proposals.Domain.Calls;

/// <summary>
/// One call for proposals, as a file in <c>calls/</c> describes it. Bound from configuration, so every
/// setting can be overridden the standard .NET way (<c>Calls__demo__Deadline=...</c>).
/// </summary>
public sealed class CallDefinition
{
    /// <summary>The call's id, also its file name in <c>calls/</c> and its configuration key.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string Id { get; set; } = string.Empty;

    [Required]
    public string Title { get; set; } = string.Empty;

    public string? TitleEn { get; set; }

    /// <summary>
    /// The id of the agency that runs the call (a file in <c>calls/agencies/</c>): whose staff see it, and whose
    /// names, contact and report sign-off the call takes where it states none (<see cref="AgencyDefaults"/>).
    /// </summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string Agency { get; set; } = string.Empty;

    /// <summary>The agency collecting proposals, e.g. "Chi cục Tiêu chuẩn Đo lường Chất lượng Hải Phòng"; empty: the agency's name.</summary>
    [Required]
    public string Organiser { get; set; } = string.Empty;

    /// <summary>The agency above it, printed above the organiser on reports.</summary>
    public string? ParentAgency { get; set; }

    public string? Programme { get; set; }

    /// <summary>The first year tasks may start; <c>startMonth</c> may not be earlier.</summary>
    [Range(2000, 2100)]
    public int ProgrammeYear { get; set; }

    public DateTimeOffset? OpensAt { get; set; }

    /// <summary>
    /// The longest task the call takes, in months, when its notice or the programme's rules set one; proposals
    /// above it are flagged for staff. Null: no limit is known, and none is flagged.
    /// </summary>
    [Range(1, 120)]
    public int? MaxDurationMonths { get; set; }

    /// <summary>Where <see cref="MaxDurationMonths"/> comes from (document, article), shown with the flag.</summary>
    public string? MaxDurationSource { get; set; }

    /// <summary>
    /// Whether the notice gives small and medium-sized enterprises priority; only then is a large enterprise
    /// flagged as "không thuộc diện ưu tiên DNNVV".
    /// </summary>
    public bool SmePriority { get; set; }

    /// <summary>Submissions are accepted strictly before this instant.</summary>
    [Required]
    public DateTimeOffset? Deadline { get; set; }

    [Required]
    public string FormVersion { get; set; } = string.Empty;

    /// <summary>Prefix of receipt numbers, e.g. <c>HP24</c> gives <c>HP24-000123</c>.</summary>
    [Required, RegularExpression("^[A-Z0-9]{2,8}$")]
    public string ReceiptPrefix { get; set; } = string.Empty;

    /// <summary>The province the call is for; enterprises elsewhere are flagged, not refused.</summary>
    public string? Province { get; set; }

    /// <summary>Version of the province → region table in force on the call's dates (start-up checks that it covers them).</summary>
    [Required]
    public string ProvinceListVersion { get; set; } = "provinces-2023";

    /// <summary>Version of the industrial classification in force on the call's dates: <c>vsic-2018</c> or <c>vsic-2025</c>.</summary>
    [Required]
    public string VsicVersion { get; set; } = "vsic-2018";

    /// <summary>The days the call accepts submissions, in Vietnam's calendar: from its opening (or, without one, its deadline) to its deadline.</summary>
    public (DateOnly From, DateOnly To) OpenPeriod =>
        (DateOnly.FromDateTime(VietnamTime.ToVietnam(OpensAt ?? DeadlineInstant).DateTime), DateOnly.FromDateTime(VietnamTime.ToVietnam(DeadlineInstant).DateTime));

    [MinLength(1)]
    public List<PriorityArea> PriorityAreas { get; set; } = [];

    public List<string> StaffEmails { get; set; } = [];

    /// <summary>
    /// The email address enterprises still send proposals to (SendGrid Inbound Parse receives its domain's mail):
    /// a message to it becomes a submission of this call, waiting for staff. Null: this call takes no email.
    /// </summary>
    [EmailAddress]
    public string? InboundAddress { get; set; }

    /// <summary>How enterprises reach the organiser, and where the signed original goes on paper: on the form, in emails.</summary>
    public CallContact? Contact { get; set; }

    /// <summary>What the closeout report needs to go out signed as it is written: number symbol, addressees, signer.</summary>
    public CallReportSettings Report { get; set; } = new();

    /// <summary>
    /// Names the version of the keyword rules in <see cref="PriorityArea.Keywords"/>, stored with every
    /// suggestion so a report says which rules produced it. Change it whenever the keywords change.
    /// </summary>
    public string PriorityRulesVersion { get; set; } = "none";

    /// <summary>The least score an area needs before it is suggested (see <c>PriorityAreaRules</c>).</summary>
    [Range(1, 100)]
    public int PriorityMinimumScore { get; set; } = 2;

    /// <summary>The personal-data notice shown before the form's fields (Law 91/2025/QH15); null shows none.</summary>
    public CallPrivacyNotice? PrivacyNotice { get; set; }

    /// <summary>How long the call's data is kept after the deadline, and why; null: never purged by the system.</summary>
    public CallRetention? Retention { get; set; }

    /// <summary>When the call's data may be purged; null without a retention.</summary>
    public DateTimeOffset? PurgeAt => Retention is { } retention && Deadline is { } deadline ? retention.PurgeAt(deadline) : null;

    public DateTimeOffset DeadlineInstant =>
        Deadline ?? throw new InvalidOperationException($"Call '{Id}' has no deadline.");

    /// <summary>Whether a submission received at <paramref name="now"/> is on time.</summary>
    public bool AcceptsSubmissionsAt(DateTimeOffset now) =>
        now < DeadlineInstant && (OpensAt is null || now >= OpensAt);
}

/// <summary>The call's contact, from the notice: who answers questions, and the address for the paper original.</summary>
public sealed class CallContact
{
    /// <summary>Who to call, as the notice names them (e.g. "Ông Vũ Công Quý, Phó Trưởng phòng ...").</summary>
    public string? Person { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    /// <summary>The organiser's postal address: where the signed and stamped original is sent.</summary>
    public string? Address { get; set; }

    /// <summary>"Name, phone" for a sentence, or null when the call names nobody.</summary>
    public string? Line => string.Join(", ", new[] { Person, Phone is null ? null : "điện thoại " + Phone, Email }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } line ? line : null;

    /// <summary>
    /// What the notice asks beyond the upload, in its words: the signed and stamped original goes on paper to the
    /// organiser, and whom to call. The form, its receipt and the receipt email show the same sentences.
    /// </summary>
    public IReadOnlyList<string> InstructionsVi =>
        [.. Address is { Length: > 0 } address ? [$"Gửi bản gốc phiếu đề xuất có chữ ký, đóng dấu qua đường bưu điện hoặc trực tiếp về: {address}."] : Array.Empty<string>(),
         .. Line is { } line ? [$"Cần hỗ trợ, xin liên hệ: {line}."] : Array.Empty<string>()];

    public IReadOnlyList<string> InstructionsEn =>
        [.. Address is { Length: > 0 } address ? [$"Send the signed and stamped original of the form by post or by hand to: {address}."] : Array.Empty<string>(),
         .. Person is not null || Phone is not null || Email is not null
             ? [$"Questions: {string.Join(", ", new[] { Person, Phone is null ? null : "phone " + Phone, Email }.Where(p => !string.IsNullOrWhiteSpace(p)))}."]
             : Array.Empty<string>()];
}

/// <summary>
/// The parts of the closeout report that Nghị định 30/2020/NĐ-CP asks for and only the agency can say.
/// Each may be left out: the report then prints a visible placeholder for the clerk, and the staff
/// console warns about it before the deadline. The collecting agency (<see cref="CallDefinition.Organiser"/>)
/// need not be the body that issues the report: in Hải Phòng the Chi cục drafts it and the Sở issues it.
/// </summary>
public sealed class CallReportSettings
{
    /// <summary>
    /// The body that issues and signs the report, e.g. "Sở Khoa học và Công nghệ"; printed in bold capitals
    /// under <see cref="IssuerParent"/>. Empty: the call's organiser.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The body above the issuer, printed above it in capitals, e.g. "UBND thành phố Hải Phòng" (NĐ30 lets
    /// the parent be abbreviated). Empty: the call's parent agency.
    /// </summary>
    public string? IssuerParent { get; set; }

    /// <summary>
    /// What follows "Số: …/" on the report: the document type "BC" and the issuing body's abbreviation,
    /// in capitals, groups joined by "-" without spaces, e.g. "BC-SKHCN".
    /// </summary>
    [RegularExpression(@"^\p{Lu}+(-[\p{Lu}\p{Nd}]+)*$", ErrorMessage = "Report:NumberSymbol is capitals and digits in groups joined by '-', e.g. BC-SKHCN.")]
    public string? NumberSymbol { get; set; }

    /// <summary>The bodies the report is sent to, each on its own line after "Kính gửi:"; "Nơi nhận" names them "Như trên".</summary>
    public List<string> Addressees { get; set; } = [];

    /// <summary>Further recipients under "Nơi nhận", after "Như trên", e.g. "Giám đốc Sở (để b/c)".</summary>
    public List<string> CopiesTo { get; set; } = [];

    /// <summary>
    /// The abbreviation of the unit that drafts the report and keeps a copy, e.g. "CCTĐC" (Chi cục Tiêu chuẩn
    /// Đo lường Chất lượng): it gives "- Lưu: VT, CCTĐC.".
    /// </summary>
    [RegularExpression(@"^[\p{Lu}\p{Nd}.]+$", ErrorMessage = "Report:DraftingUnit is an abbreviation in capitals, e.g. CCTĐC.")]
    public string? DraftingUnit { get; set; }

    /// <summary>How many copies the archive keeps, when the agency counts them: 2 gives "- Lưu: VT, CCTĐC, 02b." (NĐ30, Phụ lục I, II.9).</summary>
    [Range(1, 99)]
    public int? ArchiveCopies { get; set; }

    /// <summary>Only when someone signs for the head, e.g. "KT. GIÁM ĐỐC"; empty when the head signs.</summary>
    public string? SignerAuthority { get; set; }

    /// <summary>The signer's own title in capitals, e.g. "PHÓ GIÁM ĐỐC" or "GIÁM ĐỐC".</summary>
    public string? SignerTitle { get; set; }

    /// <summary>The signer's full name as it is printed under the signature, without academic titles.</summary>
    public string? SignerName { get; set; }

    /// <summary>
    /// The opening of the body: the document the report answers, e.g. "Thực hiện Công văn số 558/SKHCN-CCTĐC
    /// ngày 17/4/2023 của Sở Khoa học và Công nghệ về việc …". The report goes on ", [issuer] báo cáo …".
    /// </summary>
    public string? Basis { get; set; }

    /// <summary>The text of the closing section "Kiến nghị, đề xuất"; empty: a placeholder staff fill in.</summary>
    public string? Recommendations { get; set; }
}

public sealed class PriorityArea
{
    [Range(1, 99)]
    public int Number { get; set; }

    [Required]
    public string Title { get; set; } = string.Empty;

    public string? TitleEn { get; set; }

    /// <summary>
    /// Words and phrases in the proposal's text that point to this area, written in Vietnamese as
    /// people write them; matched whole-word with diacritics folded.
    /// </summary>
    public List<string> Keywords { get; set; } = [];
}
