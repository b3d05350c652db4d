// One submission, in the dialog: its documents, signature, findings, classification evidence, email or paper
// origin, the staff decisions on it, its versions and possible duplicates, its answers and its audit trail.
import { getJson, SignInRequired } from "../shared/api.js";
import { $, el } from "../shared/dom.js";
import { formatNumber, language } from "../strings/language.js";
import { counting, malwareRelease } from "./decisions.js";
import { downloadDocument } from "./documents.js";
import { emailSection, reviewSection } from "./inbound.js";
import { loadPage } from "./list.js";
import { areaTitle, callPath, showError, signatureMark, state, statusLabel, t, vietnamTime } from "./state.js";

let lastFocus = null;

export async function openDetail(submissionId) {
  lastFocus = document.activeElement;
  let detail;
  try {
    detail = await getJson(callPath("/submissions/" + encodeURIComponent(submissionId)));
  } catch (e) {
    if (!(e instanceof SignInRequired)) showError();
    return;
  }
  const s = detail.submission;
  const c = detail.classification;
  $("detail-heading").textContent = `${s.receiptNumber} – ${s.enterpriseName}`;
  const fieldLabel = (key) => {
    const field = state.form && state.form.sections.flatMap((x) => x.fields).find((f) => f.key === key);
    return field ? field.label[language()] : key;
  };
  const related = (items) => items.length
    ? el("ul", {}, ...items.map((r) => el("li", { text: `${r.receiptNumber} – ${vietnamTime(r.receivedAtUtc, true)} – ${statusLabel(r.status)} – ${t().version} ${r.version}${r.supersededBy ? ` (${t().supersededBy} ${r.supersededBy})` : ""}${r.submissionId === s.submissionId ? " ◀" : ""}` })))
    : el("p", { text: t().none });
  const findings = (items) => el("ul", {}, ...items.map((f) => el("li", { text: f[language()] || f.vi })));
  $("detail-body").replaceChildren(...[
    list([[t().status, statusLabel(s.status)], [t().submittedAt, vietnamTime(s.receivedAtUtc, true)],
      [t().taxCode, s.taxCode], [t().province, s.province], [t().flags, detail.flags.map((f) => f[language()]).join("; ")]]),
    el("h3", { text: t().documents }),
    // The disarmed safe copy first; the original one click away, on the audit trail (issue 21).
    el("div", { class: "actions" }, ...["signedScan", "editableForm"].flatMap((kind) => [el("button", {
      type: "button", class: "secondary", "data-document": kind, text: `${t().download}: ${t()[kind]} (${t().safeCopy})`,
      onclick: () => downloadDocument(s.submissionId, kind),
    }), el("button", {
      type: "button", class: "link", "data-original": kind, text: `${t().original}: ${t()[kind]}`,
      onclick: () => downloadDocument(s.submissionId, kind, false, true),
    })])),
    el("ul", {}, ...detail.documents.map((d) => el("li", { "data-scan": d.field,
      text: `${t()[d.field] || d.field}: ${d.originalName} (${formatNumber(d.bytes)} ${t().bytes}) – ${t().scan}: ${language() === "vi" ? d.malwareScanVi : d.malwareScanEn}` }))),
    el("div", { id: "document-message", role: "status" }),
    s.status === "received" && detail.documents.some((d) => !d.malwareScan) ? malwareRelease(s) : null,
    el("h3", { text: t().signature }), signatures(detail.signature, detail.submission.submissionId),
    el("h3", { text: t().findings }),
    detail.rejectionReasons.length ? el("div", {}, el("p", { text: t().rejections }), findings(detail.rejectionReasons)) : null,
    detail.reviewWarnings.length ? el("div", {}, el("p", { text: t().warnings }), findings(detail.reviewWarnings)) : null,
    !detail.rejectionReasons.length && !detail.reviewWarnings.length ? el("p", { text: t().noFindings }) : null,
    el("h3", { text: t().evidence }),
    list([[t().size, c.enterpriseSize ? t().sizes[c.enterpriseSize] : null], [t().sizeEvidence, c.enterpriseSizeEvidence],
      [t().sector, c.vsicSection ? `${c.vsicSection} – ${c.sectorName || ""}` : null], [t().region, c.regionName],
      [t().declaredArea, areaTitle(c.declaredPriorityArea)], [t().suggestedArea, c.suggestedPriorityArea ? areaTitle(c.suggestedPriorityArea) : null],
      [t().priorityEvidence, c.priorityEvidence], [t().rulesVersion, c.priorityRulesVersion]]),
    detail.email ? emailSection(s, detail) : null,
    s.status === "needsReview" ? reviewSection(s, detail) : null,
    detail.paperReceivedOn ? list([[t().paperReceivedOn, detail.paperReceivedOn]]) : null,
    detail.notAProposalReason ? list([[t().notAProposal, detail.notAProposalReason]]) : null,
    el("h3", { text: t().counting }), counting(s, detail.exclusion),
    el("h3", { text: t().duplicates }), related(detail.possibleDuplicates),
    el("h3", { text: t().versions }), related(detail.versions),
    el("h3", { text: t().fields }),
    list(Object.entries(detail.fields).map(([key, value]) => [fieldLabel(key), value])),
    el("h3", { text: t().pipeline }),
    list([[t().validatedAt, vietnamTime(detail.pipeline.validatedAtUtc, true)], [t().classifiedAt, vietnamTime(detail.pipeline.classifiedAtUtc, true)],
      [t().lastError, detail.pipeline.lastError]]),
    el("h3", { text: t().auditHeading }),
    detail.audit.length
      ? el("ul", { id: "audit" }, ...detail.audit.map((a) => el("li", { text: `${vietnamTime(a.atUtc, true)} – ${a.actor} – ${a.actionVi}${a.reasonVi ? `: ${a.reasonVi}` : ""}${a.note ? ` (${a.note})` : ""}` })))
      : el("p", { text: t().auditNone }),
  ].filter(Boolean));
  const dialog = $("detail");
  if (!dialog.open) dialog.showModal();
  $("detail-close").focus();
}

