// Checking, reviewing and sending: the rules (rules.js) before anything leaves, a review step, then one multipart
// POST with an Idempotency-Key that a retry reuses, so a flaky connection never creates two submissions.
import { staffHeaders } from "../shared/api.js";
import { $ } from "../shared/dom.js";
import { tick } from "./page.js";
import { callId, draftKey, fields, form, lang, paper, shown, t, values } from "./state.js";
import { ProposalRules } from "../rules.js";

function validate() {
  const documents = ProposalRules.documentErrors({ signedScan: $("signedScan").files[0], editableForm: $("editableForm").files[0] }, form.call.limits);
  return [
    ...ProposalRules.fieldErrors(form.definition, form.call, { ...values(), vsicCodeChoice: $("vsicCodeChoice").value }),
    // On paper the Word file is optional: only a file that is there is checked.
    ...(paper ? documents.filter((e) => e.field !== "editableForm" || $("editableForm").files[0]) : documents),
    ...(paper && !$("paperReceivedOn").value ? [{ field: "paperReceivedOn", vi: "Nhập ngày nhận bản giấy.", en: "Enter the day the paper arrived." }] : []),
  ];
}

export function showErrors(list, title, focus = true) {
  form.errors = list;
  form.heading = title;
  for (const element of document.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
  for (const message of document.querySelectorAll(".error")) message.hidden = true;
  const summary = $("summary");
  summary.replaceChildren();
  summary.hidden = list.length === 0 && !title;
  if (summary.hidden) return;
  const strong = document.createElement("strong");
  strong.textContent = title ? title[lang()] : t("summary", list.length);
  const items = document.createElement("ul");
  for (const item of list) {
    const text = item[lang()] || item.vi;
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

export function show(id) {
  for (const section of ["proposal", "review", "receipt"]) $(section).hidden = section !== id;
  const target = id === "proposal" ? $("summary").hidden ? $("sections").querySelector("input,select,textarea") : $("summary") : $(id);
  target.focus();
}

export function review(event) {
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
    dt.textContent = field.label[lang()];
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

export function send() {
  form.idempotencyKey = form.idempotencyKey || (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
  const request = new XMLHttpRequest();
  request.open("POST", paper ? `/api/staff/calls/${encodeURIComponent(callId)}/paper` : `/api/calls/${encodeURIComponent(callId)}/submissions`);
  request.setRequestHeader("Idempotency-Key", form.idempotencyKey);
  // The staff key the console keeps for this tab; with Entra ID sign-in the session cookie goes by itself.
  // Paper entry is a staff request: the console's headers (staff routes refuse a state change without them: CSRF).
  if (paper) for (const [name, value] of Object.entries(staffHeaders())) request.setRequestHeader(name, value);
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
    problem.textContent = answer && answer.title ? `${lang() === "vi" ? answer.title : answer.titleEn}: ${lang() === "vi" ? answer.detail : answer.detailEn}` : t("failed", request.status);
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
  form.idempotencyKey = null;
  if (form.revising) {
    // Sent: the old token leaves the address bar, and a reload opens an empty form.
    history.replaceState(null, "", location.pathname + location.search);
    for (const name of ["replacesSubmissionId", "replacesTrackingToken"]) $(name) && $(name).remove();
    form.revising = null;
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
