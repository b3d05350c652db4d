// The business code (VSIC 2018 and 2025) and the declared section: VsicCodeRule and
// ProposalValidator.SectionMismatch, and the hint shown while the code is typed.
import { error, normalize } from "./text.js";

// ProposalValidator.SectionMismatch: the business code's division must lie in the declared section.
export function sectionMismatch(values, call) {
  const declared = call.vsicSections.find((s) => s.letter === values.vsicSection);
  const code = values.vsicCode;
  const actual = code && call.vsicSections.find((s) => s.divisions.includes(code.slice(0, 2)));
  if (!declared || !actual || actual.letter === declared.letter) return null;
  return error("vsicCode",
    `Mã ngành ${code} thuộc ngành cấp 1 ${actual.letter} (${actual.nameVi}), không thuộc ngành ${declared.letter} (${declared.nameVi}) đã chọn. Ngành cấp 1 quyết định cách xác định quy mô doanh nghiệp; hãy sửa mã ngành hoặc ngành cấp 1.`,
    `Code ${code} belongs to section ${actual.letter} (${actual.nameEn}), not to the chosen section ${declared.letter} (${declared.nameEn}). The section decides how the enterprise's size is judged; correct the code or the section.`);
}

// VsicDirectory.Contains: a class (4 digits) or subclass (5) of the list; where a list is marked incomplete,
// a code whose three-digit group the list has.
export function vsicContains(codes, code) {
  if (code.length === 4 && Object.prototype.hasOwnProperty.call(codes.classes, code)) return true;
  if (code.length === 5 && codes.subclasses.includes(code)) return true;
  return (code.length === 4 || code.length === 5) && !codes.complete
    && [...Object.keys(codes.classes), ...codes.subclasses].some((c) => c.startsWith(code.slice(0, 3)));
}

export const vsicLists = (codes, code) => (code.length === 4 ? Object.prototype.hasOwnProperty.call(codes.classes, code) : codes.subclasses.includes(code));

// VsicConversion.TargetsOf: the row of the official table, or the code's own number when it did not change.
export function vsicTargets(call, code) {
  const conversion = call.vsicConversion;
  if (!conversion || !conversion.fromCodes.includes(code)) return null;
  return Object.prototype.hasOwnProperty.call(conversion.rows, code) ? conversion.rows[code] : [code];
}

export const vsicNameOf = (call, code) => call.vsicCodes.classes[code.slice(0, 4)] ?? null;

// VsicCodeRule.Check: what the code becomes ({ code, declared }) or why it is refused ({ error, choices }).
export function vsicCode(key, value, call, choice) {
  if (!/^\d{4,5}$/.test(value)) {
    return { error: error(key, "Mã ngành VSIC gồm 4 chữ số (ngành cấp 4) hoặc 5 chữ số (cấp 5), ví dụ 2592.", "A VSIC code has 4 digits (a class) or 5 (a subclass), e.g. 2592.") };
  }
  const name = call.vsic.name;
  if (vsicContains(call.vsicCodes, value)) return { code: value };
  const conversion = call.vsicConversion;
  if (!conversion || !conversion.fromCodes.includes(value)) {
    return { error: error(key, `Mã ngành ${value} không có trong ${name} (${call.vsic.decision}).`, `Code ${value} is not in ${name} (${call.vsic.decision}).`) };
  }
  const from = conversion.from;
  const targets = vsicTargets(call, value);
  if (targets.length === 1) return { code: targets[0], declared: value };
  const picked = (choice ?? "").trim();
  if (picked && targets.includes(picked)) return { code: picked, declared: value };
  const list = targets.map((t) => (vsicNameOf(call, t) ? `${t} (${vsicNameOf(call, t)})` : t)).join(", ");
  return {
    choices: targets.map((t) => ({ code: t, name: vsicNameOf(call, t) })),
    error: error(key,
      `Mã ${value} là mã ${from}; theo bảng chuyển đổi của Cục Thống kê (Công văn 3061/CTK-CSCL), mã này chuyển thành một trong các mã ${name}: ${list}. Hãy chọn mã đúng với hoạt động chính của doanh nghiệp.`,
      `Code ${value} is a ${from} code; the official conversion table (Công văn 3061/CTK-CSCL) turns it into one of these ${name} codes: ${list}. Choose the one that matches the enterprise's main activity.`),
  };
}

// While the business code is typed: its name; what a VSIC 2018 code becomes, with the codes to choose from
// where the official table splits it; and, for a number whose meaning moved, what it meant in 2018.
export function vsicHint(call, value, choice) {
  const code = normalize(value);
  if (!/^\d{4,5}$/.test(code)) return null;
  const outcome = vsicCode("vsicCode", code, call, choice);
  const name = (c) => vsicNameOf(call, c);
  const named = (c) => (name(c) ? `${c} – ${name(c)}` : c);
  const targets = outcome.declared || outcome.choices ? vsicTargets(call, code) : null;
  const choices = targets && targets.length > 1 ? targets.map((t) => ({ code: t, name: name(t) })) : null;
  if (outcome.error) return { vi: outcome.error.vi, en: outcome.error.en, choices, refused: !choices };
  const conversion = call.vsicConversion;
  if (outcome.declared) {
    return {
      choices,
      vi: `Mã ${outcome.declared} (${conversion.from}) được chuyển thành mã ${named(outcome.code)} (${call.vsic.name}); hồ sơ ghi cả hai mã.`,
      en: `Code ${outcome.declared} (${conversion.from}) becomes ${named(outcome.code)} (${call.vsic.name}); the proposal keeps both codes.`,
    };
  }
  const moved = conversion && Object.prototype.hasOwnProperty.call(conversion.rows, code) && !conversion.rows[code].includes(code) ? conversion.rows[code] : null;
  if (moved) {
    return {
      vi: `${named(code)} (${call.vsic.name}). Trong ${conversion.from}, mã ${code} là ngành khác: nếu mã này lấy từ Giấy chứng nhận đăng ký doanh nghiệp cấp theo ${conversion.from}, mã ${call.vsic.name} tương ứng là ${moved.join(" hoặc ")}.`,
      en: `${named(code)} (${call.vsic.name}). In ${conversion.from}, code ${code} meant another line: if it comes from a registration certificate issued under ${conversion.from}, the ${call.vsic.name} code is ${moved.join(" or ")}.`,
    };
  }
  return name(code) ? { vi: named(code), en: named(code) } : null;
}
