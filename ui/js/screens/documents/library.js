// The documents library: every file the app downloaded or made (reports, certificates,
// registers, exports), kept in the cache for this administrator, listed newest first and
// filtered by company, kind and text (a number as the window writes it, too). Everything here
// works with the portal unreachable.

import { api } from "../../api.js";
import { alertBox, h, mount } from "../../dom.js";
import { formatDate, formatDateTime, formatNumber, formatPhone } from "../../format.js";
import { bindText, errorText, onLanguage, t } from "../../i18n.js";
import { fileButtons } from "../../documents/saved.js";
import { store } from "../../store.js";

/** The kinds a file can be, as the cache names them. */
const KINDS = [
  "certificate", "invoice_register", "invoice_search", "reconciliation", "numbers_report", "devices_report",
  "company_payments_report", "atlas_pro_report", "payments_report", "actions_history", "bulk_results",
];

function kindText(kind) {
  const key = `docs.kind.${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}

/** The account, or the number written as every screen writes it (`+7 701 054 20 07`). */
function subjectCell(doc) {
  const isNumber = doc.msisdn && doc.subject === doc.msisdn;
  return h("td", { class: isNumber ? "phone" : undefined, text: isNumber ? formatPhone(doc.msisdn) : doc.subject ?? "" });
}

function sizeText(bytes) {
  return t("docs.size_kb", { n: formatNumber(bytes / 1024, { maximumFractionDigits: 1 }) });
}

export function render(box, ctx) {
  const status = alertBox("library-status");
  const company = h("select", { id: "library-company", i18nLabel: "docs.library.company" },
    h("option", { value: "", i18n: "docs.library.all_companies" }),
    store.get("companies").map((c) => h("option", { value: c.id, text: c.display_name })));
  company.value = String(store.get("companyId") ?? "");
  const kind = h("select", { id: "library-kind", i18nLabel: "docs.library.kind" },
    h("option", { value: "", i18n: "docs.library.all_kinds" }),
    KINDS.map((k) => h("option", { value: k, i18n: `docs.kind.${k}` })));
  const text = h("input", { type: "search", id: "library-search", i18nPlaceholder: "docs.library.search", i18nLabel: "docs.library.search" });
  const list = h("div", { id: "library-list" });
  mount(box,
    h("h2", { i18n: "docs.tab.library" }),
    h("p", { i18n: "docs.library.text" }),
    h("div", { class: "toolbar" }, company, kind, text),
    status, list);

  const names = new Map(store.get("companies").map((c) => [c.id, c.display_name]));
  const load = async () => {
    const filter = { company_id: company.value ? Number(company.value) : null, kind: kind.value || null, text: text.value.trim() || null };
    try {
      show(filter, await api.library_list({ filter }));
    } catch (err) {
      onLanguage(list, null);
      mount(list, bindText(h("p", { class: "hint" }), () => errorText(err)));
    }
  };
  /** Draws the files read; again from them when the language changes (kinds, dates, sizes). */
  const show = (filter, docs) => {
    onLanguage(list, () => show(filter, docs));
    if (docs.length === 0) { mount(list, h("p", { class: "hint", id: "library-empty", i18n: "docs.library.empty" })); return; }
    // One company chosen: its name on every row says nothing; the size goes under the name.
    const allCompanies = filter.company_id === null;
    // Open and Save as… under the file's name, side by side: a column of their own did not
    // fit the minimum window in Russian.
    const headers = ["docs.library.file", "docs.library.kind", allCompanies ? "docs.library.company" : null, "docs.library.subject", "docs.period", "docs.library.fetched"];
    mount(list, h("table", { id: "library-table" },
      h("thead", {}, h("tr", {}, headers.filter((k) => k !== null).map((k) => h("th", { i18n: k || undefined })))),
      h("tbody", {}, docs.map((doc) => h("tr", { "data-document": doc.id, "data-kind": doc.kind },
        h("td", { class: "file-name" }, doc.file_name, h("div", { class: "hint", text: sizeText(doc.size) }),
          h("div", { class: "doc-actions" }, fileButtons(doc, status))),
        h("td", { text: kindText(doc.kind) }),
        allCompanies ? h("td", { text: doc.company_id ? names.get(doc.company_id) ?? `#${doc.company_id}` : "" }) : null,
        subjectCell(doc),
        h("td", { text: doc.period_from ? `${formatDate(doc.period_from)} — ${formatDate(doc.period_to)}` : "" }),
        h("td", { text: formatDateTime(doc.created_at) }))))));
  };
  let typing = null;
  text.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(load, 200); });
  company.addEventListener("change", load);
  kind.addEventListener("change", load);
  load();
}
