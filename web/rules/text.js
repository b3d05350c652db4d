// What every rule shares: the error's shape, Vietnamese text as the server normalizes it, numbers and sizes as
// the messages write them, and the province names (ProvinceDirectory) with the 2025 mergers.

export const error = (field, vi, en) => ({ field, vi, en });
export const lowerFirst = (text) => (/^\d/.test(text) ? text : text.charAt(0).toLocaleLowerCase("vi") + text.slice(1));
export const group = (n, separator) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
export const megabytes = (bytes) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

// VietnameseText.Normalize: NFC, CR dropped, tabs and newlines kept only in multi-line text, other
// control and format characters removed, trimmed.
export function normalize(value, multiline) {
  let text = String(value ?? "").normalize("NFC").replace(/\r/g, "");
  text = multiline ? text : text.replace(/[\n\t]/g, " ");
  return text.replace(/[\p{Cc}\p{Cf}]/gu, (c) => (multiline && (c === "\n" || c === "\t") ? c : "")).trim();
}

// ProvinceDirectory.Key: folded (case, diacritics, đ), without a "Tỉnh"/"Thành phố" prefix, letters and digits only.
export function provinceKey(name) {
  let folded = String(name ?? "").normalize("NFD").replace(/\p{Mn}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
  const prefix = ["thanh pho ", "tinh ", "tp. ", "tp.", "tp "].find((p) => folded.startsWith(p));
  if (prefix) folded = folded.slice(prefix.length);
  return folded.replace(/[^a-z0-9]/g, "");
}

// ProposalValidator's province rule: a unit of the call's list; a unit merged into one (the 2025 list) is
// answered with the server's own words from the call (mergedProvinces), so the form can say it while typing.
export function provinceError(key, value, call) {
  const typed = provinceKey(value);
  if ((call.provinceSpellings || []).some((p) => p.spellings.some((s) => provinceKey(s) === typed))) return null;
  const merged = (call.mergedProvinces || []).find((m) => m.spellings.some((s) => provinceKey(s) === typed));
  if (merged) return error(key, merged.vi, merged.en);
  return error(key, `Không nhận ra tỉnh/thành phố "${value}"; hãy chọn trong danh sách.`, `Unknown province or city "${value}"; choose one from the list.`);
}


// While the province is typed: what the server would say about a merged unit's name, or nothing.
export function provinceHint(call, value) {
  const problem = value ? provinceError("province", normalize(value), call) : null;
  return problem && (call.mergedProvinces || []).some((m) => m.vi === problem.vi) ? problem : null;
}
