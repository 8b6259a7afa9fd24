// "Search for mobile number by invoice number" (manual): the type of search (by registration
// number, 34 characters, or by account number), the number, the invoice's year, and "On
// screen" or "XLS file", then Request. On screen shows the invoice and the numbers it bills;
// the XLS file is kept in the documents library (Open · Save as…).

import { api } from "../../api.js";
import { alertBox, h, mount } from "../../dom.js";
import { screenForm } from "../../form.js";
import { formatDate, formatMoney, formatPhone } from "../../format.js";
import { showSaved } from "../../documents/saved.js";
import { onLanguage } from "../../i18n.js";
import { store } from "../../store.js";

/** The registration number's length (kabinet_core::billing::REGISTRATION_NUMBER_LEN). */
const REGISTRATION_LEN = 34;

function showResult(result, found) {
  // Dates and money in the language shown: drawn again from the same answer when it changes.
  onLanguage(result, () => showResult(result, found));
  const i = found.invoice;
  const row = (key, value) => h("tr", {}, h("th", { scope: "row", i18n: key }), h("td", { text: value }));
  mount(result,
    h("table", { class: "invoice-summary", id: "invoice-found" }, h("tbody", {},
      row("docs.search.registration", i.registration_number),
      row("docs.search.accounting", i.accounting_number),
      row("docs.search.account", i.account),
      row("docs.search.issue_date", formatDate(i.issue_date)),
      row("docs.search.turnover_date", formatDate(i.turnover_date)),
      row("docs.search.net", formatMoney(i.net)),
      row("docs.search.vat", `${formatMoney(i.vat)} (${i.vat_rate}%)`),
      row("docs.search.total", formatMoney(i.total)))),
    h("table", { class: "invoice-numbers", id: "invoice-numbers" },
      h("thead", {}, h("tr", {}, ["docs.search.msisdn", "docs.search.tariff", "docs.search.net"].map((k) => h("th", { i18n: k })))),
      h("tbody", {}, found.numbers.map((n) => h("tr", { "data-msisdn": n.msisdn },
        h("td", { text: formatPhone(n.msisdn) }),
        h("td", { text: n.tariff }),
        h("td", { class: "num", text: formatMoney(n.net) }))))));
}

export function render(box, ctx) {
  const status = alertBox("invoice-search-status");
  const result = h("div", { id: "invoice-search-result" });
  const thisYear = new Date(Date.now() + 5 * 3600 * 1000).getUTCFullYear();
  const years = [];
  for (let y = thisYear; y >= 2018; y -= 1) years.push({ value: y, text: String(y) });
  const { form } = screenForm({
    id: "invoice-search-form",
    fields: [
      { name: "by", type: "select", labelKey: "docs.search.by",
        options: [{ value: "registration", key: "docs.search.by_registration" }, { value: "accounting", key: "docs.search.by_accounting" }] },
      { name: "number", labelKey: "docs.search.number", inputProps: { i18nPlaceholder: "docs.search.number_placeholder", spellcheck: "false", class: "invoice-number" },
        check: (v, all) => {
          if (!v) return "docs.search.number_required";
          if (all.by === "registration" && v.length !== REGISTRATION_LEN) return { key: "docs.search.registration_length", vars: { n: REGISTRATION_LEN } };
          return null;
        } },
      { name: "year", type: "select", labelKey: "docs.search.year", options: years, value: thisYear },
      // The manual's "On screen  XLS file", side by side.
      { name: "output", type: "radio", labelKey: "docs.search.output",
        options: [{ value: "screen", key: "docs.search.on_screen" }, { value: "xls", key: "docs.search.xls" }] },
    ],
    submitKey: "docs.request",
    submit: (v) => {
      const args = { company_id: store.get("companyId"), by: v.by, number: v.number, year: Number(v.year) };
      return v.output === "xls"
        ? api.invoice_search_download(args).then((doc) => ({ doc }))
        : api.invoice_search(args).then((found) => ({ found }));
    },
    onDone: ({ doc, found }) => {
      status.clear();
      if (doc) { mount(result); onLanguage(result, null); showSaved(status, doc); } else showResult(result, found);
    },
  });
  mount(box,
    h("h2", { i18n: "docs.tab.invoice_search" }),
    h("p", { i18n: "docs.search.text" }),
    form, status, result);
  ctx.applyConnection();
}
