// Building the pages' elements without HTML strings (the policy forbids inline script, and text is never markup).
export const $ = (id) => document.getElementById(id);

/**
 * An element: attributes by name ("text" sets its text, "on…" adds a listener, false/null/undefined leave it
 * out), then its children (nodes, strings, or arrays of them; null is skipped).
 */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Follows a download link the way a click would (a fresh short-lived address from the API). */
export function followLink(url, download) {
  const a = el("a", { href: url, rel: "noopener", download: download || "" });
  document.body.appendChild(a);
  a.click();
  a.remove();
}
