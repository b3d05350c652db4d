// The proposal form: rendered from the call's definition (GET /api/calls/{id}), checked here with the
// same rules the server enforces, posted as multipart with an Idempotency-Key so a retry never doubles.
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const callId = params.get("call") || "demo";
  const form = document.getElementById("proposal");
  const summary = document.getElementById("summary");
  const enterpriseKeys = ["enterpriseName", "taxCode", "address", "province", "legalRepresentative", "contactName",
    "contactEmail", "contactPhone", "vsicSection", "vsicCode", "employees", "annualRevenueVnd", "totalCapitalVnd"];
  const pilotOnly = ["origin", "coFunding"];
  const maxDocumentBytes = 10 * 1024 * 1024;
  const draftKey = "proposal-draft:" + callId;
  let call = null;
  let idempotencyKey = null;

  fetch("/api/calls/" + encodeURIComponent(callId))
    .then((r) => r.ok ? r.json() : r.json().then((p) => Promise.reject(p)))
    .then(render)
    .catch((problem) => showLoadError(problem && problem.title ? problem.title + ": " + problem.detail : "Không tải được biểu mẫu."));

  function render(definition) {
    call = definition;
    document.getElementById("call-title").textContent = call.title;
    document.getElementById("organiser").textContent = call.organiser;
    for (const field of call.fields) {
      const parent = document.getElementById(enterpriseKeys.includes(field.key) ? "enterprise" : "proposal-fields");
      parent.appendChild(control(field));
    }
    restoreDraft();
    form.addEventListener("input", saveDraft);
    form.elements.taskType.addEventListener("change", showPilotFields);
    showPilotFields();
    form.addEventListener("submit", submit);
    tick();
    setInterval(tick, 1000);
    form.hidden = false;
  }

  function control(field) {
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    wrapper.dataset.field = field.key;
    const label = document.createElement("label");
    label.htmlFor = field.key;
    label.textContent = field.labelVi + (field.required ? " *" : "");
    wrapper.appendChild(label);
    let input;
    const options = choices(field.key);
    if (options) {
      input = document.createElement("select");
      input.appendChild(new Option("— Chọn —", ""));
      for (const [value, text] of options) input.appendChild(new Option(text, value));
    } else if (field.multiline) {
      input = document.createElement("textarea");
    } else {
      input = document.createElement("input");
      input.type = { contactEmail: "email", contactPhone: "tel", startMonth: "month" }[field.key] || "text";
      if (["employees", "annualRevenueVnd", "totalCapitalVnd", "durationMonths", "taxCode", "vsicCode"].includes(field.key)) {
        input.inputMode = "numeric";
      }
    }
    input.id = input.name = field.key;
    input.maxLength = field.maxLength;
    input.required = field.required;
    const error = document.createElement("p");
    error.className = "error";
    error.id = field.key + "-error";
    error.hidden = true;
    input.setAttribute("aria-describedby", error.id);
    wrapper.appendChild(input);
    wrapper.appendChild(error);
    return wrapper;
  }

  function choices(key) {
    switch (key) {
      case "province": return call.provinces.map((p) => [p, p]);
      case "vsicSection": return call.vsicSections.map((s) => [s.letter, s.letter + " – " + s.nameVi]);
      case "taskType": return [["research", "Đề tài"], ["pilotProduction", "Dự án sản xuất thử nghiệm"], ["scientificScheme", "Đề án khoa học"]];
      case "priorityArea": return call.priorityAreas.map((a) => [String(a.number), a.number + ". " + a.title]);
      default: return null;
    }
  }

  function showPilotFields() {
    const pilot = form.elements.taskType.value === "pilotProduction";
    for (const key of pilotOnly) form.querySelector(`[data-field="${key}"]`).hidden = !pilot;
  }

  function tick() {
    const deadline = new Date(call.deadline);
    const left = deadline - new Date();
    const line = document.getElementById("deadline");
    if (left <= 0) {
      line.textContent = "Đã hết hạn tiếp nhận lúc " + call.deadlineVietnam + ".";
      form.hidden = true;
      return;
    }
    const days = Math.floor(left / 86400000);
    const hours = Math.floor(left / 3600000) % 24;
    const minutes = Math.floor(left / 60000) % 60;
    line.textContent = `Hạn tiếp nhận: trước ${call.deadlineVietnam} — còn ${days} ngày ${hours} giờ ${minutes} phút`;
  }

  // --- client-side checks: the same rules as the server's ProposalValidator ---
  function taxCodeProblem(value) {
    const digits = value.replace(/[\s.\-\u00a0]/g, "");
    if (!/^\d{10}(\d{3})?$/.test(digits) || /^\d{2}0{7}/.test(digits)) return "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc (0123456789-001).";
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    const sum = weights.reduce((total, w, i) => total + w * Number(digits[i]), 0);
    if (10 - (sum % 11) !== Number(digits[9])) return "Mã số thuế không đúng (sai chữ số kiểm tra); hãy kiểm tra lại từng chữ số.";
    if (digits.length === 13 && digits.endsWith("000")) return "Mã chi nhánh (3 số cuối) không thể là 000.";
    return null;
  }

  function check() {
    const errors = [];
    for (const field of call.fields) {
      const element = form.elements[field.key];
      if (element.closest(".field").hidden) continue;
      const value = element.value.trim();
      let message = null;
      if (!value && field.required) message = "Vui lòng nhập " + field.labelVi.replace(/^\d+(\.\d+)?\.\s*/, "").toLowerCase() + ".";
      else if (value.length > field.maxLength) message = `Tối đa ${field.maxLength} ký tự.`;
      else if (value && field.key === "taxCode") message = taxCodeProblem(value);
      else if (value && field.key === "contactEmail" && !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(value)) message = "Email không đúng định dạng (ví dụ: ten@congty.vn).";
      else if (value && field.key === "contactPhone" && !/^(?:\+84|84|0)(?:[35789]\d{8}|2\d{9})$/.test(value.replace(/[\s.\-()]/g, ""))) message = "Số điện thoại Việt Nam không hợp lệ.";
      else if (value && ["employees", "annualRevenueVnd", "totalCapitalVnd"].includes(field.key) && !/^\d+$/.test(value.replace(/[\s.,_]/g, ""))) message = "Chỉ nhập số nguyên.";
      else if (value && field.key === "durationMonths" && !(/^\d+$/.test(value) && +value >= 1 && +value <= 36)) message = "Thời gian thực hiện từ 1 đến 36 tháng.";
      else if (value && field.key === "startMonth" && !(/^\d{4}-\d{2}$/.test(value) && +value.slice(0, 4) >= call.programmeYear)) message = `Tháng bắt đầu dạng NNNN-TT, không sớm hơn năm ${call.programmeYear}.`;
      if (message) errors.push({ field: field.key, vi: message });
    }
    for (const [key, extension] of [["signedScan", ".pdf"], ["editableForm", ".docx"]]) {
      const file = form.elements[key].files[0];
      if (!file) errors.push({ field: key, vi: "Vui lòng đính kèm tệp " + extension + "." });
      else if (!file.name.toLowerCase().endsWith(extension)) errors.push({ field: key, vi: "Chỉ nhận tệp " + extension + "." });
      else if (file.size > maxDocumentBytes) errors.push({ field: key, vi: "Tệp quá lớn; tối đa 10 MB." });
    }
    return errors;
  }

  function showErrors(errors, heading) {
    for (const element of form.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
    for (const message of form.querySelectorAll(".error")) message.hidden = true;
    summary.hidden = errors.length === 0 && !heading;
    summary.replaceChildren();
    if (summary.hidden) return;
    const title = document.createElement("strong");
    title.textContent = heading || `Có ${errors.length} mục cần sửa:`;
    const list = document.createElement("ul");
    for (const error of errors) {
      const element = form.elements[error.field];
      const item = document.createElement("li");
      if (element) {
        element.setAttribute("aria-invalid", "true");
        let message = document.getElementById(error.field + "-error");
        if (!message) {
          message = document.createElement("p");
          message.className = "error";
          message.id = error.field + "-error";
          element.insertAdjacentElement("afterend", message);
        }
        message.textContent = error.vi;
        message.hidden = false;
        const link = document.createElement("a");
        link.href = "#" + error.field;
        link.textContent = error.vi;
        item.appendChild(link);
      } else {
        item.textContent = error.vi;
      }
      list.appendChild(item);
    }
    summary.append(title, list);
    summary.focus();
  }

  function submit(event) {
    event.preventDefault();
    const errors = check();
    if (errors.length) return showErrors(errors);
    showErrors([]);
    idempotencyKey = idempotencyKey || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
    const body = new FormData(form);
    const request = new XMLHttpRequest();
    const send = document.getElementById("send");
    const progress = document.getElementById("progress");
    const progressText = document.getElementById("progress-text");
    request.open("POST", "/api/calls/" + encodeURIComponent(callId) + "/submissions");
    request.setRequestHeader("Idempotency-Key", idempotencyKey);
    request.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      progress.value = Math.round((e.loaded / e.total) * 100);
      progressText.textContent = `Đang tải lên ${progress.value}%`;
    };
    request.onload = () => {
      send.disabled = false;
      progress.hidden = true;
      let answer = null;
      try { answer = JSON.parse(request.responseText); } catch { answer = null; }
      if (request.status === 202 && answer) return showReceipt(answer);
      progressText.textContent = "";
      if (answer && answer.errors) return showErrors(answer.errors, answer.title + ": " + answer.detail);
      showErrors([], (answer && answer.title ? answer.title + ": " + answer.detail : "Gửi không thành công (" + request.status + ").") + " Bấm “Gửi đề xuất” để thử lại.");
    };
    request.onerror = () => {
      send.disabled = false;
      progress.hidden = true;
      progressText.textContent = "";
      showErrors([], "Mất kết nối khi gửi. Hồ sơ của bạn vẫn còn trên trang; bấm “Gửi đề xuất” để thử lại (không bị gửi trùng).");
    };
    send.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    request.send(body);
  }

  function showReceipt(receipt) {
    localStorage.removeItem(draftKey);
    form.hidden = true;
    document.getElementById("receipt-number").textContent = receipt.receiptNumber;
    document.getElementById("receipt-time").textContent = receipt.receivedAtVietnam;
    document.getElementById("receipt-link").href =
      "status.html?submission=" + encodeURIComponent(receipt.submissionId) + "&token=" + encodeURIComponent(receipt.trackingToken);
    const section = document.getElementById("receipt");
    section.hidden = false;
    section.focus();
  }

  function saveDraft() {
    const draft = {};
    for (const field of call.fields) draft[field.key] = form.elements[field.key].value;
    localStorage.setItem(draftKey, JSON.stringify(draft));
  }

  function restoreDraft() {
    try {
      const draft = JSON.parse(localStorage.getItem(draftKey) || "{}");
      for (const [key, value] of Object.entries(draft)) if (form.elements[key]) form.elements[key].value = value;
    } catch { localStorage.removeItem(draftKey); }
  }

  function showLoadError(message) {
    const box = document.getElementById("load-error");
    box.textContent = message;
    box.hidden = false;
  }
})();
