// What the console's modules share: who is signed in, the selected call and what was loaded for it, and the
// labels that come with the call's overview (statuses, signature states, flags, areas): the server's one copy.
import { consoleText } from "../strings/console.js";
import { language, strings } from "../strings/language.js";
import { SignInRequired } from "../shared/api.js";
import { $, el } from "../shared/dom.js";

export const t = strings(consoleText);

// How staff sign in is the server's answer to /api/staff/me: locally with the staff key (kept for this browser
// session only, shared/api.js); in Azure with Entra ID through App Service Authentication on this same origin,
// whose 401 names the sign-in address (signInUrl) and whose session cookie is this site's own.
export const auth = { identity: null, signInUrl: null, signOutUrl: null };

export const state = {
  calls: [], callId: null, overview: null, form: null, report: null, stuck: null, page: null,
  filters: {}, sort: "receiptNumber", order: "asc", pageSize: 50, tokens: [null], pageIndex: 0, signInMessage: null,
};

/** The countdown (every second) and the refresh (every 30 s), stopped on sign-out. */
export const timers = { countdown: null, refresh: null };

export const callPath = (suffix) => "/api/staff/calls/" + encodeURIComponent(state.callId) + suffix;

// Status codes and their labels come from the server (the overview), the one copy of them.
export const statuses = () => (state.overview ? state.overview.statuses.map((s) => s.code) : []);
export function statusLabel(code) {
  const status = state.overview && state.overview.statuses.find((s) => s.code === code);
  return status ? status[language()] : code;
}

// Signature states and their labels come from the overview too; the mark carries the state for its colour.
function signatureLabel(code) {
  const found = state.overview && code && state.overview.signatureStates.find((s) => s.code === code);
  return found ? found[language()] : t().none;
}
export const signatureMark = (code) => el("span", { class: "signature", "data-signature": code || "unknown", text: signatureLabel(code) });

export function areaTitle(number) {
  const area = state.overview && state.overview.byPriorityArea.find((a) => a.area === number);
  if (!area) return number === null || number === undefined ? t().none : String(number);
  return `${number}. ${language() === "en" && area.titleEn ? area.titleEn : area.title}`;
}

export function flagLabel(code) {
  const flag = state.overview && state.overview.flags.find((f) => f.code === code);
  return flag ? flag[language()] : code;
}

export const pad = (n) => String(n).padStart(2, "0");

/** Vietnam time (UTC+7, no daylight saving), "dd/mm/yyyy hh:mm", with "(giờ Việt Nam)" when asked. */
export function vietnamTime(iso, withSuffix) {
  if (!iso) return t().none;
  const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  const shown = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withSuffix ? `${shown} ${t().vnTime}` : shown;
}

export function showError() {
  $("load-error").hidden = false;
  $("load-error").textContent = t().failed;
}

/** A failed load shows the error line; a refusal was already handed to the sign-in. */
export const guard = (promise) => promise.catch((e) => { if (!(e instanceof SignInRequired)) showError(); });

/** A problem's detail in the page's language, and its per-field errors in one line. */
export function problemText(problem, status) {
  const detail = (language() === "vi" ? problem.detail : problem.detailEn) || status;
  const details = (problem.errors || []).map((e) => e[language()] || e.vi).join(" ");
  return `${detail} ${details}`;
}
