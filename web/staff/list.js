// The list of submissions: filters, sorting by a column, and pages that follow the server's continuation tokens.
import { getJson } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { language } from "../strings/language.js";
import { openDetail } from "./detail.js";
import { areaTitle, callPath, flagLabel, guard, signatureMark, state, statuses, statusLabel, t, vietnamTime } from "./state.js";

const sizes = ["micro", "small", "medium", "large"];
const columns = [
  ["receiptNumber", "receipt"], ["enterpriseName", "enterprise"], ["taxCode", "taxCode"], ["taskName", "task"],
  ["priorityArea", "area"], ["size", "size"], ["region", "region"], ["status", "status"], [null, "signature"], [null, "flags"], ["receivedAt", "submittedAt"], [null, "open"],
];

export function loadPage(quiet) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(state.filters)) if (value) query.set(name, value);
  query.set("sort", state.sort);
  query.set("order", state.order);
  query.set("pageSize", String(state.pageSize));
  const token = state.tokens[state.pageIndex];
  if (token) query.set("continuationToken", token);
  if (!quiet) $("list-summary").textContent = t().loading;
  return guard(getJson(callPath("/submissions?" + query)).then((page) => {
    state.page = page;
    state.tokens[state.pageIndex + 1] = page.continuationToken || null;
    renderPage();
  }));
}

export function renderFilters() {
  const o = state.overview;
  if (!o) return;
  const options = {
    status: statuses().map((s) => [s, statusLabel(s)]),
    priorityArea: o.byPriorityArea.map((a) => [String(a.area), areaTitle(a.area)]),
    suggestedArea: o.byPriorityArea.map((a) => [String(a.area), areaTitle(a.area)]),
    size: sizes.map((s) => [s, t().sizes[s]]),
    region: o.byRegion.map((r) => [r.key, r.name]),
    flag: o.flags.map((f) => [f.code, f[language()]]),
    signature: o.signatureStates.map((s) => [s.code, s[language()]]),
  };
  for (const [name, choices] of Object.entries(options)) {
    const select = $("filter-" + name);
    select.replaceChildren(el("option", { value: "", text: t().all }),
      ...choices.map(([value, label]) => el("option", { value, text: label, selected: state.filters[name] === value })));
  }
  $("filter-q").value = state.filters.q || "";
}

$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = new FormData($("filters"));
  state.filters = {};
  for (const [name, value] of form.entries()) if (String(value).trim()) state.filters[name] = String(value).trim();
  firstPage();
});
for (const select of document.querySelectorAll("#filters select")) {
  select.addEventListener("change", () => $("filters").requestSubmit());
}
$("clear-filters").addEventListener("click", () => {
  state.filters = {};
  renderFilters();
  firstPage();
});
$("prev-page").addEventListener("click", () => { if (state.pageIndex > 0) { state.pageIndex--; loadPage(); } });
$("next-page").addEventListener("click", () => { if (state.tokens[state.pageIndex + 1]) { state.pageIndex++; loadPage(); } });

function firstPage() {
  state.tokens = [null];
  state.pageIndex = 0;
  loadPage();
}

function sortBy(key) {
  state.order = state.sort === key && state.order === "asc" ? "desc" : "asc";
  state.sort = key;
  state.focusSort = key; // the header is redrawn: keep the keyboard focus on it
  firstPage();
}

export function renderPage() {
  const head = $("submission-head");
  // Whichever render comes (a refresh, then the sorted page), a header that had the focus keeps it.
  const focusedSort = head.contains(document.activeElement) ? document.activeElement.dataset.sort : null;
  head.replaceChildren(...columns.map(([key, label]) => {
    if (!key) return el("th", { scope: "col", text: label === "open" ? "" : t()[label] });
    const sorted = state.sort === key ? (state.order === "asc" ? "ascending" : "descending") : null;
    return el("th", { scope: "col", "aria-sort": sorted }, el("button", { type: "button", "data-sort": key, text: t()[label], onclick: () => sortBy(key) }));
  }));
  const refocus = state.focusSort || focusedSort;
  if (refocus) {
    head.querySelector(`[data-sort="${refocus}"]`).focus();
    state.focusSort = null;
  }
  const page = state.page;
  if (!page) return;
  const first = state.pageIndex * state.pageSize;
  $("list-summary").textContent = t().found(page.total);
  $("page-info").textContent = page.total ? t().pageOf(first + 1, first + page.items.length, page.total) : "";
  $("prev-page").disabled = state.pageIndex === 0;
  $("next-page").disabled = !page.continuationToken;
  $("submission-rows").replaceChildren(...page.items.map((s) => el("tr", { "data-submission": s.submissionId },
    el("td", { text: s.receiptNumber }),
    el("td", { text: s.enterpriseName }),
    el("td", { text: s.taxCode }),
    el("td", { text: s.taskName }),
    el("td", { text: `${areaTitle(s.priorityArea)}${s.suggestedPriorityArea && s.suggestedPriorityArea !== s.priorityArea ? ` (${t().suggested}: ${s.suggestedPriorityArea})` : ""}` }),
    el("td", { text: s.enterpriseSize ? t().sizes[s.enterpriseSize] || s.enterpriseSize : t().none }),
    el("td", { text: s.regionName || t().none }),
    el("td", {}, statusLabel(s.status) + (s.excludedReason ? ` (${t().excludedTag})` : ""),
      s.source && s.source !== "web" ? el("span", { class: "source", text: t().source[s.source] || s.source }) : null),
    el("td", {}, signatureMark(s.signatureState)),
    el("td", {}, ...s.flags.map((f) => el("span", { class: "flag", text: flagLabel(f) }))),
    el("td", { text: vietnamTime(s.receivedAtUtc) }),
    el("td", {}, el("button", { type: "button", class: "open", "aria-label": `${t().openLabel} ${s.receiptNumber}`, text: t().open, onclick: () => openDetail(s.submissionId) })),
  )));
}
