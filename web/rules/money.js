// Amounts in đồng (MoneyAmount): reading them, their errors, and their size in words while typed.
import { error, normalize } from "./text.js";

// MoneyAmount.TryParse: a whole number of đồng written with dots or spaces between groups of three, or none.
export function money(text) {
  const value = String(text).trim().replace(/[\u00a0\u202f]/g, " ");
  const [comma, dot, space] = [value.includes(","), value.includes("."), value.includes(" ")];
  if (!value || /[^0-9,. ]/.test(value)) return { problem: "notANumber" };
  const grouped = (separator) => {
    const groups = value.split(separator);
    return groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3) ? null : "badGrouping";
  };
  const problem = comma && !dot && !space ? "decimalComma"
    : comma || (dot && space) ? "mixedSeparators"
      : dot ? grouped(".") : space ? grouped(" ") : null;
  if (problem) return { problem };
  const digits = value.replace(/\D/g, "");
  return { amount: digits.length > 18 ? Number.MAX_SAFE_INTEGER : Number(digits) };
}

// MoneyAmount.Error.
export function moneyError(field, value, problem) {
  const { vi, en } = field.label;
  switch (problem) {
    case "decimalComma":
      return value.split(",").length === 2
        ? error(field.key, `${vi}: "${value}" được đọc là ${value} đồng, vì dấu phẩy là dấu thập phân. Số tiền ghi bằng đồng, không có phần lẻ: viết đủ các chữ số, ví dụ 45.500.000.000.`,
          `${en}: "${value}" reads as ${value} dong, the comma being the decimal separator. Amounts are whole dong: write all the digits, e.g. 45.500.000.000.`)
        : error(field.key, `${vi}: "${value}" có dấu phẩy, là dấu thập phân trong tiếng Việt. Dùng dấu chấm để ngăn cách hàng nghìn, ví dụ 45.000.000.000.`,
          `${en}: "${value}" has commas, which are decimal separators in Vietnamese. Group thousands with dots, e.g. 45.000.000.000.`);
    case "badGrouping":
      return error(field.key, `${vi}: "${value}" không đọc được thành số đồng: sau mỗi dấu ngăn cách hàng nghìn phải có đúng 3 chữ số. Viết ví dụ 45.000.000.000 hoặc 45000000000.`,
        `${en}: "${value}" cannot be read as an amount in dong: each thousands separator must be followed by exactly 3 digits. Write e.g. 45.000.000.000 or 45000000000.`);
    case "mixedSeparators":
      return error(field.key, `${vi}: "${value}" dùng lẫn nhiều loại dấu ngăn cách. Chỉ dùng dấu chấm (hoặc dấu cách) giữa các nhóm 3 chữ số, ví dụ 45.000.000.000.`,
        `${en}: "${value}" mixes separators. Use only dots (or spaces) between groups of 3 digits, e.g. 45.000.000.000.`);
    default:
      return error(field.key, `${vi}: chỉ nhập số nguyên.`, `${en}: whole numbers only.`);
  }
}

// While an amount is typed: its size in words, "= 45 tỷ đồng", so a slipped separator shows at once.
export function moneyHint(value, language) {
  const read = value ? money(normalize(value)) : { problem: "empty" };
  if (read.problem || read.amount > 1e18) return null;
  const n = read.amount;
  const [scale, vi, en] = n >= 1e9 ? [1e9, "tỷ đồng", "billion dong"] : n >= 1e6 ? [1e6, "triệu đồng", "million dong"] : n >= 1e3 ? [1e3, "nghìn đồng", "thousand dong"] : [1, "đồng", "dong"];
  const amount = (n / scale).toLocaleString(language === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 3 });
  return `= ${amount} ${language === "vi" ? vi : en}`;
}
