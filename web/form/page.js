// The page around the form: its language, the call's title and instructions, which fields show, the deadline's
// countdown (which closes the form), and the paper-entry fields staff use.
import { $ } from "../shared/dom.js";
import { options } from "./fields.js";
import { showErrors } from "./send.js";
import { showRevising } from "./revision.js";
import { fields, form, lang, paper, shown, t } from "./state.js";
import { ProposalRules } from "../rules.js";

export function applyLanguage() {
  document.documentElement.lang = lang();
  $("language").textContent = t("switchTo");
  $("language").lang = lang() === "vi" ? "en" : "vi";
  for (const element of document.querySelectorAll("[data-text]")) element.textContent = t(element.dataset.text, form.call.limits);
  $("call-title").textContent = lang() === "vi" ? form.call.title : (form.call.titleEn || form.call.title);
  $("organiser").textContent = form.call.organiser;
  $("form-title").textContent = form.definition.title[lang()];
  for (const legend of document.querySelectorAll("legend[data-section]")) {
    legend.textContent = form.definition.sections.find((s) => s.id === legend.dataset.section).title[lang()];
  }
  for (const field of fields()) {
    const wrapper = document.querySelector(`[data-field="${field.key}"]`);
    const condition = field.showWhen ? ` (${t("pilotOnly")})` : "";
    wrapper.querySelector("label").textContent = field.label[lang()] + (field.required ? " *" : "") + condition;
    const help = wrapper.querySelector(".hint");
    // The section list is the call's VSIC version (2018 or 2025): say which, beside any help of the form's.
    const vsicNote = field.type === "vsicSection" ? (lang() === "vi" ? `Theo ${form.call.vsic.name} (${form.call.vsic.decision}).` : `As in ${form.call.vsic.name} (${form.call.vsic.decision}).`) : "";
    help.textContent = [field.help ? field.help[lang()] : "", vsicNote].filter(Boolean).join(" ");
    help.hidden = !help.textContent;
    const choices = options(field);
    if (choices) {
      const select = wrapper.querySelector("select");
      const value = select.value;
      select.replaceChildren(new Option(t("choose"), ""), ...choices.map(([v, text]) => new Option(text, v)));
      select.value = value;
    }
  }
  showErrors(form.errors, form.heading, false);
  showRevising();
  showInstructions();
  tick();
}


// What the notice asks beyond the upload (the paper original, whom to call), from the call file: on the
// form and again on the receipt.
function showInstructions() {
  const lines = (form.call.instructions && form.call.instructions[lang()]) || [];
  for (const id of ["instructions", "receipt-instructions"]) {
    $(id).replaceChildren(...lines.map((line) => Object.assign(document.createElement("p"), { textContent: line })));
  }
  $("instructions").hidden = lines.length === 0;
}

// "Tỉnh Hải Dương (cũ) đã được sắp xếp vào thành phố Hải Phòng từ ngày 01/07/2025": said while typing, in the server's words.
export function showProvinceHint() {
  const hint = ProposalRules.provinceHint(form.call, $("province").value);
  const message = $("province-error");
  if (hint) {
    message.textContent = hint[lang()];
    message.hidden = false;
  } else if (!form.errors.some((e) => e.field === "province")) {
    message.hidden = true;
  }
}

export function applyConditions() {
  for (const field of fields()) document.querySelector(`[data-field="${field.key}"]`).hidden = !shown(field);
}

export function tick() {
  if (!form.call) return;
  const left = new Date(form.call.deadline) - new Date();
  const when = lang() === "vi" ? form.call.deadlineVietnam : form.call.deadlineEnglish;
  if (left <= 0 && !paper) {
    $("deadline").textContent = "";
    $("closed").textContent = t("closed", when);
    $("closed").hidden = false;
    for (const id of ["proposal", "review"]) $(id).hidden = true;
    return;
  }
  $("deadline").textContent = t("deadline", when, Math.floor(left / 86400000), Math.floor(left / 3600000) % 24, Math.floor(left / 60000) % 60);
}


export function addPaperFields() {
  const notice = $("revising");
  notice.className = "notice";
  notice.hidden = false;
  notice.dataset.text = "paperMode";
  const wrapper = document.createElement("div");
  wrapper.className = "field";
  const label = document.createElement("label");
  label.htmlFor = "paperReceivedOn";
  label.dataset.text = "paperReceivedOn";
  const input = document.createElement("input");
  input.type = "date";
  input.id = input.name = "paperReceivedOn";
  input.max = new Date().toISOString().slice(0, 10);
  const error = document.createElement("p");
  error.className = "error";
  error.id = "paperReceivedOn-error";
  error.hidden = true;
  wrapper.append(label, input, error);
  $("documents").insertBefore(wrapper, $("documents").querySelector(".field"));
}
