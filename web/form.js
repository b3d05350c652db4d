// The proposal form. It renders from the call's form definition (GET /api/calls/{id}), in Vietnamese
// or English, checks every answer with the server's rules (rules.js) before sending, keeps a
// draft in this browser, shows a review step, and posts multipart with an Idempotency-Key that a
// retry reuses, so a flaky connection never creates two submissions. Opened from the status page's
// "Nộp bản sửa" link (#revise=…&token=…, a fragment the browser never sends), it fills in the earlier
// answers and sends the two fields that prove the enterprise may replace that submission.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const callId = params.get("call") || "demo";
  // Staff entering a proposal that came on paper (from the console): the same form, sent to the staff route
  // with the day the paper arrived; the Word file is optional and the deadline does not close the form.
  const paper = params.get("paper") === "1";
  const draftKey = (paper ? "proposal-draft-paper:" : "proposal-draft:") + callId;
  let language = params.get("lang") || localStorage.getItem("proposal-language") || "vi";
  let call = null;
  let definition = null;
  let errors = [];
  let heading = null;
  let idempotencyKey = null;
  // The submission being revised, with its tracking token, when opened from the status page.
  const link = new URLSearchParams(location.hash.replace(/^#/, ""));
  let revising = link.get("revise") && link.get("token") ? { id: link.get("revise"), token: link.get("token"), answers: null, problem: null } : null;
  // The server's limits come with the call (GET /api/calls/{id}): nothing here hard-codes them.
  const megabytes = (bytes) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

  const ui = {
    vi: {
      heading: "Đề xuất nhiệm vụ khoa học và công nghệ", switchTo: "English", choose: "— Chọn —",
      intro: "Các mục có dấu * là bắt buộc. Nội dung được lưu tạm trên máy này khi bạn nhập.",
      documentsLegend: "III. Tài liệu đính kèm", templateLink: "Tải mẫu phiếu đề xuất (Word) để điền và ký",
      signedScanLabel: "Bản quét phiếu đề xuất có chữ ký, đóng dấu (PDF) *", signedScanHelp: () => `Tệp PDF, tối đa ${megabytes(call.limits.maxDocumentBytes)}${call.limits.signedScanMaxPages ? `, không quá ${call.limits.signedScanMaxPages} trang A4` : ""}.`,
      editableFormLabel: "Tệp Word của phiếu đề xuất (.docx) *", editableFormHelp: () => `Tệp .docx (không nhận .doc, .docm), tối đa ${megabytes(call.limits.maxDocumentBytes)}.`,
      reviewButton: "Xem lại trước khi gửi", reviewHeading: "Xem lại đề xuất", reviewHint: "Kiểm tra lần cuối; bấm “Sửa lại” để thay đổi.",
      backButton: "Sửa lại", sendButton: "Gửi đề xuất", receiptHeading: "Đã nhận đề xuất", receiptNumber: "Số tiếp nhận",
      receiptTime: "Thời điểm nhận", receiptEnterprise: "Doanh nghiệp", receiptTask: "Nhiệm vụ",
      receiptNext: "Hồ sơ sẽ được kiểm tra tài liệu và phân loại trong ít phút; kết quả gửi tới email liên hệ. Sau hạn tiếp nhận, Chi cục tổng hợp các đề xuất để báo cáo Ủy ban nhân dân thành phố và Bộ Khoa học và Công nghệ.",
      receiptLink: "Tra cứu tình trạng hồ sơ", receiptKeep: "(lưu lại đường dẫn này)", printButton: "In / lưu biên nhận",
      deadline: (when, d, h, m) => `Hạn tiếp nhận: trước ${when} — còn ${d} ngày ${h} giờ ${m} phút`,
      closed: (when) => `Đã hết hạn tiếp nhận lúc ${when}. Biểu mẫu đã đóng; hồ sơ gửi sau thời điểm này không được tiếp nhận.`,
      summary: (n) => `Có ${n} mục cần sửa:`, uploading: (p) => `Đang tải lên ${p}%`, files: "Tài liệu",
      network: "Mất kết nối khi gửi. Hồ sơ vẫn còn trên trang; bấm “Gửi đề xuất” để thử lại (không bị gửi trùng).",
      failed: (status) => `Gửi không thành công (${status}). Bấm “Gửi đề xuất” để thử lại.`, loadFailed: "Không tải được biểu mẫu.",
      pilotOnly: "chỉ với dự án sản xuất thử nghiệm",
      revising: (receipt) => `Bạn đang nộp bản sửa của hồ sơ số ${receipt}. Các câu trả lời trước đã được điền sẵn; hãy đính kèm lại hai tệp. Bản sửa sẽ thay bản trước trong báo cáo tổng hợp (bản trước vẫn được lưu).`,
      reviseClosed: (receipt) => `Không thể nộp bản sửa của hồ sơ số ${receipt}: đã hết hạn tiếp nhận, hoặc hồ sơ đã được thay bằng một bản sửa khác.`,
      reviseFailed: "Không tải được hồ sơ cần sửa (đường dẫn không đúng hoặc đã hết hiệu lực). Biểu mẫu dưới đây sẽ gửi một hồ sơ mới, không thay hồ sơ nào.",
      paperMode: "Cán bộ nhập hồ sơ nộp bản giấy. Hồ sơ được ghi nhận là \u201cbản giấy\u201d, xét hạn theo ngày nhận bản giấy; thư xác nhận gửi tới email liên hệ của doanh nghiệp. Tệp Word không bắt buộc.",
      paperReceivedOn: "Ngày nhận bản giấy *", paperSignIn: "Hãy đăng nhập ở bảng điều khiển cán bộ (/staff/) trong thẻ này rồi mở lại trang.",
    },
    en: {
      heading: "Science and technology task proposal", switchTo: "Tiếng Việt", choose: "— Choose —",
      intro: "Items marked * are required. What you type is kept on this device as a draft.",
      documentsLegend: "III. Documents", templateLink: "Download the Word form to fill in and sign",
      signedScanLabel: "Signed and stamped scan of the proposal (PDF) *", signedScanHelp: () => `A PDF file, at most ${megabytes(call.limits.maxDocumentBytes)}${call.limits.signedScanMaxPages ? ` and ${call.limits.signedScanMaxPages} A4 pages` : ""}.`,
      editableFormLabel: "The proposal as a Word file (.docx) *", editableFormHelp: () => `A .docx file (not .doc or .docm), at most ${megabytes(call.limits.maxDocumentBytes)}.`,
      reviewButton: "Review before sending", reviewHeading: "Review your proposal", reviewHint: "Check it once more; choose “Edit” to change anything.",
      backButton: "Edit", sendButton: "Send the proposal", receiptHeading: "Proposal received", receiptNumber: "Receipt number",
      receiptTime: "Received at", receiptEnterprise: "Enterprise", receiptTask: "Task",
      receiptNext: "The documents are checked and the proposal classified within minutes; the outcome is emailed to the contact address. After the deadline the Sub-department compiles all proposals for the City People's Committee and the Ministry of Science and Technology.",
      receiptLink: "Track your submission", receiptKeep: "(keep this link)", printButton: "Print / save the receipt",
      deadline: (when, d, h, m) => `Deadline: before ${when} — ${d} days ${h} h ${m} min left`,
      closed: (when) => `The call closed at ${when}. The form is closed; submissions are no longer accepted.`,
      summary: (n) => `${n} item(s) need correcting:`, uploading: (p) => `Uploading ${p}%`, files: "Documents",
      network: "The connection dropped while sending. Your answers are still here; choose “Send the proposal” to retry (it will not be sent twice).",
      failed: (status) => `Sending failed (${status}). Choose “Send the proposal” to retry.`, loadFailed: "The form could not be loaded.",
      pilotOnly: "pilot-production projects only",
      revising: (receipt) => `You are sending a revised version of submission ${receipt}. Your earlier answers are filled in; attach the two files again. The revised version replaces the earlier one in the report (the earlier one is kept).`,
      reviseClosed: (receipt) => `A revised version of submission ${receipt} cannot be sent: the call has closed, or it was already replaced by another revised version.`,
      reviseFailed: "The submission to revise could not be loaded (the link is wrong or no longer valid). The form below sends a new submission that replaces nothing.",
      paperMode: "Staff entering a proposal received on paper. It is recorded as \u201cpaper\u201d, judged on time by the day the paper arrived; the receipt goes to the enterprise's contact email. The Word file is optional.",
      paperReceivedOn: "Day the paper arrived *", paperSignIn: "Sign in on the staff console (/staff/) in this tab, then open this page again.",
    },
  };
  const t = (key, ...args) => (typeof ui[language][key] === "function" ? ui[language][key](...args) : ui[language][key]);

  fetch("/api/calls/" + encodeURIComponent(callId))
    .then((r) => r.json().then((body) => (r.ok ? body : Promise.reject(body))))
    .then(start)
    .catch((problem) => {
      $("load-error").textContent = problem && problem.title ? `${problem.title}: ${problem.detail}` : t("loadFailed");
      $("load-error").hidden = false;
    });

  function start(answer) {
    call = answer;
    definition = answer.form;
    $("template-link").href = `/api/calls/${encodeURIComponent(callId)}/form-template.docx`;
    for (const section of definition.sections) {
      const fieldset = document.createElement("fieldset");
      fieldset.id = "section-" + section.id;
      const legend = document.createElement("legend");
      legend.dataset.section = section.id;
      fieldset.appendChild(legend);
      for (const field of section.fields) fieldset.appendChild(control(field));
      $("sections").appendChild(fieldset);
    }
    restoreDraft();
    if (revising) loadRevision();
    if (paper) addPaperFields();
    $("proposal").addEventListener("input", () => { saveDraft(); applyConditions(); });
    $("province").addEventListener("input", showProvinceHint);
    $("proposal").addEventListener("input", showLiveHints);
    $("proposal").addEventListener("change", showLiveHints);
    $("proposal").addEventListener("change", applyConditions);
    $("proposal").addEventListener("submit", review);
    $("back").addEventListener("click", () => show("proposal"));
    $("send").addEventListener("click", send);
    $("print").addEventListener("click", () => window.print());
    $("language").addEventListener("click", () => {
      language = language === "vi" ? "en" : "vi";
      localStorage.setItem("proposal-language", language);
      applyLanguage();
      showLiveHints();
    });
    applyLanguage();
    applyConditions();
    showLiveHints();
    $("proposal").hidden = false;
    tick();
    setInterval(tick, 1000);
  }

  function control(field) {
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    wrapper.dataset.field = field.key;
    const label = document.createElement("label");
    label.htmlFor = field.key;
    wrapper.appendChild(label);
    const help = document.createElement("p");
    help.className = "hint";
    help.id = field.key + "-help";
    wrapper.appendChild(help);
    let input;
    if (["choice", "vsicSection", "priorityArea"].includes(field.type)) {
      input = document.createElement("select");
    } else if (field.type === "multiline") {
      input = document.createElement("textarea");
      input.rows = 5;
    } else {
      input = document.createElement("input");
      input.type = { email: "email", phone: "tel" }[field.type] || "text";
      if (field.type === "month") input.placeholder = "01/2027"; // tháng/năm, as people write it
      if (["wholeNumber", "money", "taxCode", "vsicCode"].includes(field.type)) input.inputMode = "numeric";
      if (field.type === "email") input.autocomplete = "email";
      if (field.type === "phone") input.autocomplete = "tel";
      if (field.type === "province") {
        // Typed, with the call's units offered as the user types; a unit merged in 2025 is explained at once.
        input.setAttribute("list", "province-list");
        input.autocomplete = "off";
        const list = document.createElement("datalist");
        list.id = "province-list";
        for (const name of call.provinces) list.appendChild(new Option(name, name));
        wrapper.appendChild(list);
      }
    }
    input.id = input.name = field.key;
    if (input.tagName !== "SELECT") input.maxLength = field.maxLength;
    input.setAttribute("aria-describedby", `${field.key}-help ${field.key}-error`);
    if (field.required) input.setAttribute("aria-required", "true");
    wrapper.appendChild(input);
    if (field.type === "money" || field.type === "vsicCode") wrapper.appendChild(liveHint(field));
    const error = document.createElement("p");
    error.className = "error";
    error.id = field.key + "-error";
    error.hidden = true;
    wrapper.appendChild(error);
    return wrapper;
  }

  // "= 45 tỷ đồng" beside an amount; beside the business code its name, or the VSIC 2025 codes a 2018 code becomes.
  function liveHint(field) {
    const live = document.createElement("div");
    live.className = "live";
    const text = document.createElement("p");
    text.id = field.key + "-live";
    text.setAttribute("aria-live", "polite");
    text.hidden = true;
    live.appendChild(text);
    if (field.type === "vsicCode") {
      const choice = document.createElement("select");
      choice.id = choice.name = "vsicCodeChoice";
      choice.hidden = true;
      choice.setAttribute("aria-describedby", text.id);
      live.appendChild(choice);
    }
    return live;
  }

  function showLiveHints() {
    for (const field of fields().filter((f) => f.type === "money" || f.type === "vsicCode")) {
      const text = $(field.key + "-live");
      if (field.type === "money") {
        text.textContent = ProposalRules.moneyHint($(field.key).value, language) || "";
      } else {
        const choice = $("vsicCodeChoice");
        const hint = ProposalRules.vsicHint(call, $(field.key).value, choice.value);
        text.textContent = hint ? hint[language] : "";
        const wanted = hint && hint.choices ? ["", ...hint.choices.map((c) => c.code)] : [];
        if ([...choice.options].map((o) => o.value).join() !== wanted.join()) {
          const kept = choice.value;
          choice.replaceChildren(...wanted.map((code) => {
            const item = hint.choices.find((c) => c.code === code);
            return new Option(item ? (item.name ? `${code} – ${item.name}` : code) : (language === "vi" ? "— Chọn mã VSIC 2025 —" : "— Choose the VSIC 2025 code —"), code);
          }));
          choice.value = wanted.includes(kept) ? kept : "";
        }
        choice.hidden = wanted.length === 0;
      }
      text.hidden = !text.textContent;
    }
  }

  function options(field) {
    switch (field.type) {
      case "choice": return field.options.map((o) => [o.value, o.label[language]]);
      case "vsicSection": return call.vsicSections.map((s) => [s.letter, `${s.letter} – ${language === "vi" ? s.nameVi : s.nameEn}`]);
      case "priorityArea": return call.priorityAreas.map((a) => [String(a.number), `${a.number}. ${language === "vi" ? a.title : (a.titleEn || a.title)}`]);
      default: return null;
    }
  }

  function applyLanguage() {
    document.documentElement.lang = language;
    $("language").textContent = t("switchTo");
    $("language").lang = language === "vi" ? "en" : "vi";
    for (const element of document.querySelectorAll("[data-text]")) element.textContent = t(element.dataset.text);
    $("call-title").textContent = language === "vi" ? call.title : (call.titleEn || call.title);
    $("organiser").textContent = call.organiser;
    $("form-title").textContent = definition.title[language];
    for (const legend of document.querySelectorAll("legend[data-section]")) {
      legend.textContent = definition.sections.find((s) => s.id === legend.dataset.section).title[language];
    }
    for (const field of fields()) {
      const wrapper = document.querySelector(`[data-field="${field.key}"]`);
      const condition = field.showWhen ? ` (${t("pilotOnly")})` : "";
      wrapper.querySelector("label").textContent = field.label[language] + (field.required ? " *" : "") + condition;
      const help = wrapper.querySelector(".hint");
      // The section list is the call's VSIC version (2018 or 2025): say which, beside any help of the form's.
      const vsicNote = field.type === "vsicSection" ? (language === "vi" ? `Theo ${call.vsic.name} (${call.vsic.decision}).` : `As in ${call.vsic.name} (${call.vsic.decision}).`) : "";
      help.textContent = [field.help ? field.help[language] : "", vsicNote].filter(Boolean).join(" ");
      help.hidden = !help.textContent;
      const choices = options(field);
      if (choices) {
        const select = wrapper.querySelector("select");
        const value = select.value;
        select.replaceChildren(new Option(t("choose"), ""), ...choices.map(([v, text]) => new Option(text, v)));
        select.value = value;
      }
    }
    showErrors(errors, heading, false);
    showRevising();
    showInstructions();
    tick();
  }

  // The earlier answers, read with the tracking token (GET /api/submissions/{id}/answers).
  function loadRevision() {
    fetch("/api/submissions/" + encodeURIComponent(revising.id) + "/answers", { headers: { "X-Tracking-Token": revising.token, Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((answers) => {
        if (answers.callId !== callId) return Promise.reject("call");
        revising.answers = answers;
        if (answers.canRevise) {
          fill(answers.fields);
          for (const [name, value] of [["replacesSubmissionId", revising.id], ["replacesTrackingToken", revising.token]]) {
            const input = document.createElement("input");
            input.type = "hidden";
            input.name = input.id = name;
            input.value = value;
            $("proposal").appendChild(input);
          }
          applyLanguage();
          applyConditions();
          saveDraft();
        }
        showRevising();
      })
      .catch(() => { revising.problem = true; showRevising(); });
  }

  function showRevising() {
    const notice = $("revising");
    if (!revising || (!revising.answers && !revising.problem)) return;
    notice.textContent = revising.problem ? t("reviseFailed")
      : revising.answers.canRevise ? t("revising", revising.answers.receiptNumber) : t("reviseClosed", revising.answers.receiptNumber);
    notice.className = revising.problem || !revising.answers.canRevise ? "problem" : "notice";
    notice.hidden = false;
  }

  // What the notice asks beyond the upload (the paper original, whom to call), from the call file: on the
  // form and again on the receipt.
  function showInstructions() {
    const lines = (call.instructions && call.instructions[language]) || [];
    for (const id of ["instructions", "receipt-instructions"]) {
      $(id).replaceChildren(...lines.map((line) => Object.assign(document.createElement("p"), { textContent: line })));
    }
    $("instructions").hidden = lines.length === 0;
  }

  // "Tỉnh Hải Dương (cũ) đã được sắp xếp vào thành phố Hải Phòng từ ngày 01/07/2025": said while typing, in the server's words.
  function showProvinceHint() {
    const hint = ProposalRules.provinceHint(call, $("province").value);
    const message = $("province-error");
    if (hint) {
      message.textContent = hint[language];
      message.hidden = false;
    } else if (!errors.some((e) => e.field === "province")) {
      message.hidden = true;
    }
  }

  const fields = () => definition.sections.flatMap((s) => s.fields);
  const shown = (field) => ProposalRules.shown(field, values());

  function applyConditions() {
    for (const field of fields()) document.querySelector(`[data-field="${field.key}"]`).hidden = !shown(field);
  }

  function tick() {
    if (!call) return;
    const left = new Date(call.deadline) - new Date();
    const when = language === "vi" ? call.deadlineVietnam : call.deadlineEnglish;
    if (left <= 0 && !paper) {
      $("deadline").textContent = "";
      $("closed").textContent = t("closed", when);
      $("closed").hidden = false;
      for (const id of ["proposal", "review"]) $(id).hidden = true;
      return;
    }
    $("deadline").textContent = t("deadline", when, Math.floor(left / 86400000), Math.floor(left / 3600000) % 24, Math.floor(left / 60000) % 60);
  }

  // The answers as typed, by field key: what the rules (rules.js, the server's rules) are applied to.
  const values = () => Object.fromEntries(fields().map((field) => [field.key, $(field.key).value]));

  function validate() {
    const documents = ProposalRules.documentErrors({ signedScan: $("signedScan").files[0], editableForm: $("editableForm").files[0] }, call.limits);
    return [
      ...ProposalRules.fieldErrors(definition, call, { ...values(), vsicCodeChoice: $("vsicCodeChoice").value }),
      // On paper the Word file is optional: only a file that is there is checked.
      ...(paper ? documents.filter((e) => e.field !== "editableForm" || $("editableForm").files[0]) : documents),
      ...(paper && !$("paperReceivedOn").value ? [{ field: "paperReceivedOn", vi: "Nhập ngày nhận bản giấy.", en: "Enter the day the paper arrived." }] : []),
    ];
  }

  function addPaperFields() {
    const notice = $("revising");
    notice.className = "notice";
    notice.hidden = false;
    notice.dataset.text = "paperMode";
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    const label = document.createElement("label");
    label.htmlFor = "paperReceivedOn";
    label.dataset.text = "paperReceivedOn";
    const input = document.createElement("input");
    input.type = "date";
    input.id = input.name = "paperReceivedOn";
    input.max = new Date().toISOString().slice(0, 10);
    const error = document.createElement("p");
    error.className = "error";
    error.id = "paperReceivedOn-error";
    error.hidden = true;
    wrapper.append(label, input, error);
    $("documents").insertBefore(wrapper, $("documents").querySelector(".field"));
  }

  function showErrors(list, title, focus = true) {
    errors = list;
    heading = title;
    for (const element of document.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
    for (const message of document.querySelectorAll(".error")) message.hidden = true;
    const summary = $("summary");
    summary.replaceChildren();
    summary.hidden = list.length === 0 && !title;
    if (summary.hidden) return;
    const strong = document.createElement("strong");
    strong.textContent = title ? title[language] : t("summary", list.length);
    const items = document.createElement("ul");
    for (const item of list) {
      const text = item[language] || item.vi;
      const input = $(item.field);
      const li = document.createElement("li");
      if (input && input.closest("form")) {
        input.setAttribute("aria-invalid", "true");
        const message = $(item.field + "-error");
        message.textContent = text;
        message.hidden = false;
        const link = document.createElement("a");
        link.href = "#" + item.field;
        link.textContent = text;
        li.appendChild(link);
      } else {
        li.textContent = text;
      }
      items.appendChild(li);
    }
    summary.append(strong, items);
    if (focus) summary.focus();
  }

  function show(id) {
    for (const section of ["proposal", "review", "receipt"]) $(section).hidden = section !== id;
    const target = id === "proposal" ? $("summary").hidden ? $("sections").querySelector("input,select,textarea") : $("summary") : $(id);
    target.focus();
  }

  function review(event) {
    event.preventDefault();
    const found = validate();
    showErrors(found, null);
    if (found.length) return;
    const list = $("review-list");
    list.replaceChildren();
    for (const field of fields().filter(shown)) {
      const element = $(field.key);
      const value = element.tagName === "SELECT" ? element.selectedOptions[0].textContent : element.value.trim();
      if (!value) continue;
      const dt = document.createElement("dt");
      dt.textContent = field.label[language];
      const dd = document.createElement("dd");
      dd.textContent = value;
      list.append(dt, dd);
    }
    const dt = document.createElement("dt");
    dt.textContent = t("files");
    const dd = document.createElement("dd");
    dd.textContent = [$("signedScan").files[0], $("editableForm").files[0]].filter(Boolean).map((f) => f.name).join("\n"); // on paper the Word file may be absent
    list.append(dt, dd);
    $("send-problem").hidden = true;
    show("review");
  }

  function send() {
    idempotencyKey = idempotencyKey || (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
    const request = new XMLHttpRequest();
    request.open("POST", paper ? `/api/staff/calls/${encodeURIComponent(callId)}/paper` : `/api/calls/${encodeURIComponent(callId)}/submissions`);
    request.setRequestHeader("Idempotency-Key", idempotencyKey);
    // The staff key the console keeps for this tab; with Entra ID sign-in the session cookie goes by itself.
    if (paper) request.setRequestHeader("X-Requested-With", "staff-console"); // staff routes refuse state changes without it (CSRF)
    if (paper && sessionStorage.getItem("staff-key")) request.setRequestHeader("x-staff-key", sessionStorage.getItem("staff-key"));
    request.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      $("progress").value = Math.round((e.loaded / e.total) * 100);
      $("progress-text").textContent = t("uploading", $("progress").value);
    };
    request.onload = () => {
      finish();
      let answer = null;
      try { answer = JSON.parse(request.responseText); } catch { answer = null; }
      if (request.status === 202 && answer) return receipt(answer);
      if (answer && answer.errors) {
        showErrors(answer.errors, { vi: `${answer.title}: ${answer.detail}`, en: `${answer.titleEn}: ${answer.detailEn}` });
        return show("proposal");
      }
      const problem = $("send-problem");
      if (paper && (request.status === 401 || request.status === 403)) {
        problem.textContent = t("paperSignIn");
        problem.hidden = false;
        return;
      }
      problem.textContent = answer && answer.title ? `${language === "vi" ? answer.title : answer.titleEn}: ${language === "vi" ? answer.detail : answer.detailEn}` : t("failed", request.status);
      problem.hidden = false;
      if (request.status === 422) tick();
    };
    request.onerror = () => {
      finish();
      $("send-problem").textContent = t("network");
      $("send-problem").hidden = false;
    };
    $("send").disabled = $("back").disabled = true;
    $("progress").hidden = false;
    $("progress").value = 0;
    request.send(new FormData($("proposal")));
  }

  function finish() {
    $("send").disabled = $("back").disabled = false;
    $("progress").hidden = true;
    $("progress-text").textContent = "";
  }

  function receipt(answer) {
    localStorage.removeItem(draftKey);
    idempotencyKey = null;
    if (revising) {
      // Sent: the old token leaves the address bar, and a reload opens an empty form.
      history.replaceState(null, "", location.pathname + location.search);
      for (const name of ["replacesSubmissionId", "replacesTrackingToken"]) $(name) && $(name).remove();
      revising = null;
      $("revising").hidden = true;
    }
    $("receipt-number").textContent = answer.receiptNumber;
    $("receipt-time").textContent = answer.receivedAtVietnam;
    $("receipt-enterprise").textContent = $("enterpriseName").value;
    $("receipt-task").textContent = $("taskName").value;
    // The token goes in the fragment, never sent to a server (status.js).
    $("receipt-link").href = `status.html#submission=${encodeURIComponent(answer.submissionId)}&token=${encodeURIComponent(answer.trackingToken)}`;
    show("receipt");
  }

  function saveDraft() {
    const draft = {};
    for (const field of fields()) draft[field.key] = $(field.key).value;
    localStorage.setItem(draftKey, JSON.stringify(draft));
  }

  function restoreDraft() {
    try {
      fill(JSON.parse(localStorage.getItem(draftKey) || "{}"));
    } catch {
      localStorage.removeItem(draftKey);
    }
  }

  // Puts answers (by field key) into the form's fields; keys that are not fields of the form are ignored.
  function fill(answers) {
    for (const [key, value] of Object.entries(answers)) {
      const element = $(key);
      if (!element || !element.closest("#sections")) continue;
      if (element.tagName === "SELECT" && ![...element.options].some((o) => o.value === value)) {
        // Options are filled by applyLanguage; keep the value until then.
        element.appendChild(new Option(value, value));
      }
      element.value = value;
    }
  }
})();
