// Proposals by email and on paper: an emailed proposal's message and attachments, the form staff complete
// before accepting it (or set aside as not a proposal), and the emails that became no submission.
import { getJson, request, SignInRequired } from "../shared/api.js";
import { $, el, followLink } from "../shared/dom.js";
import { formatNumber, language } from "../strings/language.js";
import { showDecided } from "./detail.js";
import { downloadDocument } from "./documents.js";
import { auth, callPath, guard, showError, state, t, vietnamTime } from "./state.js";

export const loadUnmatched = () => guard(getJson("/api/staff/inbound/unmatched").then((u) => { state.unmatched = u.emails; renderUnmatched(); }));

export function emailSection(s, detail) {
  const e = detail.email;
  return el("div", { id: "email" },
    el("h3", { text: t().emailHeading }),
    el("dl", {}, ...[[t().from, `${e.fromName} <${e.from}>`], [t().subject, e.subject], [t().submittedAt, vietnamTime(e.receivedAtUtc, true)],
      [t().spam, e.spamScore === null || e.spamScore === undefined ? t().none : String(e.spamScore)]]
      .flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })])),
    (e.notes || []).length ? el("ul", { class: "email-notes" }, ...e.notes.map((n) => el("li", { text: n[language()] }))) : null,
    el("pre", { class: "email-text", text: e.text }),
    el("p", { text: t().attachments }),
    el("ul", {}, ...e.attachments.map((a) => el("li", {},
      el("button", { type: "button", class: "link", "data-attachment": a.download, text: `${a.name} (${formatNumber(a.bytes)} ${t().bytes})`,
        onclick: () => downloadDocument(s.submissionId, a.download) }),
      a.problems.length ? el("span", { class: "flag", text: `${t().problems}: ${a.problems.join("; ")}` }) : null))),
    e.wordFollowsTemplate ? null : el("p", { class: "hint", text: t().wordNotTemplate }));
}

// The form's fields, filled with what was read from the Word file, for staff to complete; the server applies
// the web form's rules and answers each field's error.
export function reviewSection(s, detail) {
  const message = el("div", { id: "review-message", role: "alert" });
  const inputs = [];
  const fields = state.form ? state.form.sections.flatMap((x) => x.fields) : [];
  const choices = (field) => {
    const call = state.call || {};
    switch (field.type) {
      case "choice": return field.options.map((o) => [o.value, o.label[language()]]);
      case "vsicSection": return (call.vsicSections || []).map((v) => [v.letter, `${v.letter} – ${language() === "vi" ? v.nameVi : v.nameEn}`]);
      case "priorityArea": return (call.priorityAreas || []).map((a) => [String(a.number), `${a.number}. ${a.title}`]);
      default: return null;
    }
  };
  const controls = fields.map((field) => {
    const id = "review-" + field.key;
    const options = choices(field);
    const value = detail.fields[field.key] || "";
    const input = options
      ? el("select", { id, name: field.key }, el("option", { value: "", text: "—" }), ...options.map(([v, text]) => el("option", { value: v, text, selected: v === value })))
      : field.type === "multiline" ? el("textarea", { id, name: field.key, rows: "3" }) : el("input", { id, name: field.key, type: "text" });
    if (!options) input.value = value;
    inputs.push(input);
    return el("div", { class: "field", "data-review-field": field.key },
      el("label", { for: id, text: field.label[language()] + (field.required ? " *" : "") }), input, el("p", { class: "error", id: id + "-error", hidden: true }));
  });
  const reason = el("textarea", { id: "set-aside-reason", rows: "2", maxlength: "500" });
  return el("div", { id: "review" },
    el("h3", { text: t().reviewHeading }),
    el("p", { class: "hint", text: t().reviewHint }),
    el("div", { class: "review-fields" }, ...controls),
    message,
    el("div", { class: "actions" }, el("button", { type: "button", id: "accept", text: t().accept, onclick: () => accept(s, inputs, message) })),
    el("div", { class: "field" }, el("label", { for: "set-aside-reason", text: t().setAsideReason }), reason),
    el("button", { type: "button", id: "set-aside", class: "secondary", text: t().setAside,
      onclick: () => review(s, "not-a-proposal", { reason: reason.value }, message) }));
}

function accept(s, inputs, message) {
  const fields = Object.fromEntries(inputs.filter((i) => i.value.trim()).map((i) => [i.name, i.value]));
  return review(s, "accept", { fields }, message);
}

async function review(s, decision, body, message) {
  try {
    const response = await request(callPath(`/submissions/${encodeURIComponent(s.submissionId)}/${decision}`), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    for (const error of document.querySelectorAll("#review .error")) error.hidden = true;
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      message.textContent = `${t().acceptFailed} ${(language() === "vi" ? problem.detail : problem.detailEn) || response.status}`;
      for (const e of problem.errors || []) {
        const target = $("review-" + e.field + "-error");
        if (target) {
          target.textContent = e[language()] || e.vi;
          target.hidden = false;
        }
      }
      return;
    }
    await showDecided(s.submissionId);
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
  }
}

export function renderUnmatched() {
  $("paper-entry").href = `/?call=${encodeURIComponent(state.callId || "")}&paper=1&lang=${language()}`;
  if (!state.unmatched) return;
  // Staff of one agency: only emails held against a call (theirs; the server already leaves out the others').
  const everyAgency = !auth.identity || auth.identity.everyAgency !== false;
  const emails = everyAgency ? state.unmatched : state.unmatched.filter((e) => e.callId);
  $("unmatched-head").replaceChildren(...[t().submittedAt, t().from, t().subject, t().reason, t().attachments].map((h) => el("th", { scope: "col", text: h })));
  $("unmatched-message").textContent = emails.length ? "" : t().unmatchedNone;
  $("unmatched-table").hidden = !emails.length;
  $("unmatched-rows").replaceChildren(...emails.map((e) => el("tr", { "data-email": e.emailId },
    el("td", { text: vietnamTime(e.receivedAtUtc, true) }),
    el("td", { text: e.from }),
    el("td", { text: e.subject }),
    el("td", { text: [language() === "vi" ? e.reasonVi : e.reasonEn, ...(e.notes || []).map((n) => n[language()])].join("; ") }),
    el("td", {}, ...e.files.map((f) => el("button", { type: "button", class: "link", text: f.name,
      onclick: () => guard(getJson(`/api/staff/inbound/unmatched/${encodeURIComponent(e.emailId)}/files/${encodeURIComponent(f.file)}`).then((link) => followLink(link.url))) }))),
  )));
}
