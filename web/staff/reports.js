// The compiled report: its revisions and their files, and the request for a new revision after the deadline.
// The report API lists revisions when the server has them; older servers answer only with files.
import { getJson, request, SignInRequired } from "../shared/api.js";
import { $, el, followLink } from "../shared/dom.js";
import { formatNumber, language } from "../strings/language.js";
import { callPath, guard, showError, state, t, vietnamTime } from "./state.js";

export const loadReport = () => guard(getJson(callPath("/report")).then((r) => { state.report = r; renderReport(); }));

export function renderReport() {
  const report = state.report;
  if (!report) return;
  const revisions = Array.isArray(report.revisions) && report.revisions.length
    ? report.revisions
    : report.files && report.files.length ? [{ revision: null, state: "written", files: report.files }] : [];
  $("report-state").textContent = report.ready ? t().reportReady : t().reportNone;
  $("report-revisions").replaceChildren(...revisions.map((r) => el("div", { class: "revision", "data-revision": r.revision },
    el("h3", { text: [r.revision ? `${t().revision} ${r.revision}` : null, t()[r.state] || r.state].filter(Boolean).join(" – ") }),
    r.requestedAtUtc || r.completedAtUtc || r.submissionCount !== undefined
      ? el("p", { class: "hint", text: [r.requestedAtUtc ? `${t().requestedAt} ${vietnamTime(r.requestedAtUtc, true)}` : null,
        r.completedAtUtc ? `${t().completedAt} ${vietnamTime(r.completedAtUtc, true)}` : null,
        r.submissionCount !== undefined && r.submissionCount !== null ? `${t().submissionCount}: ${r.submissionCount}` : null].filter(Boolean).join(" · ") })
      : null,
    el("ul", {}, ...(r.files || []).map((f) => el("li", {},
      el("button", { type: "button", class: "link report-file", "data-name": f.name, text: `${t().download}: ${f.name.split("/").pop()}`, onclick: () => downloadReportFile(f.name) }),
      ` (${formatNumber(f.bytes)} ${t().bytes})`))))));
  const call = state.overview && state.overview.call;
  const beforeDeadline = call && Date.parse(call.deadlineUtc) > Date.now();
  $("new-revision").disabled = !!beforeDeadline;
  $("new-revision").title = beforeDeadline ? t().revisionBeforeDeadline : "";
}

// The links in a listing expire: ask for a fresh one at the moment of the click.
async function downloadReportFile(name) {
  try {
    const report = await getJson(callPath("/report"));
    state.report = report;
    const all = (report.files || []).concat(...(report.revisions || []).map((r) => r.files || []));
    const file = all.find((f) => f.name === name);
    if (file) followLink(file.url);
    renderReport();
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
  }
}

$("new-revision").addEventListener("click", async () => {
  try {
    const response = await request(callPath("/report/revisions"), { method: "POST" });
    const body = await response.json().catch(() => ({}));
    $("report-message").textContent = response.status === 202 ? t().revisionRequested(body.revision)
      : response.status === 409 ? (language() === "vi" ? body.detail : body.detailEn) || t().revisionBeforeDeadline
        : response.status === 404 || response.status === 405 ? t().revisionUnavailable : t().failed;
    loadReport();
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
  }
});
