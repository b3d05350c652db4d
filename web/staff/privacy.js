// The console's personal-data panel (Law 91/2025/QH15), beside staff.js and independent of it: the selected call's
// retention (purge date, basis, the dry run of what a purge deletes, and the confirmation that the report is archived,
// which the purge waits for), and a person's requests: find what is held about a tax code or an email, download it as
// one ZIP, correct a contact, erase a submission (or read why the law forbids it). Every action is on the audit trail.
import { staffFetch } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { privacyText } from "../strings/privacy.js";

const panel = $("privacy");
const lang = () => (document.documentElement.lang === "en" ? "en" : "vi");
const t = () => privacyText[lang()];
let callId = null;
let retention = null;
let found = null;
let query = null;
let message = null;
const draft = { kind: "taxCode", value: "" }; // what is typed, kept across renders

const post = (path, body) => staffFetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function problemText(response) {
  const problem = await response.json().catch(() => ({}));
  const detail = lang() === "en" ? problem.detailEn || problem.titleEn : problem.detail || problem.title;
  const errors = (problem.errors || []).map((e) => e[lang()]).join(" ");
  return [detail, errors].filter(Boolean).join(" ") || String(response.status);
}

// staff.js rebuilds the call list on every refresh: only another call (or signing in) loads the retention again.
async function loadRetention() {
  const wanted = $("call-select") && $("call-select").value;
  if (!wanted || $("console").hidden || (wanted === callId && retention)) return;
  callId = wanted;
  const response = await staffFetch("/api/staff/calls/" + encodeURIComponent(callId) + "/retention");
  retention = response.ok ? await response.json() : null;
  render();
}

