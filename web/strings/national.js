// The Ministry's national view's words (web/staff/national.js), Vietnamese and English.
export const nationalText = {
  vi: {
    heading: "Tổng hợp toàn quốc", programme: "Chương trình", noProgramme: "Chưa có chương trình nào.",
    agencies: "Các đơn vị", agency: "Đơn vị", province: "Tỉnh/thành phố", call: "Đợt tiếp nhận", state: "Tình trạng đợt",
    reportStatus: "Báo cáo", total: "Số hồ sơ", byStatus: "Theo tình trạng", byProvince: "Số hồ sơ theo tỉnh/thành phố",
    duplicates: "Có thể trùng giữa các đơn vị hoặc với năm trước", noDuplicates: "Không phát hiện hồ sơ trùng giữa các đơn vị hoặc với năm trước.",
    kind: "Loại trùng", taxCode: "Mã số thuế", proposals: "Hồ sơ", workbook: "Tải bảng tổng hợp toàn quốc (.xlsx)",
    checkedAt: "Cập nhật lúc", year: "Năm", failed: "Không tải được tổng hợp toàn quốc; vui lòng thử lại.",
    reports: { pending: "Chưa đến hạn", closed: "Đã hết hạn, chưa có báo cáo", "report-issued": "Đã có báo cáo", late: "Chậm báo cáo" },
    kinds: { "same-tax-code": "Cùng mã số thuế", "same-tax-code-similar-task": "Cùng mã số thuế, nhiệm vụ tương tự", "same-task-name": "Cùng tên nhiệm vụ", "similar-task-name": "Tên nhiệm vụ tương tự" },
    earlierYear: (year) => `đợt năm ${year}`,
    reportCounted: (n, revision) => `(${n} hồ sơ, lần ${revision})`,
  },
  en: {
    heading: "National view", programme: "Programme", noProgramme: "No programme yet.",
    agencies: "Agencies", agency: "Agency", province: "Province", call: "Call", state: "Call state",
    reportStatus: "Report", total: "Submissions", byStatus: "By status", byProvince: "Submissions by province",
    duplicates: "Possible duplicates across agencies or with earlier years", noDuplicates: "No duplicate across agencies or with earlier years found.",
    kind: "Kind", taxCode: "Tax code", proposals: "Submissions", workbook: "Download the national workbook (.xlsx)",
    checkedAt: "As of", year: "Year", failed: "The national view could not be loaded; please try again.",
    reports: { pending: "Not due yet", closed: "Closed, no report yet", "report-issued": "Report issued", late: "Report late" },
    kinds: { "same-tax-code": "Same tax code", "same-tax-code-similar-task": "Same tax code, similar task", "same-task-name": "Same task name", "similar-task-name": "Similar task name" },
    earlierYear: (year) => `${year} call`,
    reportCounted: (n, revision) => `(${n} counted, revision ${revision})`,
  },
};
