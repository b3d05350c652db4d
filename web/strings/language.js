// The page's language, one rule for every page: ?lang= in the address, else the last choice made on any page
// of this site (localStorage), else Vietnamese. The string tables beside this file are the pages' words.
const storageKey = "proposal-language";

let current = new URLSearchParams(location.search).get("lang") || localStorage.getItem(storageKey) || "vi";

/** "vi" or "en". */
export const language = () => current;

/** The other language, remembered for the next page too. */
export function switchLanguage() {
  current = current === "vi" ? "en" : "vi";
  localStorage.setItem(storageKey, current);
  return current;
}

/** A table's strings in the current language: `const t = strings(table); t().heading`. */
export const strings = (table) => () => table[current];

/** Vietnamese or English grouping of digits, as the page's language writes numbers. */
export const formatNumber = (n) => (n || 0).toLocaleString(current === "vi" ? "vi-VN" : "en-GB");
