// The personal-data notice's own words (web/notice.js); the notice's text comes from the call file, per language.
export const noticeText = {
  vi: { heading: "Thông báo về xử lý dữ liệu cá nhân", more: "Xem toàn văn thông báo", version: "Phiên bản thông báo" },
  en: { heading: "How your personal data is handled", more: "Read the full notice", version: "Notice version" },
};
