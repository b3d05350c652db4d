// The staff console: every action is a call to /api/staff/... (README, "Staff console"). Vietnamese by default,
// English on request; times in Vietnam time (UTC+7, no daylight saving). Charts are drawn here as plain SVG:
// nothing is fetched from anywhere but the API. The page loads this module, which starts the console and keeps
// it fresh; each panel is a module of its own beside it (sign-in, list, detail, charts, inbound, stuck, reports).
import { getJson, publicFetch, SignInRequired } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { language, switchLanguage } from "../strings/language.js";
import { loadUnmatched, renderUnmatched } from "./inbound.js";
import { loadPage, renderFilters, renderPage } from "./list.js";
import { loadNational, renderNational } from "./national.js";
import { loadOverview, renderOverview } from "./overview.js";
import { loadReport, renderReport } from "./reports.js";
import { renderSignIn, signedIn } from "./signin.js";
import { auth, showError, state, t, timers } from "./state.js";
import { loadStuck, renderStuck } from "./stuck.js";

/** With the stored key, or the Entra ID session cookie, or neither: /api/staff/me decides. */
export async function start() {
  try {
    auth.identity = await getJson("/api/staff/me");
    const listed = await getJson("/api/staff/calls");
    state.calls = listed.calls;
    state.defaultCallId = listed.defaultCallId;
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
    return;
  }
  signedIn();
  renderIdentity(); // at once: the call's data can take a while on a busy server
  // The Ministry, staff of no agency, sees the national view of the programmes instead of an empty console.
  showNational(nationalOnly());
  if (nationalOnly()) {
    renderAll();
    await loadNational();
    return;
  }
  const wanted = new URLSearchParams(location.search).get("call");
  // Asked for by the address, or the server's choice: the open call with the nearest deadline, else the
  // most recently closed.
  state.callId = (state.calls.find((c) => c.callId === wanted) || state.calls.find((c) => c.callId === state.defaultCallId) || state.calls[0] || {}).callId || null;
  renderCallPicker();
  await loadCall();
  renderAll();
  clearInterval(timers.refresh);
  // Charts and counts follow submissions as they arrive, while the page is visible.
  timers.refresh = setInterval(() => { if (!document.hidden) refresh(); }, 30000);
}

const callPanels = ["call-panel", "charts", "list", "inbound", "stuck", "report", "privacy"];
const nationalOnly = () => !!(auth.identity && auth.identity.isMinistry && !(auth.identity.agencies || []).length && !state.calls.length);

function showNational(on) {
  $("national").hidden = !on;
  for (const id of callPanels) $(id).hidden = on;
}

async function loadCall() {
  if (!state.callId) return;
  state.tokens = [null];
  state.pageIndex = 0;
  state.form = null;
  state.call = null;
  publicFetch("/api/calls/" + encodeURIComponent(state.callId)).then((r) => (r.ok ? r.json() : null))
    .then((call) => { state.form = call && call.form; state.call = call; }).catch(() => {});
  await Promise.all([loadOverview(), loadPage(), loadStuck(), loadReport(), loadUnmatched()]);
  renderFilters();
}

export async function refresh() {
  try {
    // Rows under the keyboard focus or an open dialog stay put: replacing them would lose the focus.
    const busy = $("detail").open || $("submission-table").contains(document.activeElement) || $("stuck-table").contains(document.activeElement);
    await Promise.all(busy ? [loadOverview()] : [loadOverview(), loadPage(true), loadStuck()]);
  } catch (e) {
    // The next refresh tries again; sign-in problems are handled in request().
  }
}

function renderAll() {
  document.documentElement.lang = language();
  $("language").textContent = t().switchTo;
  $("language").setAttribute("lang", language() === "vi" ? "en" : "vi");
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = t()[node.dataset.text];
  document.title = t().heading;
  renderIdentity();
  renderSignIn();
  if (nationalOnly()) renderNational();
  if (state.calls.length) {
    renderCallPicker();
    renderOverview();
    renderFilters();
    renderPage();
    renderStuck();
    renderReport();
    renderUnmatched();
  }
}

function renderIdentity() {
  $("who").textContent = !auth.identity ? "" : auth.identity.signedInWith === "entra" ? `${t().signedInAs} ${auth.identity.name}` : t().signedInKey;
}

function renderCallPicker() {
  const select = $("call-select");
  select.replaceChildren(...state.calls.map((c) =>
    el("option", { value: c.callId, selected: c.callId === state.callId, "data-agency": c.agency,
      text: (language() === "en" && c.titleEn ? c.titleEn : c.title) + (c.organiser ? ` – ${c.organiser}` : "") })));
}

$("call-select").addEventListener("change", (event) => {
  state.callId = event.target.value;
  state.filters = {};
  loadCall();
});
$("language").addEventListener("click", () => {
  switchLanguage();
  renderAll();
});

renderAll();
start();
