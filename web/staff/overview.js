// The selected call at a glance: its state, the deadline's countdown, the counts by status, what the report
// will lack, and the charts of arrivals.
import { getJson } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { language } from "../strings/language.js";
import { drawBars } from "./charts.js";
import { renderPage } from "./list.js";
import { areaTitle, callPath, guard, pad, state, statuses, statusLabel, t, timers, vietnamTime } from "./state.js";

// The list's words for signature states come with the overview: a page drawn before the first one arrived is drawn again.
export const loadOverview = () => guard(getJson(callPath("/overview")).then((o) => {
  const first = !state.overview;
  state.overview = o;
  renderOverview();
  if (first && state.page) renderPage();
}));

export function renderOverview() {
  const o = state.overview;
  if (!o) return;
  const call = o.call;
  $("call-heading").textContent = language() === "en" && call.titleEn ? call.titleEn : call.title;
  $("call-state").textContent = t().states[call.state] || call.state;
  $("call-state").className = "badge state-" + call.state;
  $("call-state").dataset.state = call.state;
  $("call-deadline").textContent = `${t().deadline} ${vietnamTime(call.deadlineUtc, true)}`;
  clearInterval(timers.countdown);
  tick();
  timers.countdown = setInterval(tick, 1000);
  const counts = [["total", t().total, call.total]].concat(statuses().map((s) => [s, statusLabel(s), call.byStatus[s] || 0]));
  if (call.poisoned) counts.push(["poisoned", t().poisoned, call.poisoned]);
  $("counts").replaceChildren(...counts.map(([key, label, value]) =>
    el("div", { "data-count": key }, el("dt", { text: label }), el("dd", { text: String(value) }))));
  // What the call file leaves out of the report's sign-off: the server's wording, in the page's language.
  const warnings = o.warnings || [];
  $("call-warnings").hidden = warnings.length === 0;
  $("call-warning-list").replaceChildren(...warnings.map((w) => el("li", { "data-warning": w.code, text: w[language()] })));
  drawBars($("chart-days"), o.perDay.map((d) => ({ label: d.date.slice(8) + "/" + d.date.slice(5, 7), values: [d.count] })),
    [""], t().perDay);
  drawBars($("chart-areas"), o.byPriorityArea.map((a) => ({ label: String(a.area), title: areaTitle(a.area), values: [a.declared, a.suggested] })),
    [t().declared, t().suggested], t().byArea);
}

function tick() {
  const call = state.overview && state.overview.call;
  if (!call) return;
  const left = Date.parse(call.deadlineUtc) - Date.now();
  if (left <= 0) {
    $("countdown").textContent = t().closedAt;
    return;
  }
  const s = Math.floor(left / 1000);
  $("countdown").textContent = `${t().left} ${Math.floor(s / 86400)} ${t().days} ${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
