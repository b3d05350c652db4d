// The draft kept in this browser while the user types (localStorage, per call; paper entry keeps its own).
import { $ } from "../shared/dom.js";
import { draftKey, fields } from "./state.js";

export function saveDraft() {
  const draft = {};
  for (const field of fields()) draft[field.key] = $(field.key).value;
  localStorage.setItem(draftKey, JSON.stringify(draft));
}

export function restoreDraft() {
  try {
    fill(JSON.parse(localStorage.getItem(draftKey) || "{}"));
  } catch {
    localStorage.removeItem(draftKey);
  }
}

// Puts answers (by field key) into the form's fields; keys that are not fields of the form are ignored.
export function fill(answers) {
  for (const [key, value] of Object.entries(answers)) {
    const element = $(key);
    if (!element || !element.closest("#sections")) continue;
    if (element.tagName === "SELECT" && ![...element.options].some((o) => o.value === value)) {
      // Options are filled by applyLanguage; keep the value until then.
      element.appendChild(new Option(value, value));
    }
    element.value = value;
  }
}
