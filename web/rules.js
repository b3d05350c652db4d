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

  // TaxCode.TryParse and ProposalValidator.TaxCodeError.
  function taxCodeError(key, value) {
    const digits = value.replace(/[ .\-\u00a0]/g, "");
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

  // ProposalValidator.Check, for the fields the browser types freely (lists are chosen, not typed).
  function check(field, value, call) {
    const { vi, en } = field.label;
    switch (field.type) {
      case "taxCode": return taxCodeError(field.key, value);
      case "email": return /^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(value) ? null
        : error(field.key, "Email không đúng định dạng (ví dụ: ten@congty.vn).", "Not a valid email address (e.g. name@company.vn).");
      case "phone": return /^(?:\+84|84|0)(?:[35789]\d{8}|2\d{9})$/.test(value.replace(/[\s.\-()]/g, "")) ? null
        : error(field.key, "Số điện thoại Việt Nam không hợp lệ (ví dụ: 0912 345 678 hoặc 0225 3842 123).",
          "Not a valid Vietnamese phone number (e.g. 0912 345 678 or 0225 3842 123).");
      case "vsicCode": return /^\d{2,5}$/.test(value) ? null
        : error(field.key, "Mã ngành VSIC gồm 2 đến 5 chữ số (ví dụ: 2592).", "A VSIC code has 2 to 5 digits (e.g. 2592).");
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
      }
    }
    return found;
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

  global.ProposalRules = { normalize, fieldErrors, documentError, documentErrors, shown };
})(window);
