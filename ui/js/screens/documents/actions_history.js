// "Actions history" (manual): the actions of the company's administrators in the Cabinet
// service for a chosen period (at most the last twelve months: the shared rule's bounds, a date
// outside them refused as it is typed), shown on screen as the manual's table (action, status,
// date and time, administrator with their phone, number). Filters by number and by action ask
// core again (the filter is applied there, once), and "Export to XLSX" saves exactly the rows
// shown in the documents library. The action filter is by kind (its id, `block`; the text for
// rows without a kind this version knows), and each row is worded from its kind in the app's
// language (`history.action.<id>` / `history.done.<id>`, the protocol's words, tied by
// tests/locales.rs), the portal's text otherwise.

import { api } from "../../api.js";
import { alertBox, h, mount } from "../../dom.js";
import { screenForm } from "../../form.js";
import { formatCount, formatDateTime, formatPhone } from "../../format.js";
import { onLanguage, t } from "../../i18n.js";
import { historyDetailKey } from "../../number_rules.js";
import { periodChecks } from "../../period_checks.js";
import { showSaved } from "../../documents/saved.js";
import { store } from "../../store.js";

/** A status as the portal writes it ("Success", "Refused"), in the app's language when known. */
function statusText(status) {
  const key = `docs.actions.status.${String(status).toLowerCase()}`;
  const text = t(key);
  return text === key ? status : text;
}

/** The text of `key`, or null when this version has none. */
function known(key, vars) {
  const text = t(key, vars);
  return text === key ? null : text;
}

/**
 * A row's action in the app's language, from its kind: the completion's words for a request's
 * completion, with its detail (a ban's or a report's name in the language, others as sent); the
 * portal's text for a row without a kind (or a detail) this version knows.
 */
export function actionText(row) {
  if (!row.kind) return row.action;
  const detailKey = historyDetailKey(row.kind);
  const detail = detailKey ? known(detailKey + (row.detail ?? "")) : (row.detail ?? "");
  if (detail === null) return row.action;
  const done = row.completed ? known(`history.done.${row.kind}`, { detail }) : null;
  return done ?? known(`history.action.${row.kind}`, { detail }) ?? row.action;
}

/** An action filter's choice `{value, kind}`: the kind's name, or the rows' text. */
function choiceText(choice) {
  return (choice.kind && known(`history.kind.${choice.kind}`)) || choice.value;
}

export function render(box, ctx) {
  const status = alertBox("actions-history-status");
  const formBox = h("div");
  const results = h("div", { id: "actions-history-results" });
  mount(box,
    h("h2", { i18n: "docs.tab.actions_history" }),
    h("p", { i18n: "docs.actions.text" }),
    formBox, status, results);

  // The period last asked for; the filters apply to it.
  let period = null;
  let seq = 0;
  const number = h("input", { type: "search", id: "actions-filter-number", autocomplete: "off", i18nPlaceholder: "docs.actions.filter_number_placeholder", "aria-labelledby": "actions-filter-number-label" });
  const action = h("select", { id: "actions-filter-action", "aria-labelledby": "actions-filter-action-label" });
  const exportButton = h("button", { type: "button", id: "actions-export", "data-needs-portal": true, i18n: "docs.actions.export" });
  const count = h("p", { class: "hint", id: "actions-count", "aria-live": "polite" });
  const table = h("div", { id: "actions-table" });
  const filter = () => ({ number: number.value.trim() || null, action: action.value || null });

  const showRows = (view) => {
    // Dates and statuses are written in the language: drawn again from these rows when it changes.
    onLanguage(results, () => showRows(view));
    const chosen = action.value;
    mount(action, h("option", { value: "", i18n: "docs.actions.all_actions" }),
      view.actions.map((a) => h("option", { value: a.value, text: choiceText(a) })));
    action.value = view.actions.some((a) => a.value === chosen) ? chosen : "";
    count.textContent = t("docs.actions.shown", { shown: formatCount(view.items.length), total: formatCount(view.total) });
    const notes = view.truncated ? [h("p", { class: "note", i18n: "docs.actions.truncated" })] : [];
    if (view.items.length === 0) {
      mount(table, ...notes, h("p", { class: "hint", i18n: view.total ? "docs.actions.none_match" : "docs.actions.none" }));
      return;
    }
    mount(table, ...notes, h("table", { class: "actions-history" },
      h("thead", {}, h("tr", {}, ["docs.actions.action", "docs.actions.status", "docs.actions.at", "docs.actions.admin", "docs.actions.number"].map((k) => h("th", { i18n: k })))),
      h("tbody", {}, view.items.map((a) => h("tr", { "data-action": a.action, "data-kind": a.kind ?? "" },
        h("td", { text: actionText(a) }),
        h("td", { text: statusText(a.status) }),
        h("td", { class: "nowrap", text: formatDateTime(a.at) }),
        h("td", {}, h("span", { text: a.admin_name }), " ", h("span", { class: "hint nowrap", text: formatPhone(a.admin_phone) })),
        h("td", { class: "nowrap", text: a.msisdn ? formatPhone(a.msisdn) : "—" }))))));
  };

  /** Asks for the period's rows with the filter; a later ask wins over an earlier answer. */
  const load = async () => {
    if (!period) return;
    const mine = ++seq;
    try {
      const view = await api.actions_history_list({ company_id: store.get("companyId"), from: period.from, to: period.to, filter: filter() });
      if (mine === seq && results.isConnected) showRows(view);
    } catch (err) {
      if (mine === seq) status.showError(err);
    }
  };

  let typing = null;
  number.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(load, 250); });
  action.addEventListener("change", load);
  exportButton.addEventListener("click", async () => {
    if (!period || exportButton.disabled) return;
    exportButton.disabled = true;
    status.clear();
    try {
      const doc = await api.actions_history_export({ company_id: store.get("companyId"), from: period.from, to: period.to, filter: filter() });
      showSaved(status, doc);
    } catch (err) {
      status.showError(err);
    } finally {
      exportButton.disabled = false;
      ctx.applyConnection();
    }
  });

  const draw = async () => {
    const bounds = (await api.report_bounds()).actions_history;
    const check = periodChecks(bounds, "docs.twelve_months_too_old");
    const { form } = screenForm({
      id: "actions-history-form",
      fields: [
        { name: "from", type: "date", labelKey: "docs.from", value: bounds.default_from, live: true, check: check.from },
        { name: "to", type: "date", labelKey: "docs.to", value: bounds.default_to, live: true, check: check.to },
      ],
      submitKey: "docs.request",
      submit: (v) => api.actions_history_list({ company_id: store.get("companyId"), from: v.from, to: v.to, filter: { number: null, action: null } })
        .then((view) => ({ view, from: v.from, to: v.to })),
      onDone: ({ view, from, to }) => {
        period = { from, to };
        status.clear();
        number.value = "";
        mount(results,
          h("div", { class: "row filters" },
            h("div", { class: "field" }, h("label", { id: "actions-filter-number-label", for: "actions-filter-number", i18n: "docs.actions.filter_number" }), number),
            h("div", { class: "field" }, h("label", { id: "actions-filter-action-label", for: "actions-filter-action", i18n: "docs.actions.filter_action" }), action),
            exportButton),
          count, table);
        action.value = "";
        showRows(view);
        ctx.applyConnection();
      },
    });
    form.prepend(h("p", { class: "hint", i18n: "time.kz_note" }));
    mount(formBox, form);
    ctx.applyConnection();
  };
  draw().catch((err) => status.showError(err));
}
