// The status page's words (web/status.js), Vietnamese and English.
export const statusText = {
  vi: {
    title: "Tình trạng hồ sơ đề xuất", switchTo: "English", incomplete: "Đường dẫn tra cứu không đầy đủ.",
    failed: "Không tải được tình trạng hồ sơ; vui lòng thử lại.", receipt: "Số tiếp nhận", state: "Tình trạng",
    received: "Thời điểm nhận", enterprise: "Doanh nghiệp", task: "Nhiệm vụ", call: "Đợt tiếp nhận",
    fix: "Hồ sơ chưa hợp lệ; cần sửa và gửi lại trước hạn:",
    revise: "Nộp bản sửa", reviseHint: "Mở biểu mẫu với các câu trả lời đã gửi; bản sửa sẽ thay hồ sơ này trong báo cáo tổng hợp.",
    replacedBy: (receipt) => `Hồ sơ này đã được thay bằng bản sửa số ${receipt}; bản sửa đó được tính trong báo cáo.`,
    privacy: "Thông báo xử lý dữ liệu cá nhân và quyền của anh/chị",
    signature: "Chữ ký số", signer: "người ký", issuer: "tổ chức cấp chứng thư", signedAt: "ký lúc",
  },
  en: {
    title: "Status of your proposal", switchTo: "Tiếng Việt", incomplete: "The tracking link is incomplete.",
    failed: "The status could not be loaded; please try again.", receipt: "Receipt number", state: "Status",
    received: "Received at", enterprise: "Enterprise", task: "Task", call: "Call",
    fix: "The submission is not valid; correct it and send it again before the deadline:",
    revise: "Submit a revised version", reviseHint: "Opens the form with the answers you sent; the revised version replaces this submission in the report.",
    replacedBy: (receipt) => `This submission was replaced by revised version ${receipt}, which is the one counted in the report.`,
    privacy: "How your personal data is handled, and your rights",
    signature: "Digital signature", signer: "signed by", issuer: "certificate issued by", signedAt: "signed at",
  },
};
