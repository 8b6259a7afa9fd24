// Usage details of a number: a period (default: last month, Kazakhstan time) and the kind of
// records, shown on screen and exportable to XLSX.

import { api } from "../api.js";
import { alertBox, busy, field, formatCount, formatDateTime, formatMoney, formatPhone, h, mount } from "../dom.js";
import { showExported } from "../exported.js";
import { currentLang, t } from "../i18n.js";

const KINDS = ["all", "calls", "sms", "data"];

function quantity(r) {
  if (r.kind === "calls") return t("unit.min", { m: Math.floor(r.quantity / 60), s: r.quantity % 60 });
  if (r.kind === "sms") return t("unit.sms", { n: r.quantity });
  // Kilobytes on the wire; megabytes (one decimal) in the language's unit, as allowances show.
  const mb = new Intl.NumberFormat(currentLang() === "ru" ? "ru-RU" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return t("unit.mb", { n: mb.format(r.quantity / 1024) });
}

export function render(view, ctx, params) {
  const msisdn = params.msisdn;
  const from = field("usage.from", { id: "usage-from", type: "date" });
  const to = field("usage.to", { id: "usage-to", type: "date" });
  const kind = h("select", { id: "usage-kind" }, KINDS.map((k) => h("option", { value: k, i18n: `usage.kind_${k}` })));
  kind.value = params.kind ?? "all";
  const status = alertBox("usage-status");
  const show = h("button", { class: "primary", type: "submit", id: "usage-show", i18n: "usage.show" });
  const exportButton = h("button", { class: "secondary", type: "button", id: "usage-export", i18n: "usage.export" });
  const results = h("div", { id: "usage-results" });
  const exported = h("div", { id: "usage-exported", hidden: true });
  const form = h("form", { class: "toolbar", novalidate: true },
    from.field, to.field,
    h("div", { class: "field" }, h("label", { for: "usage-kind", i18n: "usage.kind" }), kind),
    show, exportButton);

  view.append(h("section", { class: "wide", id: "screen-usage" },
    h("div", { class: "row" }, h("button", { class: "link", id: "usage-back", i18n: "number.back",
      onclick: () => ctx.go("number", { msisdn }) })),
    h("h1", {}, h("span", { i18n: "usage.title" }), " ", formatPhone(msisdn)),
    h("p", { class: "hint", i18n: "usage.hint" }),
    form, status, exported, results));

  const args = () => ({ msisdn, from: from.input.value, to: to.input.value, kind: kind.value });

  const load = () => busy(show, async () => {
    status.clear();
    try {
      const cached = await api.usage_report(args());
      ctx.setConnection(cached);
      const report = cached.data;
      mount(results,
        h("p", { id: "usage-total", text: t("usage.total", { count: formatCount(report.records.length), cost: formatMoney(report.total_cost) }) }),
        cached.offline ? h("p", { class: "asof", text: t("number.as_of", { time: formatDateTime(cached.fetched_at) }) }) : null,
        h("table", { id: "usage-table" },
          h("thead", {}, h("tr", {}, ["usage.when", "usage.type", "usage.counterparty", "usage.quantity", "usage.cost"]
            .map((k) => h("th", { i18n: k })))),
          h("tbody", {}, report.records.map((r) => h("tr", {},
            h("td", { text: formatDateTime(r.at) }),
            h("td", { text: t(`usage.kind_${r.kind}`) }),
            h("td", { text: r.counterparty }),
            h("td", { class: "num", text: quantity(r) }),
            h("td", { class: "num", text: formatMoney(r.cost) }))))));
    } catch (err) {
      status.showError(err);
    }
  });

  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  exportButton.addEventListener("click", () => busy(exportButton, async () => {
    status.clear();
    exported.hidden = true;
    try {
      const path = await api.usage_export(args());
      showExported(exported, path, status);
    } catch (err) {
      status.showError(err);
    }
  }));

  api.usage_default_period().then((p) => {
    from.input.value = params.from ?? p.from;
    to.input.value = params.to ?? p.to;
    load();
  });
}