function renderRetention() {
  const s = t();
  const part = el("div", { id: "retention" }, [el("h3", { text: s.retention })]);
  if (!retention) return part;
  if (!retention.purgeAt) {
    part.append(el("p", { text: s.noRetention }));
    return part;
  }
  part.append(
    el("p", { id: "retention-period", text: s.period(retention.daysAfterDeadline, retention.purgeAtVietnam) }),
    el("p", { text: `${s.basis}: ${lang() === "en" && retention.basisEn ? retention.basisEn : retention.basis}` }),
    el("p", {}, [el("span", { id: "retention-state", class: "badge", "data-state": retention.state, text: s.states[retention.state] || retention.state })]));
  if (retention.archivedConfirmedBy) part.append(el("p", { id: "retention-confirmed", text: s.confirmedBy(retention.archivedConfirmedBy, new Date(retention.archivedConfirmedAtUtc).toLocaleString(lang() === "en" ? "en-GB" : "vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })) }));
  if (retention.purgedAtUtc) part.append(el("p", { text: s.purgedAt(new Date(retention.purgedAtUtc).toLocaleString(lang() === "en" ? "en-GB" : "vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })) }));
  const counts = el("dl", { id: "retention-counts", class: "counts" });
  for (const [key, label] of Object.entries(s.counts)) counts.append(el("div", {}, [el("dt", { text: label }), el("dd", { "data-count": key, text: String(retention.counts[key]) })]));
  const details = el("details", {}, [el("summary", { text: retention.purgedAtUtc ? s.kept : s.preview }), counts,
    el("p", { class: "hint", text: retention.receiptNumbers.join(", ") }),
    el("p", { class: "hint", text: retention.reportFiles.join(", ") }),
    el("p", { class: "hint", text: `${s.kept}: ${retention.kept.join("; ")}` })]);
  part.append(details);
  if (!retention.purgedAtUtc && !retention.archivedConfirmedBy) {
    const form = el("form", { id: "archive-form", novalidate: true }, [
      el("div", { class: "field" }, [el("label", { for: "archive-note", text: s.archivedNote }), el("input", { id: "archive-note", maxlength: "500", autocomplete: "off" })]),
      el("div", { class: "actions" }, [el("button", { type: "submit", id: "confirm-archived", text: s.confirm })])]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await post("/api/staff/calls/" + encodeURIComponent(callId) + "/retention/archived", { note: $("archive-note").value });
      if (response.ok) { retention = await response.json(); message = s.confirmed; } else message = s.failed + " " + await problemText(response);
      render();
    });
    part.append(form);
  }
  return part;
}

function renderRequests() {
  const s = t();
  const kind = draft.kind;
  const form = el("form", { id: "subject-form", class: "filters", role: "search", novalidate: true }, [
    el("div", { class: "field" }, [el("label", { for: "subject-kind", text: s.by }), el("select", { id: "subject-kind" }, [
      el("option", { value: "taxCode", selected: kind === "taxCode", text: s.taxCode }), el("option", { value: "email", selected: kind === "email", text: s.email })])]),
    el("div", { class: "field wide" }, [el("label", { for: "subject-value", text: s.value }), el("input", { id: "subject-value", autocomplete: "off", value: draft.value })]),
    el("div", { class: "actions" }, [el("button", { type: "submit", id: "subject-find", text: s.find })])]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    query = { kind: draft.kind, value: draft.value.trim() };
    await find();
  });
  form.addEventListener("input", () => { draft.kind = $("subject-kind").value; draft.value = $("subject-value").value; });
  form.addEventListener("change", () => { draft.kind = $("subject-kind").value; draft.value = $("subject-value").value; });
  const part = el("div", { id: "subject-requests" }, [el("h3", { text: s.requests }), form]);
  if (found) {
    part.append(el("p", { id: "subject-found", role: "status", text: found.length ? s.found(found.length) : s.none }));
    if (found.length) {
      const download = el("button", { type: "button", id: "subject-download", text: s.download });
      download.addEventListener("click", downloadZip);
      part.append(el("div", { class: "actions" }, [download]));
    }
    for (const submission of found) part.append(renderSubmission(submission));
  }
  return part;
}

function renderSubmission(submission) {
  const s = t();
  const box = el("div", { class: "panel subject", "data-submission": submission.submissionId }, [
    el("p", {}, [el("strong", { text: submission.receiptNumber }), document.createTextNode(` · ${submission.callId} · ${submission.status}` + (submission.erasedAtUtc ? ` · ${s.erased}` : ""))])]);
  if (submission.erasedAtUtc) return box;
  const path = "/api/staff/calls/" + encodeURIComponent(submission.callId) + "/submissions/" + encodeURIComponent(submission.submissionId);
  const id = submission.submissionId;
  const correction = el("form", { class: "correction", novalidate: true }, [
    el("h4", { text: s.correct }),
    ...["contactEmail", "contactPhone", "contactName", "legalRepresentative"].map((field) =>
      el("div", { class: "field" }, [el("label", { for: `${field}-${id}`, text: s[field] }), el("input", { id: `${field}-${id}`, name: field, autocomplete: "off" })])),
    el("div", { class: "field wide" }, [el("label", { for: `reason-${id}`, text: s.reason }), el("input", { id: `reason-${id}`, name: "reason", maxlength: "500", autocomplete: "off" })]),
    el("div", { class: "actions" }, [el("button", { type: "submit", text: s.save })])]);
  correction.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = {};
    for (const input of correction.querySelectorAll("input")) if (input.name !== "reason" && input.value.trim()) fields[input.name] = input.value.trim();
    const response = await post(path + "/contact", { fields, reason: correction.querySelector("[name=reason]").value });
    message = response.ok ? s.done : s.failed + " " + await problemText(response);
    render();
  });
  const erasure = el("form", { class: "erasure", novalidate: true }, [
    el("div", { class: "field wide" }, [el("label", { for: `erase-note-${id}`, text: s.eraseNote }), el("input", { id: `erase-note-${id}`, maxlength: "500", autocomplete: "off" })]),
    el("div", { class: "actions" }, [el("button", { type: "submit", class: "danger", text: s.erase })])]);
  erasure.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await post(path + "/erasure", { note: $(`erase-note-${id}`).value });
    if (response.ok) { await find(); message = s.done; render(); return; }
    message = (response.status === 409 ? s.refused : s.failed) + " " + await problemText(response);
    render();
  });
  box.append(correction, erasure);
  return box;
}

function subjectQuery() {
  return (query.kind === "email" ? "email=" : "taxCode=") + encodeURIComponent(query.value);
}

// A 403 here is the every-agency rule (the search spans every call), not a sign-in problem.
const refusal = async (response) => (response.status === 403 ? t().notForRole : t().failed + " " + await problemText(response));

async function find() {
  const response = await staffFetch("/api/staff/personal-data?summary=true&" + subjectQuery());
  if (response.ok) { found = (await response.json()).submissions; message = null; } else { found = null; message = await refusal(response); }
  render();
}

async function downloadZip() {
  const response = await staffFetch("/api/staff/personal-data?" + subjectQuery(), { headers: { Accept: "application/zip" } });
  if (!response.ok) { message = await refusal(response); render(); return; }
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", { href: url, download: "du-lieu-ca-nhan.zip", id: "subject-zip" });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(url); link.remove(); }, 60000);
  message = t().done;
  render();
}

function render() {
  const focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : null;
  panel.replaceChildren(el("h2", { id: "privacy-heading", text: t().heading }), renderRetention(), renderRequests(),
    el("p", { id: "privacy-message", role: "status", "aria-live": "polite", text: message || "" }));
  if (focused && $(focused)) $(focused).focus();
}

new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
new MutationObserver(loadRetention).observe($("console"), { attributes: true, attributeFilter: ["hidden"] });
if ($("call-select")) {
  new MutationObserver(loadRetention).observe($("call-select"), { childList: true });
  $("call-select").addEventListener("change", loadRetention);
}
render();
loadRetention();
