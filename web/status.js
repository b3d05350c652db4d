// The submitter's status page, linked from the receipt and the receipt email; Vietnamese or English.
import { publicFetch } from "./shared/api.js";
import { language as currentLanguage, strings, switchLanguage } from "./strings/language.js";
import { statusText } from "./strings/status.js";

const text = strings(statusText);
const params = new URLSearchParams(location.search);
// The submission and its token ride in the fragment (#submission=…&token=…), which the browser never
// sends to a server: no log, telemetry or Referer holds the token. Links from before that carried them
// in the query; they still work, and the address bar is rewritten so the token leaves the history.
const link = new URLSearchParams(location.hash.replace(/^#/, ""));
if (!link.get("token") && params.get("token")) {
  for (const name of ["submission", "token"]) link.set(name, params.get(name) || "");
  params.delete("submission");
  params.delete("token");
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + "#" + link.toString());
}
const section = document.getElementById("status");
const switcher = document.getElementById("language");
let answer = null;
switcher.addEventListener("click", () => {
  switchLanguage();
  render();
});

const id = link.get("submission");
const token = link.get("token");
if (!id || !token) {
  answer = { problem: "incomplete" };
  render();
} else {
  publicFetch("/api/submissions/" + encodeURIComponent(id), { "X-Tracking-Token": token })
    .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
    .then(({ ok, body }) => { answer = ok ? { status: body } : { problem: body }; render(); })
    .catch(() => { answer = { problem: "failed" }; render(); });
}

function render() {
  const t = text();
  const language = currentLanguage();
  document.documentElement.lang = language;
  document.getElementById("heading").textContent = t.title;
  switcher.textContent = t.switchTo;
  section.replaceChildren();
  if (!answer) return;
  if (answer.problem) {
    const p = answer.problem;
    section.textContent = typeof p === "string" ? t[p] : (language === "vi" ? `${p.title}: ${p.detail}` : `${p.titleEn}: ${p.detailEn}`);
    return;
  }
  const s = answer.status;
  const list = document.createElement("dl");
  // Only a signature verified with the matching tax code is shown here; staff weigh the other states.
  const g = s.signature;
  const signed = g ? `${language === "vi" ? g.vi : g.en} (${g.taxCode}); ${t.signer}: ${g.signerName}; ${t.issuer}: ${g.issuer}${g.signedAtVietnam ? `; ${t.signedAt} ${g.signedAtVietnam}` : ""}` : null;
  for (const [term, value] of [[t.receipt, s.receiptNumber], [t.state, language === "vi" ? s.statusVi : s.statusEn],
    [t.received, s.receivedAtVietnam], [t.enterprise, s.enterpriseName], [t.task, s.taskName], [t.call, s.callTitle],
    ...(signed ? [[t.signature, signed]] : [])]) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  section.appendChild(list);
  if (s.reasons && s.reasons.length) {
    const heading = document.createElement("p");
    heading.textContent = t.fix;
    const reasons = document.createElement("ul");
    for (const reason of s.reasons) {
      const item = document.createElement("li");
      item.textContent = reason[language] || reason.vi;
      reasons.appendChild(item);
    }
    section.append(heading, reasons);
  }
  if (s.replacedBy) {
    const replaced = document.createElement("p");
    replaced.textContent = t.replacedBy(s.replacedBy);
    section.appendChild(replaced);
  }
  if (s.canRevise) {
    // The token rides in the fragment again: the form reads the earlier answers with it and proves the replacement.
    const revise = document.createElement("a");
    revise.id = "revise";
    revise.className = "button";
    revise.href = `index.html?call=${encodeURIComponent(s.callId)}&lang=${language}#revise=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
    revise.textContent = t.revise;
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = t.reviseHint;
    section.append(revise, hint);
  }
  const privacy = document.createElement("p");
  const notice = document.createElement("a");
  notice.id = "privacy-link";
  notice.href = `privacy.html?call=${encodeURIComponent(s.callId)}&lang=${language}`;
  notice.textContent = t.privacy;
  privacy.append(notice);
  section.append(privacy);
}
