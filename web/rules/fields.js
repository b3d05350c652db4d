// ProposalValidator over the form's fields: each field's check, in the form's order, with the conditions
// (showWhen) that make a field count.
import { error, group, lowerFirst, normalize, provinceError } from "./text.js";
import { sectionMismatch, vsicCode } from "./vsic.js";
import { money, moneyError } from "./money.js";

export const inRange = (field, number) => {
  const min = field.min ?? 0;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  return number >= min && number <= max ? null
    : error(field.key, `${field.label.vi}: từ ${group(min, ".")} đến ${group(max, ".")}.`, `${field.label.en}: from ${group(min, ",")} to ${group(max, ",")}.`);
};

// TaxCode.TryParse and ProposalValidator.TaxCodeError.
export function taxCodeError(key, value) {
  const digits = value.replace(/[ .\-\u00a0]/g, "");
  if (/^\d{12}$/.test(digits)) {
    return error(key, "Đây là số định danh cá nhân (12 chữ số), mã số thuế của cá nhân và hộ kinh doanh. Đợt này nhận đề xuất của doanh nghiệp: hãy nhập mã số thuế của doanh nghiệp (10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc).",
      "This is a personal identification number (12 digits), the tax code of individuals and household businesses. This call is for enterprises: enter the enterprise's tax code (10 digits, or 13 for a dependent branch).");
  }
  if (!/^\d{10}(\d{3})?$/.test(digits) || /^\d{2}0{7}/.test(digits)) {
    return error(key, "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc (0123456789-001).",
      "A tax code has 10 digits, or 13 for a dependent branch (0123456789-001).");
  }
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((total, w, i) => total + w * Number(digits[i]), 0);
  if (10 - (sum % 11) !== Number(digits[9])) {
    return error(key, "Mã số thuế không đúng (sai chữ số kiểm tra); hãy kiểm tra lại từng chữ số.",
      "The tax code is wrong (its check digit does not match); check each digit.");
  }
  if (digits.length === 13 && digits.endsWith("000")) {
    return error(key, "Mã chi nhánh (3 số cuối) không thể là 000.", "A branch suffix (last 3 digits) cannot be 000.");
  }
  return null;
}

// ProposalValidator.Check, for the fields the browser types freely or picks from the call's lists.
export function check(field, value, call) {
  const { vi, en } = field.label;
  switch (field.type) {
    case "taxCode": return taxCodeError(field.key, value);
    case "province": return provinceError(field.key, value, call);
    case "vsicSection": {
      const last = call.vsicSections[call.vsicSections.length - 1].letter;
      return call.vsicSections.some((s) => s.letter === value.toUpperCase()) ? null
        : error(field.key, `Ngành cấp 1 phải là một chữ cái từ A đến ${last} (${call.vsic.name}).`, `The VSIC section must be a letter from A to ${last} (${call.vsic.name}).`);
    }
    case "email": return /^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(value) ? null
      : error(field.key, "Email không đúng định dạng (ví dụ: ten@congty.vn).", "Not a valid email address (e.g. name@company.vn).");
    case "phone": return /^(?:\+84|84|0)(?:[35789]\d{8}|2\d{9})$/.test(value.replace(/[\s.\-()]/g, "")) ? null
      : error(field.key, "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912 345 678 hoặc 0225 3842 123).",
        "Not a valid Vietnamese phone number (e.g. 0912 345 678 or 0225 3842 123).");
    case "wholeNumber": {
      const digits = value.replace(/[\s.,_\u00a0]/g, "");
      if (!/^\d{1,18}$/.test(digits)) return error(field.key, `${vi}: chỉ nhập số nguyên.`, `${en}: whole numbers only.`);
      return inRange(field, Number(digits));
    }
    case "money": {
      const read = money(value);
      return read.problem ? moneyError(field, value, read.problem) : inRange(field, read.amount);
    }
    case "month": {
      const written = value.replace(/ /g, "");
      const parts = /^(\d{1,2})\/(\d{4})$/.exec(written) || /^(\d{4})-(\d{2})$/.exec(written);
      const [month, year] = !parts ? [0, 0] : written.includes("/") ? [Number(parts[1]), Number(parts[2])] : [Number(parts[2]), Number(parts[1])];
      if (!parts || month < 1 || month > 12) {
        return error(field.key, "Tháng bắt đầu viết theo dạng tháng/năm (ví dụ: 01/2027).", "Write the month as month/year (e.g. 01/2027).");
      }
      return year >= call.programmeYear ? null
        : error(field.key, `Nhiệm vụ bắt đầu không sớm hơn năm ${call.programmeYear}.`, `The task cannot start before ${call.programmeYear}.`);
    }
    default: return null;
  }
}

export const fields = (definition) => definition.sections.flatMap((s) => s.fields);

// FormDefinition.IsShown: a field with showWhen counts only when the other field has that value.
export const shown = (field, values) => !field.showWhen || (values[field.showWhen.field] ?? "") === field.showWhen.equals;

// ProposalValidator.Validate over the answers (key → text), in the form's order.
export function fieldErrors(definition, call, values) {
  const found = [];
  const passed = {};
  for (const field of fields(definition)) {
    if (!shown(field, values)) continue;
    const value = normalize(values[field.key], field.type === "multiline");
    if (value.length > field.maxLength) {
      found.push(error(field.key, `${field.label.vi}: tối đa ${field.maxLength} ký tự (hiện có ${value.length}).`,
        `${field.label.en}: at most ${field.maxLength} characters (now ${value.length}).`));
    } else if (!value) {
      if (field.required) found.push(error(field.key, `Vui lòng nhập ${lowerFirst(field.label.vi)}.`, `${field.label.en} is required.`));
    } else if (field.type === "vsicCode") {
      const outcome = vsicCode(field.key, value, call, values.vsicCodeChoice);
      if (outcome.error) found.push(outcome.error);
      else passed[field.key] = outcome.code;
    } else {
      const problem = check(field, value, call);
      if (problem) found.push(problem);
      else passed[field.key] = field.type === "vsicSection" ? value.toUpperCase() : value;
    }
  }
  const mismatch = sectionMismatch(passed, call);
  if (mismatch) found.push(mismatch);
  return found;
}