/** After a staff decision: the submission as it is now, and the list behind the dialog. */
export async function showDecided(submissionId) {
  await openDetail(submissionId);
  loadPage(true);
}

/** Terms and values; an empty value is a dash. */
function list(pairs) {
  return el("dl", {}, ...pairs.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value === null || value === undefined || value === "" ? t().none : String(value) })]));
}

// What the scan's digital signatures prove: the state, then each signature (signer, CA, tax code, time, notes).
function signatures(signature, submissionId) {
  const yesNo = (value) => (value === null || value === undefined ? null : value ? t().yes : t().no);
  return el("div", { id: "signatures" },
    el("p", {}, signatureMark(signature.state)),
    signature.replacedBySignature ? list([[t().replacedBySignature, signature.replacedBySignature]]) : null,
    signature.signatures.length === 0 && signature.state ? el("p", { class: "hint", text: t().signatureNone }) : null,
    ...signature.signatures.map((g) => el("div", { class: "signature-detail" },
      list([[t().status, g[language()]], [t().signer, g.signerName], [t().issuer, g.issuer], [t().signerTaxCodes, g.taxCodes.join(", ")],
        [t().signedAt, g.signedAtUtc ? `${vietnamTime(g.signedAtUtc, true)} (${g.signingTimeSigned ? t().signedTimeSigned : t().signedTimeClaimed})` : null],
        [t().validAtSigning, yesNo(g.validAtSigningTime)],
        [t().indication, g.indication ? [g.indication, g.subIndication].filter(Boolean).join(" / ") : null]]),
      el("ul", {}, ...g.notes.map((n) => el("li", { text: n[language()] }))),
      // A file that goes on after this signature: staff read what was actually signed (the server audits it).
      g.signedRevision ? el("button", { type: "button", class: "secondary signed-revision", text: t().signedRevision,
        onclick: () => downloadDocument(submissionId, `signedScan/revisions/${g.signedRevision}`, false) }) : null)));
}

$("detail-close").addEventListener("click", () => $("detail").close());
$("detail").addEventListener("close", () => { if (lastFocus) lastFocus.focus(); });
