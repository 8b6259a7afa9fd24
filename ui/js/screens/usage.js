// Usage details of a number: a period (default: last month, Kazakhstan time) and the kind of
// records, shown on screen and exportable to XLSX. Dates are typed in the app's language format
// (dd.mm.yyyy in Russian), or a whole month picked with the manual's year and month selectors.

import { api } from "../api.js";
import { alertBox, h, mount } from "../dom.js";
import { formFields } from "../form.js";
import { counted, formatDateTime, formatDateTimeKz, formatMoney, formatMonthName, formatNumber, formatPhone, kzYearMonth } from "../format.js";
import { showSaved } from "../documents/saved.js";
import { onLanguage, t } from "../i18n.js";

const KINDS = ["all", "calls", "sms", "data"];

/** Shows one company's number: switching company leaves it (see main.js). */
export const belongsToCompany = true;

function quantity(r) {
  if (r.kind === "calls") return t("unit.min", { m: Math.floor(r.quantity / 60), s: r.quantity % 60 });
  if (r.kind === "sms") return t("unit.sms", { n: r.quantity });
  // Kilobytes on the wire; megabytes (one decimal) in the language's unit, as allowances show.
  return t("unit.mb", { n: formatNumber(r.quantity / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** Year and month selectors, as the manual has them where a month is meant: picking one sets the period to that month. */
function monthPicker(onPick) {
  const now = kzYearMonth();
  const year = h("select", { id: "usage-year", i18nLabel: "usage.year" },
    [now.year, now.year - 1, now.year - 2].map((y) => h("option", { value: y, text: String(y) })));
  const month = h("select", { id: "usage-month", i18nLabel: "usage.month" }, h("option", { value: "", i18n: "usage.month_pick" }));
  const monthName = (m) => {
    const text = formatMonthName(m);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const fillMonths = () => {
    const chosen = month.value;
    month.replaceChildren(month.firstChild, ...Array.from({ length: 12 }, (_, i) => i + 1)
      .filter((m) => Number(year.value) < now.year || m <= now.month)
      .map((m) => h("option", { value: m, text: monthName(m) })));
    month.value = month.querySelector(`option[value="${chosen}"]`) ? chosen : "";
  };
  const pick = () => {
    if (!month.value) return;
    const [y, m] = [Number(year.value), Number(month.value)];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const pad = (n) => String(n).padStart(2, "0");
    onPick(`${y}-${pad(m)}-01`, `${y}-${pad(m)}-${pad(last)}`);
  };
  year.addEventListener("change", () => { fillMonths(); pick(); });
  month.addEventListener("change", pick);
  onLanguage(month, fillMonths);
  fillMonths();
  return h("div", { class: "field" }, h("label", { for: "usage-year", i18n: "usage.month" }), h("div", { class: "row" }, year, month));
}

export function render(view, ctx, params) {
  const msisdn = params.msisdn;
  /** A date box's own check: empty, or no date of the calendar. */
  const dateCheck = (name) => {
    const input = fields.inputs.get(name);
    if (input.value.trim() === "") return `check.${name}_required`;
    return input.isoValue() === null ? `check.${name}_invalid` : null;
  };
  const fields = formFields("usage", [
    { name: "from", type: "date", labelKey: "usage.from",
      check: (from, v) => dateCheck("from") ?? (dateCheck("to") === null && from > v.to ? "check.period_reversed" : null) },
    { name: "to", type: "date", labelKey: "usage.to", check: () => dateCheck("to") },
    { name: "kind", type: "select", labelKey: "usage.kind", value: params.kind ?? "all",
      options: KINDS.map((k) => ({ value: k, key: `usage.kind_${k}` })) },
  ], { alertId: "usage-status" });
  const show = h("button", { class: "primary", type: "submit", id: "usage-show", i18n: "usage.show" });
  const exportButton = h("button", { class: "secondary", type: "button", id: "usage-export", i18n: "usage.export" });
  const results = h("div", { id: "usage-results" });
  const months = monthPicker((first, last) => {
    fields.inputs.get("from").setIso(first);
    fields.inputs.get("to").setIso(last);
    load();
  });
  const exported = alertBox("usage-exported");
  const form = h("form", { class: "toolbar usage-form", novalidate: true }, months, fields.rows, show, exportButton);

  // Back to where the user came from: the list (its row menu) or the number's profile.
  const backToList = ctx.previous()?.name !== "number";
  view.append(h("section", { class: "wide", id: "screen-usage" },
    h("div", { class: "row" }, h("button", { class: "link", id: "usage-back", i18n: backToList ? "number.back" : "usage.back",
      onclick: () => ctx.back() })),
    h("h1", {}, h("span", { i18n: "usage.title" }), " ", formatPhone(msisdn)),
    h("p", { class: "hint", i18n: "usage.hint" }),
    form, fields.alert, exported, results));

  const load = () => {
    // A new question: the old answer goes, so an error never stands over stale figures.
    mount(results);
    onLanguage(results, null);
    return fields.run(show, async (v) => {
      const cached = await api.usage_report({ msisdn, ...v });
      ctx.setConnection(cached);
      showReport(cached);
    });
  };
  /** The report read, in the language shown; drawn again from it when the language changes. */
  const showReport = (cached) => {
    onLanguage(results, () => showReport(cached));
    const report = cached.data;
    mount(results,
      h("p", { id: "usage-total", text: t("usage.total", { count: counted(report.records.length), cost: formatMoney(report.total_cost) }) }),
      cached.offline ? h("p", { class: "asof", text: t("number.as_of", { time: formatDateTimeKz(cached.fetched_at) }) }) : null,
      h("p", { class: "hint", id: "usage-zone", i18n: "time.kz_note" }),
      h("table", { id: "usage-table" },
        h("thead", {}, h("tr", {}, [["usage.when"], ["usage.type"], ["usage.counterparty"], ["usage.quantity", "num"], ["usage.cost", "num"]]
          .map(([k, cls]) => h("th", { i18n: k, class: cls })))),
        h("tbody", {}, report.records.map((r) => h("tr", {},
          h("td", { text: formatDateTime(r.at) }),
          h("td", { text: t(`usage.kind_${r.kind}`) }),
          h("td", { text: r.counterparty }),
          h("td", { class: "num", text: quantity(r) }),
          h("td", { class: "num", text: formatMoney(r.cost) }))))));
  };

  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  exportButton.addEventListener("click", () => fields.run(exportButton, async (v) => {
    exported.clear();
    showSaved(exported, await api.usage_export({ msisdn, ...v }));
  }));

  api.usage_default_period().then((p) => {
    fields.inputs.get("from").setIso(params.from ?? p.from);
    fields.inputs.get("to").setIso(params.to ?? p.to);
    load();
  });
}
