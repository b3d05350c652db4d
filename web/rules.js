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
      case "vsicCode":
        if (!/^\d{2,5}$/.test(value)) return error(field.key, "Mã ngành VSIC gồm 2 đến 5 chữ số (ví dụ: 2592).", "A VSIC code has 2 to 5 digits (e.g. 2592).");
        return call.vsicSections.some((s) => s.divisions.includes(value.slice(0, 2))) ? null
          : error(field.key, `Mã ngành ${value} không có trong ${call.vsic.name}: hai chữ số đầu ${value.slice(0, 2)} không phải một ngành cấp 2.`,
            `Code ${value} is not in ${call.vsic.name}: its first two digits ${value.slice(0, 2)} are no division.`);
      case "wholeNumber":
      case "money": {
        const digits = value.replace(/[\s.,_\u00a0]/g, "");
        if (!/^\d{1,18}$/.test(digits)) return error(field.key, `${vi}: chỉ nhập số nguyên.`, `${en}: whole numbers only.`);
        const min = field.min ?? 0;
        const max = field.max ?? Number.MAX_SAFE_INTEGER;
        return Number(digits) >= min && Number(digits) <= max ? null
          : error(field.key, `${vi}: từ ${group(min, ".")} đến ${group(max, ".")}.`, `${en}: from ${group(min, ",")} to ${group(max, ",")}.`);
      }
      case "month": {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
          return error(field.key, "Tháng bắt đầu theo dạng NNNN-TT (ví dụ: 2024-01).", "The month is written YYYY-MM (e.g. 2024-01).");
        }
        return Number(value.slice(0, 4)) >= call.programmeYear ? null
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

  global.ProposalRules = { normalize, fieldErrors, documentError, documentErrors, shown, provinceHint };
})(window);
