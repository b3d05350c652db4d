// The Ministry's national view: the programmes, and for one of them each agency's call and report status, the
// counts across agencies (a map-free chart of the provinces), the duplicates across agencies and the national
// workbook. Shown instead of the call panels when the caller is the Ministry and staff of no agency.
import { getJson, request, SignInRequired } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { formatNumber, language, strings } from "../strings/language.js";
import { nationalText } from "../strings/national.js";
import { drawBars } from "./charts.js";
import { t as consoleWords, vietnamTime } from "./state.js";

const t = strings(nationalText);
const national = { programmes: null, programmeId: null, view: null, failed: false };

const title = (p) => (language() === "en" && p.titleEn ? p.titleEn : p.title);

/** The programmes, then the one asked for by the address (?programme=) or the first. */
export async function loadNational() {
  try {
    national.programmes = (await getJson("/api/staff/programmes")).programmes;
    const wanted = new URLSearchParams(location.search).get("programme");
    const chosen = national.programmes.find((p) => p.programmeId === wanted) || national.programmes[0];
    national.programmeId = chosen ? chosen.programmeId : null;
    await loadProgramme();
  } catch (e) {
    if (e instanceof SignInRequired) return;
    national.failed = true;
    renderNational();
  }
}

async function loadProgramme() {
  national.view = null;
  national.failed = false;
  if (national.programmeId) {
    national.view = await getJson("/api/staff/programmes/" + encodeURIComponent(national.programmeId));
  }
  renderNational();
}

export function renderNational() {
  const s = t();
  const panel = $("national");
  if (!national.programmes) return;
  const picker = el("div", { class: "call-pick" }, el("label", { for: "programme-select", text: s.programme }),
    el("select", { id: "programme-select", onchange: (e) => { national.programmeId = e.target.value; loadProgramme().catch(failed); } },
      ...national.programmes.map((p) => el("option", { value: p.programmeId, selected: p.programmeId === national.programmeId, text: `${title(p)} (${p.year})` }))));
  const parts = [el("h2", { id: "national-heading", text: s.heading })];
  if (national.failed) parts.push(el("p", { class: "problem", role: "alert", text: s.failed }));
  if (!national.programmes.length) parts.push(el("p", { text: s.noProgramme }));
  else parts.push(picker);
  if (national.view) parts.push(...renderView(national.view));
  panel.replaceChildren(...parts);
}

function failed(e) {
  if (e instanceof SignInRequired) return;
  national.failed = true;
  renderNational();
}

function renderView(view) {
  const s = t();
  const states = consoleWords().states;
  const agencies = el("table", { id: "national-agencies" },
    el("caption", { text: s.agencies }),
    el("thead", {}, el("tr", {}, ...[s.agency, s.province, s.call, s.state, s.reportStatus, s.total].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...view.agencies.map((a) => el("tr", { "data-agency": a.agencyId },
      el("th", { scope: "row", text: a.agencyName }), el("td", { text: a.province || consoleWords().none }), el("td", { text: a.callId }),
      el("td", { text: states[a.state] || a.state }),
      el("td", {}, el("span", { class: "badge", "data-report": a.reportStatus, text: s.reports[a.reportStatus] || a.reportStatus }),
        a.reportRevision ? el("span", { class: "hint", text: " " + s.reportCounted(a.reportCounted, a.reportRevision) }) : null),
      el("td", { class: "number", text: formatNumber(a.total) })))));
  const counts = el("dl", { id: "national-counts", class: "counts" },
    ...Object.entries(view.byStatus).map(([code, n]) => el("div", { "data-count": code }, el("dt", { text: code }), el("dd", { text: formatNumber(n) }))));
  const chart = el("div", { id: "national-provinces", class: "chart" });
  drawBars(chart, view.byProvince.map((p) => ({ label: p.name || consoleWords().none, values: [p.count] })), [""], s.byProvince);
  const workbook = el("button", { type: "button", id: "national-workbook", "data-url": view.workbookUrl, text: s.workbook, onclick: () => downloadWorkbook(view) });
  return [
    el("p", { class: "hint", text: `${s.checkedAt} ${vietnamTime(view.checkedAtUtc, true)}` }),
    el("div", { class: "table-wrap" }, agencies),
    el("h3", { text: s.byStatus }), counts,
    el("figure", {}, el("figcaption", { text: s.byProvince }), chart),
    el("h3", { text: s.duplicates }), renderDuplicates(view.duplicates),
    el("div", { class: "actions" }, workbook),
  ];
}

function renderDuplicates(duplicates) {
  const s = t();
  if (!duplicates.length) return el("p", { id: "national-duplicates", text: s.noDuplicates });
  const names = Object.fromEntries(national.view.agencies.map((a) => [a.agencyId, a.agencyName]));
  return el("div", { class: "table-wrap" }, el("table", { id: "national-duplicates" },
    el("thead", {}, el("tr", {}, ...[s.kind, s.taxCode, s.proposals].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...duplicates.map((d) => el("tr", { "data-kind": d.kind },
      el("td", { text: s.kinds[d.kind] || d.kind }), el("td", { text: d.taxCode || consoleWords().none }),
      el("td", {}, el("ul", {}, ...d.proposals.map((p) => el("li", { "data-agency": p.agencyId, "data-earlier": p.earlierYear ? "true" : null,
        text: [names[p.agencyId] || p.agencyId, p.earlierYear ? s.earlierYear(p.programmeYear) : null, p.receiptNumber, p.enterpriseName, p.taskName]
          .filter(Boolean).join(" · ") })))))))));
}

// The workbook's route asks for the staff key (or the session): fetched through the API client, then saved.
async function downloadWorkbook(view) {
  try {
    const response = await request(view.workbookUrl, { headers: { Accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
    if (!response.ok) throw new Error(view.workbookUrl + ": " + response.status);
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: `tong-hop-toan-quoc-${view.programme.programmeId}.xlsx` });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(url); link.remove(); }, 60000);
  } catch (e) {
    failed(e);
  }
}
