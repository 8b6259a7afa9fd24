// "Invoice register" (manual): the beginning and end of the period (months), then Request. Only
// the months the shared rule allows are offered (from January 2018; last month's after the
// 3rd), and the tab says so. The XLSX is kept in the documents library (Open · Save as…).

import { api } from "../../api.js";
import { alertBox, h, mount } from "../../dom.js";
import { screenForm } from "../../form.js";
import { setText } from "../../i18n.js";
import { showSaved } from "../../documents/saved.js";
import { monthLabel, monthsBetween, monthValue, parseMonth } from "../../documents/months.js";
import { store } from "../../store.js";

export function render(box, ctx) {
  const status = alertBox("register-status");
  const formBox = h("div");
  mount(box,
    h("h2", { i18n: "docs.tab.invoice_register" }),
    h("p", { i18n: "docs.register.text" }),
    h("p", { class: "note", i18n: "docs.register.note" }),
    formBox, status);

  const draw = async () => {
    const range = (await api.report_bounds()).register;
    const options = monthsBetween(range.first, range.last).map((m) => ({ value: monthValue(m), text: monthLabel(m) }));
    const latest = monthValue(range.last);
    const { form, rows } = screenForm({
      id: "register-form",
      fields: [
        { name: "from", type: "select", labelKey: "docs.register.from", options, value: latest },
        { name: "to", type: "select", labelKey: "docs.register.to", hintKey: "docs.register.bounds", options, value: latest,
          check: (v, all) => (all.from > v ? "check.period_reversed" : null) },
      ],
      submitKey: "docs.request",
      submit: (v) => api.invoice_register_download({ company_id: store.get("companyId"), from: parseMonth(v.from), to: parseMonth(v.to) }),
      onDone: (doc) => showSaved(status, doc),
    });
    const hint = rows[1].querySelector(".hint");
    setText(hint, "docs.register.bounds", { first: monthLabel(range.first), last: monthLabel(range.last) });
    form.prepend(h("p", { class: "hint", i18n: "docs.register.select" }));
    mount(formBox, form);
    ctx.applyConnection();
  };
  draw().catch((err) => status.showError(err));
}
