// Spend's charts, drawn by uPlot (vendored in ui/vendor/uplot; why uPlot: ARCHITECTURE.md):
// bars by month, one layer or several stacked (each layer's bar stands on the sum of the layers
// under it). A chart only pictures the table beside it: the table holds the figures (screen
// readers, copying), so the chart is hidden from assistive technology, and a click on a bar
// leads where the table's row leads.
//
// uPlot is imported when a chart is first drawn, not with the app's modules, so the window
// starts without its 145 KB; if it cannot load, the tables still hold every figure.

import { h } from "../../dom.js";
import { formatMonthShort, formatMoneyCompact } from "../../format.js";

/** The layers' colours, in order; the last is for "Unassigned" and "Other". */
export const PALETTE = ["#1f5fa8", "#e6007e", "#2a9d8f", "#f4a261", "#7b5ea7", "#8ab17d", "#d1495b"];
export const GREY = "#9aa5b1";

const HEIGHT = 220;

/** uPlot's module, loaded once, when the first chart is drawn. */
let uPlotLoaded = null;
const loadUPlot = () => (uPlotLoaded ??= import("../../../vendor/uplot/uPlot.esm.js").then((m) => m.default));

/**
 * A bar chart of `months` (`{year, month}`, oldest first) and `layers` (`[{values, color}]`,
 * `values` in tiyn by month, stacked in order: the first at the bottom). `onBar(layer, month)`
 * (indexes) is called when a bar is clicked. Returns the chart's element; it follows its box's
 * width.
 */
export function barChart(months, layers, onBar) {
  const box = h("div", { class: "spend-chart", "aria-hidden": "true" });
  // The tops of the stacked bars, in tiyn.
  const tops = [];
  let sum = months.map(() => 0);
  for (const layer of layers) {
    sum = sum.map((v, i) => v + layer.values[i]);
    tops.push(sum);
  }
  // uPlot draws its series in order: the highest tops first, so each lower layer is drawn over it.
  const order = layers.map((_, i) => i).reverse();
  const x = months.map((_, i) => i);
  const options = (uPlot, width) => ({
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
    scales: {
      x: { time: false, range: () => [-0.5, months.length - 0.5] },
      y: { range: (_, __, max) => [0, max > 0 ? max * 1.08 : 1] },
    },
    axes: [
      // The month, and under it the year at the first month and at each January: fits 12 at 900 px.
      { splits: () => x, grid: { show: false }, size: 44,
        values: (_, splits) => splits.map((i) => monthTick(months, i)) },
      // As wide as its longest figure ("400 тыс. ₸" is wider than "400K ₸").
      { values: (_, splits) => splits.map((v) => formatMoneyCompact(v)),
        size: (_, values) => 24 + 7 * Math.max(4, ...(values ?? []).map((v) => v.length)) },
    ],
    series: [{}, ...order.map((i) => ({
      fill: layers[i].color, stroke: layers[i].color, width: 0, points: { show: false },
      paths: uPlot.paths.bars({ size: [0.7, 56], gap: 2 }),
    }))],
  });
  const data = [x, ...order.map((i) => tops[i])];
  let chart = null;
  let drawing = false;
  // Drawn once the box has a width, and again at each change of it (the window resized).
  const observer = new ResizeObserver(async () => {
    const width = box.clientWidth;
    if (!box.isConnected) { observer.disconnect(); chart?.destroy(); return; }
    if (width === 0) return;
    if (chart) { chart.setSize({ width, height: HEIGHT }); return; }
    if (drawing) return;
    drawing = true;
    let uPlot;
    try {
      uPlot = await loadUPlot();
    } catch (err) {
      console.warn("the charting library did not load", err);
      return;
    }
    if (!box.isConnected) return;
    chart = new uPlot(options(uPlot, box.clientWidth), data, box);
    chart.over.addEventListener("click", () => {
      const month = chart.cursor.idx;
      if (month === null || month === undefined || !onBar) return;
      const value = chart.posToVal(chart.cursor.top, "y");
      const layer = tops.findIndex((top) => value >= 0 && value <= top[month]);
      if (layer >= 0 && tops[layer][month] > 0) onBar(layer, month);
    });
  });
  observer.observe(box);
  return box;
}

/** An x axis tick: the month's short name, with the year under it at the first month and January. */
function monthTick(months, i) {
  const m = months[i];
  if (!m) return "";
  return i === 0 || m.month === 1 ? `${formatMonthShort(m.month)}\n${m.year}` : formatMonthShort(m.month);
}

/** A colour swatch for a table's row, matching its layer in the chart. */
export function swatch(color) {
  return h("span", { class: "spend-swatch", style: `background:${color}`, "aria-hidden": "true" });
}
