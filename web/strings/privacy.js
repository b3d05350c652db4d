// The console's personal-data panel's words (web/staff/privacy.js), Vietnamese and English.
export const privacyText = {
  vi: {
    heading: "Dữ liệu cá nhân và thời hạn lưu trữ", retention: "Thời hạn lưu trữ", noRetention: "Đợt này chưa khai báo thời hạn lưu trữ: hệ thống không tự xóa.",
    period: (d, at) => `${d} ngày sau hạn tiếp nhận; xóa từ ${at}.`, basis: "Căn cứ", state: "Trạng thái",
    states: { "not-due": "Chưa đến ngày xóa", confirmed: "Đã xác nhận lưu trữ; chờ đến ngày xóa", "awaiting-confirmation": "Đã đến ngày xóa; chờ cán bộ xác nhận báo cáo đã được lưu trữ", due: "Đang xóa (hệ thống tự chạy mỗi giờ)", purged: "Đã xóa", "no-retention": "Không tự xóa" },
    confirmedBy: (who, at) => `Xác nhận lưu trữ: ${who}, ${at}.`, purgedAt: (at) => `Đã xóa lúc ${at}; giữ lại bản ghi số lượng.`,
    preview: "Nếu xóa bây giờ (xem trước, chưa xóa gì)", kept: "Được giữ lại", counts: { submissions: "hồ sơ", documents: "tệp", emails: "thư đã gửi", intakeKeys: "khóa tiếp nhận", lateAttempts: "lần nộp muộn", reportFiles: "tệp báo cáo" },
    archivedNote: "Nơi lưu trữ báo cáo (số hồ sơ lưu trữ, nơi lưu)", confirm: "Xác nhận báo cáo đã được lưu trữ", confirmed: "Đã ghi nhận xác nhận lưu trữ.",
    requests: "Yêu cầu của chủ thể dữ liệu", by: "Tìm theo", taxCode: "Mã số thuế", email: "Thư điện tử", value: "Giá trị", find: "Tìm",
    found: (n) => `Tìm thấy ${n} hồ sơ.`, none: "Không có hồ sơ nào.", download: "Tải toàn bộ (ZIP)", erase: "Xóa dữ liệu cá nhân", erased: "Đã xóa",
    eraseNote: "Ghi chú (thư đề nghị, ngày)", correct: "Sửa thông tin liên hệ", reason: "Lý do chỉnh sửa", save: "Lưu chỉnh sửa",
    contactEmail: "Thư điện tử liên hệ", contactPhone: "Điện thoại liên hệ", contactName: "Người liên hệ", legalRepresentative: "Người đại diện theo pháp luật",
    done: "Đã thực hiện và ghi nhật ký.", notForRole: "Việc này dành cho cán bộ có quyền với mọi đơn vị, không thuộc vai trò của bạn.", refused: "Không thể xóa:", failed: "Không thực hiện được:",
  },
  en: {
    heading: "Personal data and retention", retention: "Retention", noRetention: "This call states no retention: nothing is deleted automatically.",
    period: (d, at) => `${d} days after the deadline; purged from ${at}.`, basis: "Basis", state: "State",
    states: { "not-due": "Not due yet", confirmed: "Archive confirmed; waiting for the purge date", "awaiting-confirmation": "Due; waiting for staff to confirm the report is archived", due: "Being purged (the system runs hourly)", purged: "Purged", "no-retention": "Never purged automatically" },
    confirmedBy: (who, at) => `Archive confirmed by ${who}, ${at}.`, purgedAt: (at) => `Purged at ${at}; the counts are kept.`,
    preview: "What a purge would delete now (a preview: nothing is deleted)", kept: "Kept", counts: { submissions: "submissions", documents: "files", emails: "emails sent", intakeKeys: "intake keys", lateAttempts: "late attempts", reportFiles: "report files" },
    archivedNote: "Where the report is archived (file number, place)", confirm: "Confirm the report is archived", confirmed: "The confirmation is recorded.",
    requests: "Data subjects' requests", by: "Find by", taxCode: "Tax code", email: "Email address", value: "Value", find: "Find",
    found: (n) => `${n} submission(s) found.`, none: "No submission found.", download: "Download everything (ZIP)", erase: "Erase personal data", erased: "Erased",
    eraseNote: "Note (the request letter, its date)", correct: "Correct contact details", reason: "Reason for the correction", save: "Save the correction",
    contactEmail: "Contact email", contactPhone: "Contact phone", contactName: "Contact person", legalRepresentative: "Legal representative",
    done: "Done, and recorded on the audit trail.", notForRole: "This is for staff of every agency: not for your role.", refused: "Erasure refused:", failed: "Not done:",
  },
};
