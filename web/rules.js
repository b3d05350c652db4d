// The server's field and document rules, for the browser: the same checks and the same messages as
// ProposalValidator.cs and DocumentRules.cs, applied before anything is sent. The two are kept equal by
// one table of cases (tests/cases/field-rules.json) that the tests run through both; a change to either
// fails until the other and the table follow. Limits (document size) come from the call's answer.
(function (global) {
  "use strict";

  const error = (field, vi, en) => ({ field, vi, en });
  const lowerFirst = (text) => (/^\d/.test(text) ? text : text.charAt(0).toLocaleLowerCase("vi") + text.slice(1));
  const group = (n, separator) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  const megabytes = (bytes) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

  // VietnameseText.Normalize: NFC, CR dropped, tabs and newlines kept only in multi-line text, other
  // control and format characters removed, trimmed.
  function normalize(value, multiline) {
    let text = String(value ?? "").normalize("NFC").replace(/\r/g, "");
    text = multiline ? text : text.replace(/[\n\t]/g, " ");
    return text.replace(/[\p{Cc}\p{Cf}]/gu, (c) => (multiline && (c === "\n" || c === "\t") ? c : "")).trim();
  }

  // ProvinceDirectory.Key: folded (case, diacritics, đ), without a "Tỉnh"/"Thành phố" prefix, letters and digits only.
  function provinceKey(name) {
    let folded = String(name ?? "").normalize("NFD").replace(/\p{Mn}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
    const prefix = ["thanh pho ", "tinh ", "tp. ", "tp.", "tp "].find((p) => folded.startsWith(p));
    if (prefix) folded = folded.slice(prefix.length);
    return folded.replace(/[^a-z0-9]/g, "");
  }

  // ProposalValidator's province rule: a unit of the call's list; a unit merged into one (the 2025 list) is
  // answered with the server's own words from the call (mergedProvinces), so the form can say it while typing.
  function provinceError(key, value, call) {
    const typed = provinceKey(value);
    if ((call.provinceSpellings || []).some((p) => p.spellings.some((s) => provinceKey(s) === typed))) return null;
    const merged = (call.mergedProvinces || []).find((m) => m.spellings.some((s) => provinceKey(s) === typed));
    if (merged) return error(key, merged.vi, merged.en);
    return error(key, `Không nhận ra tỉnh/thành phố "${value}"; hãy chọn trong danh sách.`, `Unknown province or city "${value}"; choose one from the list.`);
  }

  // ProposalValidator.SectionMismatch: the business code's division must lie in the declared section.
  function sectionMismatch(values, call) {
    const declared = call.vsicSections.find((s) => s.letter === values.vsicSection);
    const code = values.vsicCode;
    const actual = code && call.vsicSections.find((s) => s.divisions.includes(code.slice(0, 2)));
    if (!declared || !actual || actual.letter === declared.letter) return null;
    return error("vsicCode",
      `Mã ngành ${code} thuộc ngành cấp 1 ${actual.letter} (${actual.nameVi}), không thuộc ngành ${declared.letter} (${declared.nameVi}) đã chọn. Ngành cấp 1 quyết định cách xác định quy mô doanh nghiệp; hãy sửa mã ngành hoặc ngành cấp 1.`,
      `Code ${code} belongs to section ${actual.letter} (${actual.nameEn}), not to the chosen section ${declared.letter} (${declared.nameEn}). The section decides how the enterprise's size is judged; correct the code or the section.`);
  }

  // VsicDirectory.Contains: a class (4 digits) or subclass (5) of the list; where the list is incomplete
  // (the VSIC 2018 OCR), a code whose three-digit group the list has.
  function vsicContains(codes, code) {
    if (code.length === 4 && Object.prototype.hasOwnProperty.call(codes.classes, code)) return true;
    if (code.length === 5 && codes.subclasses.includes(code)) return true;
    return (code.length === 4 || code.length === 5) && !codes.complete
      && [...Object.keys(codes.classes), ...codes.subclasses].some((c) => c.startsWith(code.slice(0, 3)));
  }

  const vsicLists = (codes, code) => (code.length === 4 ? Object.prototype.hasOwnProperty.call(codes.classes, code) : codes.subclasses.includes(code));

  // VsicConversion.TargetsOf: the row of the official table, or the code's own number when it did not change.
  function vsicTargets(call, code) {
    const conversion = call.vsicConversion;
    if (!conversion || !conversion.fromCodes.includes(code)) return null;
    return Object.prototype.hasOwnProperty.call(conversion.rows, code) ? conversion.rows[code] : [code];
  }

  const vsicNameOf = (call, code) => call.vsicCodes.classes[code.slice(0, 4)] ?? null;

  // VsicCodeRule.Check: what the code becomes ({ code, declared }) or why it is refused ({ error, choices }).
  function vsicCode(key, value, call, choice) {
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

  // MoneyAmount.TryParse: a whole number of đồng written with dots or spaces between groups of three, or none.
  function money(text) {
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
  function moneyError(field, value, problem) {
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

  const inRange = (field, number) => {
    const min = field.min ?? 0;
    const max = field.max ?? Number.MAX_SAFE_INTEGER;
    return number >= min && number <= max ? null
      : error(field.key, `${field.label.vi}: từ ${group(min, ".")} đến ${group(max, ".")}.`, `${field.label.en}: from ${group(min, ",")} to ${group(max, ",")}.`);
  };

  // TaxCode.TryParse and ProposalValidator.TaxCodeError.
  function taxCodeError(key, value) {
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
  function check(field, value, call) {
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

  const fields = (definition) => definition.sections.flatMap((s) => s.fields);

  // FormDefinition.IsShown: a field with showWhen counts only when the other field has that value.
  const shown = (field, values) => !field.showWhen || (values[field.showWhen.field] ?? "") === field.showWhen.equals;

  // ProposalValidator.Validate over the answers (key → text), in the form's order.
  function fieldErrors(definition, call, values) {
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

  // While the province is typed: what the server would say about a merged unit's name, or nothing.
  function provinceHint(call, value) {
    const problem = value ? provinceError("province", normalize(value), call) : null;
    return problem && (call.mergedProvinces || []).some((m) => m.vi === problem.vi) ? problem : null;
  }

  // While an amount is typed: its size in words, "= 45 tỷ đồng", so a slipped separator shows at once.
  function moneyHint(value, language) {
    const read = value ? money(normalize(value)) : { problem: "empty" };
    if (read.problem || read.amount > 1e18) return null;
    const n = read.amount;
    const [scale, vi, en] = n >= 1e9 ? [1e9, "tỷ đồng", "billion dong"] : n >= 1e6 ? [1e6, "triệu đồng", "million dong"] : n >= 1e3 ? [1e3, "nghìn đồng", "thousand dong"] : [1, "đồng", "dong"];
    const amount = (n / scale).toLocaleString(language === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 3 });
    return `= ${amount} ${language === "vi" ? vi : en}`;
  }

  // While the business code is typed: its name; what a VSIC 2018 code becomes, with the codes to choose from
  // where the official table splits it; and, for a number whose meaning moved, what it meant in 2018.
  function vsicHint(call, value, choice) {
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

  // DocumentRules.Check: what can be told from a file's name and size before sending it.
  const documents = {
    signedScan: { extension: ".pdf", vi: "bản quét có chữ ký, đóng dấu (PDF)", en: "signed scan (PDF)" },
    editableForm: { extension: ".docx", vi: "tệp Word của phiếu đề xuất (.docx)", en: "editable form (.docx)" },
  };

  function documentError(key, file, limits) {
    const kind = documents[key];
    if (!file || !file.size) return error(key, `Vui lòng đính kèm ${kind.vi}.`, `Please attach the ${kind.en}.`);
    if (file.size > limits.maxDocumentBytes) {
      return error(key, `${kind.vi.charAt(0).toLocaleUpperCase("vi") + kind.vi.slice(1)}: tệp quá lớn (${megabytes(file.size)}); tối đa ${megabytes(limits.maxDocumentBytes)}.`,
        `The ${kind.en}: the file is too large (${megabytes(file.size)}); at most ${megabytes(limits.maxDocumentBytes)}.`);
    }
    if (!file.name.toLowerCase().endsWith(kind.extension)) {
      return error(key, `${kind.vi.charAt(0).toLocaleUpperCase("vi") + kind.vi.slice(1)}: chỉ nhận tệp ${kind.extension} đúng định dạng (tệp "${file.name}" không phải).`,
        `The ${kind.en}: only a genuine ${kind.extension} file is accepted ("${file.name}" is not).`);
    }
    return null;
  }

  function documentErrors(files, limits) {
    return Object.keys(documents).map((key) => documentError(key, files[key], limits)).filter(Boolean);
  }

  global.ProposalRules = { normalize, fieldErrors, documentError, documentErrors, shown, provinceHint, moneyHint, vsicHint };
})(window);
