// The form's controls, drawn from the call's form definition: one labelled input per field, with its help,
// its error line, and the live hints beside amounts and business codes.
import { $ } from "../shared/dom.js";
import { fields, form, lang } from "./state.js";
import { ProposalRules } from "../rules.js";

export function control(field) {
  const wrapper = document.createElement("div");
  wrapper.className = "field";
  wrapper.dataset.field = field.key;
  const label = document.createElement("label");
  label.htmlFor = field.key;
  wrapper.appendChild(label);
  const help = document.createElement("p");
  help.className = "hint";
  help.id = field.key + "-help";
  wrapper.appendChild(help);
  let input;
  if (["choice", "vsicSection", "priorityArea"].includes(field.type)) {
    input = document.createElement("select");
  } else if (field.type === "multiline") {
    input = document.createElement("textarea");
    input.rows = 5;
  } else {
    input = document.createElement("input");
    input.type = { email: "email", phone: "tel" }[field.type] || "text";
    if (field.type === "month") input.placeholder = "01/2027"; // tháng/năm, as people write it
    if (["wholeNumber", "money", "taxCode", "vsicCode"].includes(field.type)) input.inputMode = "numeric";
    if (field.type === "email") input.autocomplete = "email";
    if (field.type === "phone") input.autocomplete = "tel";
    if (field.type === "province") {
      // Typed, with the call's units offered as the user types; a unit merged in 2025 is explained at once.
      input.setAttribute("list", "province-list");
      input.autocomplete = "off";
      const list = document.createElement("datalist");
      list.id = "province-list";
      for (const name of form.call.provinces) list.appendChild(new Option(name, name));
      wrapper.appendChild(list);
    }
  }
  input.id = input.name = field.key;
  if (input.tagName !== "SELECT") input.maxLength = field.maxLength;
  input.setAttribute("aria-describedby", `${field.key}-help ${field.key}-error`);
  if (field.required) input.setAttribute("aria-required", "true");
  wrapper.appendChild(input);
  if (field.type === "money" || field.type === "vsicCode") wrapper.appendChild(liveHint(field));
  const error = document.createElement("p");
  error.className = "error";
  error.id = field.key + "-error";
  error.hidden = true;
  wrapper.appendChild(error);
  return wrapper;
}

// "= 45 tỷ đồng" beside an amount; beside the business code its name, or the VSIC 2025 codes a 2018 code becomes.
function liveHint(field) {
  const live = document.createElement("div");
  live.className = "live";
  const text = document.createElement("p");
  text.id = field.key + "-live";
  text.setAttribute("aria-live", "polite");
  text.hidden = true;
  live.appendChild(text);
  if (field.type === "vsicCode") {
    const choice = document.createElement("select");
    choice.id = choice.name = "vsicCodeChoice";
    choice.hidden = true;
    choice.setAttribute("aria-describedby", text.id);
    live.appendChild(choice);
  }
  return live;
}

export function showLiveHints() {
  for (const field of fields().filter((f) => f.type === "money" || f.type === "vsicCode")) {
    const text = $(field.key + "-live");
    if (field.type === "money") {
      text.textContent = ProposalRules.moneyHint($(field.key).value, lang()) || "";
    } else {
      const choice = $("vsicCodeChoice");
      const hint = ProposalRules.vsicHint(form.call, $(field.key).value, choice.value);
      text.textContent = hint ? hint[lang()] : "";
      const wanted = hint && hint.choices ? ["", ...hint.choices.map((c) => c.code)] : [];
      if ([...choice.options].map((o) => o.value).join() !== wanted.join()) {
        const kept = choice.value;
        choice.replaceChildren(...wanted.map((code) => {
          const item = hint.choices.find((c) => c.code === code);
          return new Option(item ? (item.name ? `${code} – ${item.name}` : code) : (lang() === "vi" ? "— Chọn mã VSIC 2025 —" : "— Choose the VSIC 2025 code —"), code);
        }));
        choice.value = wanted.includes(kept) ? kept : "";
      }
      choice.hidden = wanted.length === 0;
    }
    text.hidden = !text.textContent;
  }
}

export function options(field) {
  switch (field.type) {
    case "choice": return field.options.map((o) => [o.value, o.label[lang()]]);
    case "vsicSection": return form.call.vsicSections.map((s) => [s.letter, `${s.letter} – ${lang() === "vi" ? s.nameVi : s.nameEn}`]);
    case "priorityArea": return form.call.priorityAreas.map((a) => [String(a.number), `${a.number}. ${lang() === "vi" ? a.title : (a.titleEn || a.title)}`]);
    default: return null;
  }
}
