// The server's field and document rules, for the browser: the same checks and the same messages as
// ProposalValidator.cs and DocumentRules.cs, applied before anything is sent. The two are kept equal by
// one table of cases (tests/cases/field-rules.json) that the tests run through both; a change to either
// fails until the other and the table follow. Limits (document size) come from the call's answer. The rules
// themselves are in rules/, by subject; this is what the form (and the table's browser test) import.
import { documentError, documentErrors } from "./rules/documents.js";
import { fieldErrors, shown } from "./rules/fields.js";
import { moneyHint } from "./rules/money.js";
import { normalize, provinceHint } from "./rules/text.js";
import { vsicHint } from "./rules/vsic.js";

export const ProposalRules = { normalize, fieldErrors, documentError, documentErrors, shown, provinceHint, moneyHint, vsicHint };
