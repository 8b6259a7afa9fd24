// The numbers list's label tools (see labels.js): a filter by department, cost centre or tag
// (one select, grouped), "Import labels…", and the notice of a labels change with its Undo.
// Kept apart from numbers.js so the list's file stays about the list.

import { api } from "../../api.js";
import { alertBox, h } from "../../dom.js";
import { t } from "../../i18n.js";
import { fileChooser, importLabels, undoNotice } from "../../labels.js";

const KINDS = ["department", "cost_centre", "tag"];

/** The select's value for the list's filter (`department:Sales`), or "". */
function valueOf(filter) {
  const kind = KINDS.find((k) => filter[k]);
  return kind ? `${kind}:${filter[kind]}` : "";
}

/**
 * The tools for company `companyId`'s list: `filter` is the list's filter object (its label
 * fields are set here), `changed()` is called after the filter changed, `reload()` after labels
 * changed (the rows read again). Returns `{select, importButton, notice, refresh()}`.
 */
export function labelTools(companyId, filter, changed, reload) {
  const select = h("select", { id: "numbers-label", i18nLabel: "labels.filter" });
  const notice = h("div", { class: "alert", id: "numbers-labels-notice", role: "status", hidden: true });
  const status = alertBox("numbers-labels-status");
  const afterChange = (change) => {
    if (!change) return;
    undoNotice(notice, companyId, change, () => { refresh(); reload(); });
    refresh();
    reload();
  };
  const chooser = fileChooser(async (file) => { status.clear(); afterChange(await importLabels(companyId, status, file)); });
  const importButton = h("span", { class: "file-chooser" }, chooser.input, chooser.button);

  async function refresh() {
    let choices;
    try {
      choices = await api.labels_choices({ company_id: companyId });
    } catch {
      choices = { departments: [], cost_centres: [], tags: [] };
    }
    const group = (labelKey, kind, items) => (items.length === 0 ? null
      : h("optgroup", { label: t(labelKey) }, ...items.map(([value, text]) => h("option", { value: `${kind}:${value}`, text }))));
    select.replaceChildren(
      h("option", { value: "", i18n: "labels.all" }),
      group("labels.department", "department", choices.departments.map((d) => [d, d])),
      group("labels.cost_centre", "cost_centre", choices.cost_centres.map((c) => [c.code, [c.code, c.name].filter(Boolean).join(" — ")])),
      group("labels.tags", "tag", choices.tags.map((tag) => [tag, tag])));
    select.value = valueOf(filter);
    // A filter whose value is no longer used by any label shows everything again.
    if (select.value !== valueOf(filter)) { select.value = ""; set(""); changed(); }
    select.hidden = select.options.length <= 1;
  }

  function set(value) {
    for (const k of KINDS) filter[k] = null;
    const at = value.indexOf(":");
    if (at > 0) filter[value.slice(0, at)] = value.slice(at + 1);
  }

  select.addEventListener("change", () => { set(select.value); changed(); });
  refresh();
  return { select, importButton, notice, status, refresh, afterChange };
}
