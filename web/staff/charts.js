// The console's charts: plain SVG drawn here (the policy allows no other origin, and no library is needed).
import { el } from "../shared/dom.js";

const svgNs = "http://www.w3.org/2000/svg";

/**
 * A bar chart: one group of bars per item ({ label, title?, values }), one bar per series; labels under the
 * bars, every bar titled with its value, and the whole read out by its aria-label.
 */
export function drawBars(container, items, series, description) {
  const width = 480, height = 220, left = 34, bottom = 28, top = 10;
  const max = Math.max(1, ...items.flatMap((i) => i.values));
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  const total = items.reduce((sum, i) => sum + i.values[0], 0);
  svg.setAttribute("aria-label", `${description}: ${items.map((i) => `${i.label} ${i.values.join("/")}`).join(", ") || total}`);
  const add = (name, attributes, content) => {
    const node = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (content !== undefined) node.textContent = content;
    svg.appendChild(node);
    return node;
  };
  const plotHeight = height - top - bottom;
  add("line", { x1: left, y1: top + plotHeight, x2: width, y2: top + plotHeight, class: "axis" });
  add("line", { x1: left, y1: top, x2: left, y2: top + plotHeight, class: "axis" });
  add("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, String(max));
  add("text", { x: left - 4, y: top + plotHeight, "text-anchor": "end" }, "0");
  const slot = (width - left - 4) / Math.max(1, items.length);
  const barWidth = Math.max(1, Math.min(36, (slot * 0.8) / series.length));
  const inset = (slot - barWidth * series.length) / 2;
  const labelEvery = Math.ceil(items.length / 16);
  items.forEach((item, i) => {
    item.values.forEach((value, s) => {
      const barHeight = (value / max) * plotHeight;
      const bar = add("rect", {
        x: left + 2 + i * slot + inset + s * barWidth, y: top + plotHeight - barHeight, width: barWidth, height: barHeight,
        class: "bar" + (s === 1 ? " suggested" : ""), "data-value": value,
      });
      const title = document.createElementNS(svgNs, "title");
      title.textContent = `${item.title || item.label}${series[s] ? " – " + series[s] : ""}: ${value}`;
      bar.appendChild(title);
    });
    if (i % labelEvery === 0) add("text", { x: left + 2 + i * slot + slot / 2, y: height - 10, "text-anchor": "middle" }, item.label);
  });
  const legend = series.length > 1
    ? el("p", { class: "legend" }, ...series.map((name, s) => el("span", { class: s === 1 ? "suggested" : "", text: name })))
    : null;
  container.replaceChildren(svg, ...(legend ? [legend] : []));
}
