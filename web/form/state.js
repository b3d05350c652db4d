// What the form's modules share: the call and its form definition, the errors shown, the submission being
// revised, and the answers as typed. The rules themselves are rules.js's (the server's, for the browser).
import { language } from "../strings/language.js";
import { formText } from "../strings/form.js";
import { ProposalRules } from "../rules.js";

export const params = new URLSearchParams(location.search);
export const callId = params.get("call") || "demo";
// Staff entering a proposal that came on paper (from the console): the same form, sent to the staff route
// with the day the paper arrived; the Word file is optional and the deadline does not close the form.
export const paper = params.get("paper") === "1";
export const draftKey = (paper ? "proposal-draft-paper:" : "proposal-draft:") + callId;

// The submission being revised, with its tracking token, when opened from the status page.
const link = new URLSearchParams(location.hash.replace(/^#/, ""));

export const form = {
  call: null, definition: null, errors: [], heading: null, idempotencyKey: null,
  revising: link.get("revise") && link.get("token") ? { id: link.get("revise"), token: link.get("token"), answers: null, problem: null } : null,
};

export const lang = language;

/** A string of the form's table in the page's language; a function entry is called with the arguments. */
export function t(key, ...args) {
  const entry = formText[language()][key];
  return typeof entry === "function" ? entry(...args) : entry;
}

export const fields = () => form.definition.sections.flatMap((s) => s.fields);
export const shown = (field) => ProposalRules.shown(field, values());

// The answers as typed, by field key: what the rules (rules.js, the server's rules) are applied to.
export const values = () => Object.fromEntries(fields().map((field) => [field.key, document.getElementById(field.key).value]));
