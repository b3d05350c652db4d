// Downloading a submission's files. A fresh short-lived link on every click; the storage answers with the file
// as an attachment. A file the scanner found malware in has no link (403); one of a rejected submission is given
// only once the staff member has read why it was rejected and confirmed (409, then the same address as a POST,
// which the server records). The safe copy unless the original is asked for (which the server records too).
import { request, SignInRequired } from "../shared/api.js";
import { $, el, followLink } from "../shared/dom.js";
import { language } from "../strings/language.js";
import { callPath, showError, t } from "./state.js";

export async function downloadDocument(submissionId, kind, confirmed, original) {
  const message = $("document-message");
  try {
    const response = await request(callPath(`/submissions/${encodeURIComponent(submissionId)}/documents/${kind}${original ? "?original=true" : ""}`),
      confirmed ? { method: "POST" } : undefined);
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      message.replaceChildren();
      followLink(answer.url);
    } else if (response.status === 409 && answer.type && answer.type.endsWith("/confirm-rejected-document")) {
      message.replaceChildren(
        el("p", { text: `${t().confirmHeading}: ${language() === "vi" ? answer.detail : answer.detailEn}` }),
        el("ul", {}, ...(answer.errors || []).map((e) => el("li", { text: e[language()] || e.vi }))),
        el("div", { class: "actions" },
          el("button", { type: "button", id: "confirm-download", text: t().confirmDownload, onclick: () => downloadDocument(submissionId, kind, true, original) }),
          el("button", { type: "button", class: "secondary", text: t().cancel, onclick: () => message.replaceChildren() })));
      $("confirm-download").focus();
    } else if (response.status === 403) {
      message.textContent = t().blocked;
    } else {
      showError();
    }
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
  }
}
