// The proposal form. It renders from the call's form definition (GET /api/calls/{id}), in Vietnamese
// or English, checks every answer with the server's rules (rules.js) before sending, keeps a
// draft in this browser, shows a review step, and posts multipart with an Idempotency-Key that a
// retry reuses, so a flaky connection never creates two submissions. The page loads this module; the
// parts are in form/ (controls, the page around them, revision, sending, the draft).
import { publicFetch } from "./shared/api.js";
import { $ } from "./shared/dom.js";
import { switchLanguage } from "./strings/language.js";
import { restoreDraft, saveDraft } from "./form/draft.js";
import { control, showLiveHints } from "./form/fields.js";
import { addPaperFields, applyConditions, applyLanguage, showProvinceHint, tick } from "./form/page.js";
import { loadRevision } from "./form/revision.js";
import { review, send, show } from "./form/send.js";
import { callId, form, paper, t } from "./form/state.js";

publicFetch("/api/calls/" + encodeURIComponent(callId))
  .then((r) => r.json().then((body) => (r.ok ? body : Promise.reject(body))))
  .then(start)
  .catch((problem) => {
    $("load-error").textContent = problem && problem.title ? `${problem.title}: ${problem.detail}` : t("loadFailed");
    $("load-error").hidden = false;
  });

function start(answer) {
  form.call = answer;
  form.definition = answer.form;
  $("template-link").href = `/api/calls/${encodeURIComponent(callId)}/form-template.docx`;
  for (const section of form.definition.sections) {
    const fieldset = document.createElement("fieldset");
    fieldset.id = "section-" + section.id;
    const legend = document.createElement("legend");
    legend.dataset.section = section.id;
    fieldset.appendChild(legend);
    for (const field of section.fields) fieldset.appendChild(control(field));
    $("sections").appendChild(fieldset);
  }
  restoreDraft();
  if (form.revising) loadRevision();
  if (paper) addPaperFields();
  $("proposal").addEventListener("input", () => { saveDraft(); applyConditions(); });
  $("province").addEventListener("input", showProvinceHint);
  $("proposal").addEventListener("input", showLiveHints);
  $("proposal").addEventListener("change", showLiveHints);
  $("proposal").addEventListener("change", applyConditions);
  $("proposal").addEventListener("submit", review);
  $("back").addEventListener("click", () => show("proposal"));
  $("send").addEventListener("click", send);
  $("print").addEventListener("click", () => window.print());
  $("language").addEventListener("click", () => {
    switchLanguage();
    applyLanguage();
    showLiveHints();
  });
  applyLanguage();
  applyConditions();
  showLiveHints();
  $("proposal").hidden = false;
  tick();
  setInterval(tick, 1000);
}

