// The personal-data notice (Law 91/2025/QH15), from GET /api/calls/{id}/privacy-notice: on the form, shown
// before the contact fields, and on its own page (privacy.html), linked from the receipt email and the status
// page. It follows the page's language: the form's switch sets <html lang>, which this watches.
import { publicFetch } from "./shared/api.js";
import { noticeText } from "./strings/notice.js";

const target = document.getElementById("privacy-notice");
const params = new URLSearchParams(location.search);
const callId = params.get("call") || "demo";
const standalone = !!target && target.dataset.standalone === "true";
let notice = null;

function language() {
  return document.documentElement.lang === "en" ? "en" : "vi";
}

function render() {
  if (!notice) return;
  const lang = language();
  target.replaceChildren();
  const title = document.createElement(standalone ? "h1" : "h2");
  title.id = "privacy-notice-heading";
  title.textContent = noticeText[lang].heading;
  target.append(title);
  const list = document.createElement("dl");
  for (const section of notice.sections) {
    const term = document.createElement("dt");
    term.textContent = lang === "en" ? section.titleEn : section.titleVi;
    const text = document.createElement("dd");
    text.dataset.key = section.key;
    text.textContent = lang === "en" ? section.en : section.vi;
    list.append(term, text);
  }
  target.append(list);
  const footer = document.createElement("p");
  footer.className = "hint";
  footer.textContent = noticeText[lang].version + ": " + notice.version + ". ";
  if (!standalone) {
    const link = document.createElement("a");
    link.href = "privacy.html?call=" + encodeURIComponent(callId) + "&lang=" + lang;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = noticeText[lang].more;
    footer.append(link);
  }
  target.append(footer);
  target.setAttribute("aria-labelledby", title.id);
  target.dataset.version = notice.version;
  target.hidden = false;
}

if (target) {
  if (standalone && params.get("lang") === "en") document.documentElement.lang = "en";
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  publicFetch("/api/calls/" + encodeURIComponent(callId) + "/privacy-notice")
    .then((response) => (response.ok ? response.json() : null))
    .then((answer) => { notice = answer; render(); })
    .catch(() => { /* no notice: the form still works; the call file's contact answers questions */ });
}
