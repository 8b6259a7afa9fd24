// The parts of the Spend overview, each a chart with its table (the table holds every figure
// the chart pictures, for screen readers and copying): the total by month; by cost centre, by
// department, by tariff and by service, stacked by month; the top numbers with their change
// against their own 3-month average. Every figure leads to the numbers behind it (`open`), and
// a number to its profile.

import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { formatChangePercent, formatMonthYear, formatMoney, formatNumber, formatPhone } from "../../format.js";
import { barChart, GREY, PALETTE, swatch } from "./chart.js";

/** How many groups a chart shows as their own layers; the rest are one "Other" layer. */
const LAYERS = 6;

/** An amount `{net, vat, total}` by the basis chosen. */
export const amountOf = (amounts, basis) => (basis === "without_vat" ? amounts.net : amounts.total);

/** The name a group is shown by (`key: null` is Unassigned). */
export function groupName(dimension, group) {
  if (group.key === null) return t(`spend.unassigned.${dimension}`);
  if (dimension === "cost_centre") return group.name ? `${group.key} ${group.name}` : group.key;
  if (dimension === "service") return t(`spend.service.${group.key}`);
  return group.key;
}

const money = (tiyn) => h("td", { class: "num", text: formatMoney(tiyn) });

/** A link-like button that opens the numbers behind a figure. */
function figureButton(text, figure, open, props = {}) {
  return h("button", { type: "button", class: "link spend-figure", onclick: () => open(figure), ...props }, text);
}

/** A section: its title, chart and table (the table in a box that scrolls sideways if it must). */
function section(id, titleKey, chart, table) {
  return h("section", { class: "spend-section", id, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title`, i18n: titleKey }),
    chart,
    h("div", { class: "spend-table-box", tabindex: "0", role: "region", "aria-labelledby": `${id}-title` }, table));
}

/** The total by month: a bar each, and a table of net, VAT and total; a month leads to its numbers. */
export function byMonth(overview, basis, open) {
  const months = overview.months;
  const chart = barChart(months, [{ values: overview.by_month.map((m) => amountOf(m.amounts, basis)), color: PALETTE[0] }],
    (_, i) => open({ dimension: null, key: null, month: months[i] }));
  const rows = overview.by_month.map((m) => h("tr", {},
    h("th", { scope: "row" }, figureButton(formatMonthYear(m.month), { dimension: null, key: null, month: m.month }, open)),
    money(m.amounts.net), money(m.amounts.vat), money(m.amounts.total)));
  const table = h("table", { class: "spend-table", id: "spend-by-month-table" },
    h("caption", { class: "visually-hidden", i18n: "spend.by_month" }),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", i18n: "spend.col.month" }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.net" }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.vat" }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.total" }))),
    h("tbody", {}, rows),
    h("tfoot", {}, h("tr", {},
      h("th", { scope: "row", i18n: "spend.col.all_months" }),
      money(overview.total.net), money(overview.total.vat), money(overview.total.total))));
  return section("spend-by-month", "spend.by_month", chart, table);
}

/**
 * Groups of `dimension` stacked by month: the largest as their own layers, the rest as one
 * "Other" layer, Unassigned its own (grey, on top); the table lists every group, each month and
 * its total, and each group (and each bar) leads to its numbers.
 */
export function byGroup(dimension, groups, overview, basis, open) {
  const months = overview.months;
  const id = `spend-by-${dimension.replace("_", "-")}`;
  const named = groups.filter((g) => g.key !== null);
  const unassigned = groups.find((g) => g.key === null);
  const own = named.slice(0, LAYERS);
  const rest = named.slice(LAYERS);
  const colorOf = new Map(own.map((g, i) => [g, PALETTE[i % PALETTE.length]]));
  const layers = own.map((g) => ({ group: g, values: g.months.map((a) => amountOf(a, basis)), color: colorOf.get(g) }));
  if (rest.length) {
    rest.forEach((g) => colorOf.set(g, GREY));
    layers.push({ group: null, color: GREY,
      values: months.map((_, i) => rest.reduce((s, g) => s + amountOf(g.months[i], basis), 0)) });
  }
  if (unassigned) {
    colorOf.set(unassigned, "#c8ced6");
    layers.push({ group: unassigned, values: unassigned.months.map((a) => amountOf(a, basis)), color: "#c8ced6" });
  }
  const chart = barChart(months, layers, (layer, i) => {
    const group = layers[layer].group;
    if (group) open({ dimension, key: group.key, month: months[i] });
  });
  const rows = groups.map((g) => h("tr", { "data-key": g.key ?? "" },
    h("th", { scope: "row" }, swatch(colorOf.get(g)),
      figureButton(groupName(dimension, g), { dimension, key: g.key, month: null }, open)),
    h("td", { class: "num spend-total", text: formatMoney(amountOf(g.total, basis)) }),
    h("td", { class: "num", text: formatNumber(g.numbers) }),
    ...g.months.map((a) => money(amountOf(a, basis)))));
  const table = h("table", { class: "spend-table spend-wide", id: `${id}-table` },
    h("caption", { class: "visually-hidden", i18n: `spend.${dimension}` }),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", i18n: `spend.col.${dimension}` }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.months_total" }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.numbers" }),
      ...months.map((m) => h("th", { scope: "col", class: "num", text: formatMonthYear(m, true) })))),
    h("tbody", {}, rows));
  return section(id, `spend.${dimension}`, chart, table);
}

/** The change against the 3-month average: `+12.5 %`, or "new" without an average. */
function change(top) {
  if (top.change_percent === null) return t(top.average === null ? "spend.new_number" : "spend.no_change_base");
  return formatChangePercent(top.change_percent);
}

/** The latest month's top numbers, each leading to its profile. */
export function topNumbers(overview, basis, ctx) {
  const latest = overview.months.at(-1);
  const rows = overview.top.map((n) => h("tr", {},
    h("th", { scope: "row" }, h("button", { type: "button", class: "link spend-number", "data-msisdn": n.msisdn,
      onclick: () => ctx.go("number", { msisdn: n.msisdn }) }, formatPhone(n.msisdn))),
    h("td", { text: n.tariff }),
    money(amountOf(n.amounts, basis)),
    h("td", { class: "num", text: n.average === null ? "—" : formatMoney(n.average) }),
    h("td", { class: `num ${n.change_percent > 0 ? "spend-up" : ""}`, text: change(n) })));
  const table = h("table", { class: "spend-table", id: "spend-top-table" },
    h("caption", { class: "visually-hidden", i18n: "spend.top" }),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", i18n: "spend.col.number" }),
      h("th", { scope: "col", i18n: "spend.col.tariff" }),
      h("th", { scope: "col", class: "num", text: t("spend.col.in_month", { month: formatMonthYear(latest) }) }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.average" }),
      h("th", { scope: "col", class: "num", i18n: "spend.col.change" }))),
    h("tbody", {}, rows));
  return h("section", { class: "spend-section", id: "spend-top", "aria-labelledby": "spend-top-title" },
    h("h2", { id: "spend-top-title", i18n: "spend.top" }),
    h("p", { class: "hint", i18n: "spend.top_hint" }),
    h("div", { class: "spend-table-box", tabindex: "0", role: "region", "aria-labelledby": "spend-top-title" }, table));
}
