using System.Globalization;
using Proposals.Domain.Calls;

namespace Proposals.Domain.Privacy;

/// <summary>One part of the notice, in both languages.</summary>
public sealed record PrivacyNoticeSection(string Key, string TitleVi, string TitleEn, string Vi, string En);

/// <summary>
/// The notice shown before anyone types personal data (Law 91/2025/QH15): who processes it, why, which data and
/// who receives it, how long it is kept, and the person's rights. Written once here from the call file; the form,
/// the notice page, the receipt email's link and the processing record all read this.
/// </summary>
public sealed record PrivacyNotice(string CallId, string Version, IReadOnlyList<PrivacyNoticeSection> Sections)
{
    /// <summary>The page that shows the notice on its own (linked from the receipt email and the status page).</summary>
    public static string PageUrl(string publicBaseUrl, string callId) =>
        $"{publicBaseUrl.TrimEnd('/')}/privacy.html?call={Uri.EscapeDataString(callId)}";

    /// <summary>The personal data a proposal carries, as the notice and the processing record name it.</summary>
    public static readonly (string Vi, string En) DataCategories = (
        "tên, mã số thuế, địa chỉ của doanh nghiệp; họ tên người đại diện theo pháp luật; họ tên, thư điện tử, số điện thoại người liên hệ; nội dung đề xuất; bản quét có chữ ký và tệp Word đính kèm, cùng dữ liệu cá nhân có trong đó (kể cả thông tin chữ ký số)",
        "the enterprise's name, tax code and address; the legal representative's name; the contact person's name, email and phone; the proposal's content; the signed scan and the Word file, with any personal data in them (including the digital signature's details)");

    /// <summary>The notice of <paramref name="call"/>, or null when the call file has none.</summary>
    public static PrivacyNotice? For(CallDefinition call)
    {
        if (call.PrivacyNotice is not { } notice)
        {
            return null;
        }

        var controller = string.IsNullOrWhiteSpace(notice.Controller) ? call.Organiser : notice.Controller;
        var contact = RightsContact(call);
        var programme = call.Programme ?? call.Title;
        var recipients = call.Report.Addressees.Count > 0 ? string.Join("; ", call.Report.Addressees) : null;
        var sections = new List<PrivacyNoticeSection>
        {
            new("controller", "Ai xử lý dữ liệu", "Who processes the data",
                $"{controller}{(call.ParentAgency is { Length: > 0 } parent ? " (thuộc " + parent + ")" : string.Empty)}. Liên hệ: {contact}.",
                $"{controller}{(call.ParentAgency is { Length: > 0 } parentEn ? " (under " + parentEn + ")" : string.Empty)}. Contact: {contact}."),
            new("purpose", "Mục đích", "Purpose",
                $"Tiếp nhận, kiểm tra, đánh giá và tổng hợp đề xuất nhiệm vụ khoa học và công nghệ thuộc {programme}; gửi biên nhận và cho tra cứu tình trạng hồ sơ.",
                $"Receiving, checking, assessing and compiling proposals for science and technology tasks under {call.TitleEn ?? programme}; sending the receipt and showing the proposal's status."),
            new("data", "Dữ liệu và bên nhận", "Which data, and who receives it",
                $"Dữ liệu: {DataCategories.Vi}. Bên nhận: {(recipients is null ? "cấp trên của cơ quan" : recipients)} (báo cáo tổng hợp); Twilio SendGrid (bên xử lý, chỉ để gửi thư điện tử).",
                $"Data: {DataCategories.En}. Recipients: {(recipients is null ? "the agency's superiors" : recipients)} (the compiled report); Twilio SendGrid (a processor, only to send email)."),
            new("retention", "Thời hạn lưu trữ", "How long it is kept", RetentionVi(call), RetentionEn(call)),
            new("rights", "Quyền của chủ thể dữ liệu", "Your rights",
                $"Theo Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15), anh/chị có quyền được biết, truy cập, yêu cầu cung cấp, chỉnh sửa, xóa, hạn chế xử lý dữ liệu, phản đối xử lý, khiếu nại và khởi kiện. Gửi yêu cầu tới: {contact}. Mọi yêu cầu và việc xử lý đều được ghi nhật ký. Việc xóa có thể bị từ chối khi hồ sơ đã thuộc báo cáo đã ban hành và phải lưu trữ theo quy định; khi đó cơ quan nêu rõ căn cứ.",
                $"Under the Personal Data Protection Law (Law 91/2025/QH15) you may be informed, access your data, obtain a copy, have it corrected or erased, restrict or object to its processing, complain and go to court. Send requests to: {contact}. Every request and how it was handled is logged. Erasure can be refused once the proposal is part of an issued report that must be archived; the agency then states the basis."),
        };
        return new PrivacyNotice(call.Id, notice.Version, sections);
    }

    /// <summary>Whom a person writes to about their data: the notice's rights contact, else the call's contact.</summary>
    public static string RightsContact(CallDefinition call) =>
        call.PrivacyNotice?.RightsContact is { Length: > 0 } explicitContact ? explicitContact
        : call.Contact?.Line ?? call.Organiser;

    private static string RetentionVi(CallDefinition call) => call.Retention is not { } retention || call.Deadline is null
        ? "Theo quy định lưu trữ của cơ quan."
        : string.Create(CultureInfo.InvariantCulture,
            $"{retention.DaysAfterDeadline} ngày sau hạn tiếp nhận, tức đến {VietnamTime.ToVietnam(retention.PurgeAt(call.DeadlineInstant)):dd/MM/yyyy}, sau khi báo cáo đã được lưu trữ; căn cứ: {retention.Basis}. Sau đó hệ thống tự động xóa hồ sơ, tài liệu và thư đã gửi, chỉ giữ số lượng.");

    private static string RetentionEn(CallDefinition call) => call.Retention is not { } retention || call.Deadline is null
        ? "As the agency's records rules require."
        : string.Create(CultureInfo.InvariantCulture,
            $"{retention.DaysAfterDeadline} days after the deadline, that is until {VietnamTime.ToVietnam(retention.PurgeAt(call.DeadlineInstant)):dd/MM/yyyy}, once the report is archived; basis: {retention.BasisEn ?? retention.Basis}. The system then deletes the submissions, documents and emails sent, keeping only the counts.");
}
