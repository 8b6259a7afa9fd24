// "Service delivery certificate and invoice breakdown" (manual: Work completion statement and
// Appendix 1): by personal account (the company's accounts) or by phone number, a year and a
// month, then "Download a PDF file" or "Download an Excel file". Only the months the shared
// rule allows are offered (from January 2018; last month's after the 5th), and the tab says so.
// The file is kept in the documents library (Open · Save as…).

import { api } from "../../api.js";
import { alertBox, h, mount } from "../../dom.js";
import { formFields } from "../../form.js";
import { setText } from "../../i18n.js";
import { showSaved } from "../../documents/saved.js";
import { monthLabel, monthsBetween } from "../../documents/months.js";
import { formatMonthName } from "../../format.js";
import { store } from "../../store.js";

export function render(box, ctx) {
  const status = alertBox("certificate-status");
  const formBox = h("div");
  mount(box,
    h("h2", { i18n: "docs.tab.certificate" }),
    h("p", { i18n: "docs.cert.esf_text" }),
    h("p", { i18n: "docs.cert.text" }),
    h("p", { class: "note", i18n: "docs.cert.note" }),
    h("p", { class: "note", i18n: "docs.cert.from_2018" }),
    formBox, status);

  const draw = async () => {
    const [bounds, accounts] = await Promise.all([
      api.report_bounds(),
      api.billing_accounts({ company_id: store.get("companyId") }).catch(() => []),
    ]);
    const range = bounds.certificate;
    const months = monthsBetween(range.first, range.last);
    const years = [...new Set(months.map((m) => m.year))];
    // The manual's order: year, month, then the account number (or the phone number).
    const fields = formFields("certificate-form", [
      // Set by the two buttons below; its own row is not shown.
      { name: "by", type: "select", labelKey: "docs.cert.by", options: [{ value: "account", key: "docs.cert.by_account" }, { value: "number", key: "docs.cert.by_number" }] },
      { name: "year", type: "select", labelKey: "docs.cert.year", options: years.map((y) => ({ value: y, text: String(y) })) },
      { name: "month", type: "select", labelKey: "docs.cert.month", hintKey: "docs.cert.bounds", options: [] },
      { name: "account", type: "select", labelKey: "docs.cert.account",
        options: accounts.map((a) => ({ value: a.account, text: a.account })),
        check: (v, all) => (all.by === "number" || v ? null : "docs.cert.account_required") },
      { name: "msisdn", labelKey: "docs.cert.msisdn", inputProps: { i18nPlaceholder: "docs.cert.msisdn_placeholder", inputmode: "tel" },
        check: (v, all) => (all.by !== "number" || v ? null : "check.phone_required") },
    ]);
    const [byRow, , monthRow, accountRow, msisdnRow] = fields.rows;
    byRow.hidden = true;
    const { year, month } = Object.fromEntries(fields.inputs);
    // The months' rule under the row of fields (still the month's description), so year,
    // month and account stay side by side.
    const hint = monthRow.querySelector(".hint");
    hint.remove();
    setText(hint, "docs.cert.bounds", { first: monthLabel(range.first), last: monthLabel(range.last) });
    // The months of the chosen year that the rule allows.
    const fillMonths = () => {
      const chosen = Number(year.value);
      const keep = month.value;
      month.replaceChildren(...months.filter((m) => m.year === chosen).reverse()
        .map((m) => h("option", { value: m.month, text: formatMonthName(m.month) })));
      if ([...month.options].some((o) => o.value === keep)) month.value = keep;
      else month.value = month.options[month.options.length - 1]?.value ?? "";
    };
    year.addEventListener("change", fillMonths);
    year.value = String(range.last.year);
    fillMonths();

    // "Search by account number" / "Search by phone number", as the manual's two tabs.
    const byInput = fields.inputs.get("by");
    const modes = ["account", "number"].map((mode) => h("button", {
      type: "button", class: "segment", id: `certificate-by-${mode}`, i18n: `docs.cert.by_${mode}`,
      onclick: () => { byInput.value = mode; showMode(); },
    }));
    const showMode = () => {
      const by = byInput.value;
      modes.forEach((b) => b.setAttribute("aria-pressed", String(b.id.endsWith(by))));
      accountRow.hidden = by !== "account";
      msisdnRow.hidden = by !== "number";
      fields.clearErrors();
    };
    showMode();

    const download = (format) => async () => {
      const button = format === "pdf" ? pdf : xlsx;
      status.clear();
      const sent = await fields.run(button, (values) => api.certificate_download({
        company_id: store.get("companyId"),
        account: values.by === "account" ? values.account : null,
        msisdn: values.by === "number" ? values.msisdn : null,
        month: { year: Number(values.year), month: Number(values.month) },
        format,
      }));
      if (sent) showSaved(status, sent.result);
    };
    const pdf = h("button", { type: "button", class: "primary", id: "certificate-pdf", "data-needs-portal": true, i18n: "docs.cert.pdf" });
    const xlsx = h("button", { type: "button", id: "certificate-xlsx", "data-needs-portal": true, i18n: "docs.cert.xlsx" });
    pdf.addEventListener("click", download("pdf"));
    xlsx.addEventListener("click", download("xlsx"));
    mount(formBox, h("form", { id: "certificate-form", class: "inline-form", novalidate: true, onsubmit: (e) => e.preventDefault() },
      h("div", { class: "segments", role: "group" }, modes),
      fields.rows, h("p", { class: "hint" }, hint), fields.alert,
      h("p", { class: "hint", i18n: "time.kz_note" }),
      h("div", { class: "row" }, pdf, xlsx)));
    ctx.applyConnection();
  };
  draw().catch((err) => status.showError(err));
}
