// What staff decide about one submission, each with a reason on the record: whether the report counts it
// (exclusion), and releasing one whose files were scanned for malware elsewhere while scanning was down.
import { request, SignInRequired } from "../shared/api.js";
import { el } from "../shared/dom.js";
import { language } from "../strings/language.js";
import { showDecided } from "./detail.js";
import { callPath, problemText, showError, state, t, vietnamTime } from "./state.js";

// Whether the report counts it, and the staff decision that changes that (with a reason, on the record).
export function counting(s, exclusion) {
  const reasons = state.overview ? state.overview.exclusionReasons : [];
  const message = el("p", { id: "exclusion-message", role: "status" });
  if (exclusion) {
    return el("div", { id: "exclusion" },
      el("p", { text: `${t().excludedHeading}: ${language() === "vi" ? exclusion.reasonVi : exclusion.reasonEn}${exclusion.note ? ` – ${exclusion.note}` : ""}` }),
      el("p", { class: "hint", text: `${t().excludedBy}: ${exclusion.by || t().none}; ${t().excludedAt}: ${vietnamTime(exclusion.atUtc, true)}` }),
      el("button", { type: "button", id: "include", class: "secondary", text: t().include, onclick: () => decide(s, "DELETE", {}, message) }),
      message);
  }
  if (!s.counted && s.status !== "classified") return el("p", { text: t().notCounted });
  const select = el("select", { id: "exclude-reason" }, ...reasons.map((r) => el("option", { value: r.code, text: r[language()] })));
  const note = el("textarea", { id: "exclude-note", rows: "2", maxlength: "500" });
  return el("div", { id: "exclusion" },
    el("p", { text: s.counted ? t().counted : t().notCounted }),
    el("div", { class: "field" }, el("label", { for: "exclude-reason", text: t().excludeReason }), select),
    el("div", { class: "field" }, el("label", { for: "exclude-note", text: t().excludeNote }), note),
    el("button", { type: "button", id: "exclude", class: "secondary", text: t().exclude,
      onclick: () => decide(s, "POST", { reason: select.value, note: note.value }, message) }),
    message);
}

async function decide(s, method, body, message) {
  try {
    const response = await request(callPath(`/submissions/${encodeURIComponent(s.submissionId)}/exclusion`), {
      method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      message.textContent = `${t().excludeFailed} ${problemText(problem, response.status)}`;
      return;
    }
    await showDecided(s.submissionId);
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
  }
}

// Malware scanning down: staff who scanned the files another way release the submission, saying where and how (on the record).
export function malwareRelease(s) {
  const note = el("textarea", { id: "malware-release-note", rows: "2", maxlength: "500", required: "required" });
  const message = el("p", { id: "malware-release-message", role: "status" });
  const release = async () => {
    if (!note.value.trim()) { message.textContent = t().malwareReleaseNoteNeeded; note.focus(); return; }
    try {
      const response = await request(callPath(`/submissions/${encodeURIComponent(s.submissionId)}/malware-release`), {
        method: "POST", body: JSON.stringify({ note: note.value }),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        message.textContent = problemText(problem, response.status);
        return;
      }
      await showDecided(s.submissionId);
    } catch (e) {
      if (!(e instanceof SignInRequired)) showError();
    }
  };
  return el("div", { id: "malware-release" },
    el("div", { class: "field" }, el("label", { for: "malware-release-note", text: t().malwareReleaseNote }), note),
    el("button", { type: "button", id: "malware-release-button", class: "secondary", text: t().malwareRelease, onclick: release }),
    message);
}
