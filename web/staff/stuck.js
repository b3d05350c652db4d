// Submissions stuck in a stage or poisoned (failed five times), with the replay that sends one through again.
import { getJson, request, SignInRequired } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { refresh } from "./staff.js";
import { callPath, guard, showError, state, statusLabel, t } from "./state.js";

export const loadStuck = () => guard(getJson(callPath("/stuck")).then((s) => { state.stuck = s; renderStuck(); }));

export function renderStuck() {
  const stuck = state.stuck;
  if (!stuck) return;
  $("stuck-head").replaceChildren(...[t().receipt, t().status, t().stage, t().age, t().reason, ""].map((h) => el("th", { scope: "col", text: h })));
  $("stuck-message").textContent = stuck.submissions.length ? "" : t().stuckNone;
  $("stuck-table").hidden = !stuck.submissions.length;
  $("stuck-rows").replaceChildren(...stuck.submissions.map((s) => el("tr", { "data-submission": s.submissionId },
    el("td", { text: s.receiptNumber }),
    el("td", { text: statusLabel(s.status) }),
    el("td", { text: s.poisoned ? t().poisonedYes : t().stuckOnly }),
    el("td", { text: `${Math.round(s.ageSeconds / 60)} min` }),
    el("td", { text: s.lastError || t().none }),
    el("td", {}, el("button", { type: "button", class: "replay", "aria-label": `${t().replayLabel} ${s.receiptNumber}`, text: t().replay, onclick: (e) => replay(s, e.target) })),
  )));
}

async function replay(submission, button) {
  button.disabled = true;
  try {
    const response = await request(callPath(`/submissions/${encodeURIComponent(submission.submissionId)}/replay`), { method: "POST" });
    $("stuck-message").textContent = response.ok ? t().replayed(submission.receiptNumber) : t().failed;
    setTimeout(refresh, 2000);
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
  } finally {
    button.disabled = false;
  }
}
