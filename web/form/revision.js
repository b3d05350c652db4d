// A revised version: opened from the status page's "Nộp bản sửa" link (#revise=…&token=…, a fragment the browser
// never sends), the form fills in the earlier answers and sends the two fields that prove the enterprise may
// replace that submission.
import { publicFetch } from "../shared/api.js";
import { $ } from "../shared/dom.js";
import { fill, saveDraft } from "./draft.js";
import { applyConditions, applyLanguage } from "./page.js";
import { callId, form, t } from "./state.js";

// The earlier answers, read with the tracking token (GET /api/submissions/{id}/answers).
export function loadRevision() {
  publicFetch("/api/submissions/" + encodeURIComponent(form.revising.id) + "/answers", { "X-Tracking-Token": form.revising.token })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((answers) => {
      if (answers.callId !== callId) return Promise.reject("call");
      form.revising.answers = answers;
      if (answers.canRevise) {
        fill(answers.fields);
        for (const [name, value] of [["replacesSubmissionId", form.revising.id], ["replacesTrackingToken", form.revising.token]]) {
          const input = document.createElement("input");
          input.type = "hidden";
          input.name = input.id = name;
          input.value = value;
          $("proposal").appendChild(input);
        }
        applyLanguage();
        applyConditions();
        saveDraft();
      }
      showRevising();
    })
    .catch(() => { form.revising.problem = true; showRevising(); });
}

export function showRevising() {
  const notice = $("revising");
  if (!form.revising || (!form.revising.answers && !form.revising.problem)) return;
  notice.textContent = form.revising.problem ? t("reviseFailed")
    : form.revising.answers.canRevise ? t("revising", form.revising.answers.receiptNumber) : t("reviseClosed", form.revising.answers.receiptNumber);
  notice.className = form.revising.problem || !form.revising.answers.canRevise ? "problem" : "notice";
  notice.hidden = false;
}
