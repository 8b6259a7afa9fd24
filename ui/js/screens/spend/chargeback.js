// "Chargeback…": pick the first and last month among the months held (so every month asked is
// in the cache and there are at most 12), and the file (cost centre × month, net, VAT, total,
// and the numbers under each cost centre) is made by core and kept in the library; the notice
// then offers Open and Save as…. Works offline: it is made from the cache.

import { api } from "../../api.js";
import { alertBox, busy, h } from "../../dom.js";
import { bindText } from "../../i18n.js";
import { formatMonthYear } from "../../format.js";
import { monthValue, parseMonth } from "../../documents/months.js";
import { showSaved } from "../../documents/saved.js";
import { store } from "../../store.js";

/**
 * The chargeback panel for `months` (held, oldest first); `saved` is the alert box that says
 * where the file is. Returns the panel (hidden) with `open()` to show it.
 */
export function chargebackPanel(months, saved) {
  const status = alertBox("spend-chargeback-status");
  const select = (id, chosen) => {
    const el = h("select", { id, name: id },
      [...months].reverse().map((m) => bindText(h("option", { value: monthValue(m) }), () => formatMonthYear(m))));
    el.value = monthValue(chosen);
    return el;
  };
  const from = select("spend-chargeback-from", months[0]);
  const to = select("spend-chargeback-to", months.at(-1));
  const save = h("button", { type: "submit", class: "primary", id: "spend-chargeback-save", i18n: "spend.chargeback.save" });
  const cancel = h("button", { type: "button", class: "secondary", id: "spend-chargeback-cancel", i18n: "spend.chargeback.cancel" });
  const panel = h("form", { class: "spend-chargeback", id: "spend-chargeback-panel", hidden: true, novalidate: true,
    "aria-labelledby": "spend-chargeback-title" },
    h("h2", { id: "spend-chargeback-title", i18n: "spend.chargeback.title" }),
    h("p", { class: "hint", i18n: "spend.chargeback.hint" }),
    h("div", { class: "toolbar" },
      h("label", { class: "field" }, h("span", { class: "label", i18n: "spend.chargeback.from" }), from),
      h("label", { class: "field" }, h("span", { class: "label", i18n: "spend.chargeback.to" }), to),
      save, cancel),
    status);
  cancel.addEventListener("click", () => { panel.hidden = true; status.clear(); });
  panel.addEventListener("submit", (e) => {
    e.preventDefault();
    status.clear();
    busy(save, async () => {
      try {
        const doc = await api.spend_chargeback({
          company_id: store.get("companyId"), from: parseMonth(from.value), to: parseMonth(to.value),
        });
        panel.hidden = true;
        showSaved(saved, doc);
        saved.querySelector(".doc-open")?.focus();
      } catch (err) {
        status.showError(err);
      }
    });
  });
  panel.open = () => {
    panel.hidden = false;
    from.focus();
  };
  return panel;
}
