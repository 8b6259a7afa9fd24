// What changed: the company's changes found after each sync of the numbers and each fetch of the
// bills (a number added or gone, a state, a tariff, a debt, a low balance, a spend rise, a
// dormant line), newest first, filtered by kind, number and cost centre. Read from the cache
// (`changes_list`), so it opens offline as of the last sync. Each row says when (Kazakhstan
// time), the number (a link to its profile), the change in words and before → after in words:
// a state's name, money, the month. Under the feed, the company's rules (the thresholds, checked
// by core, which names the field a value is refused for) and its desktop notifications' opt-in.

import { api } from "../api.js";
import { alertBox, busy, h, mount } from "../dom.js";
import { screenForm } from "../form.js";
import { formatChangePercent, formatCount, formatDateTime, formatMoney, formatNumber, formatPhone } from "../format.js";
import { bindText, currentLang, errorText, onLanguage, t } from "../i18n.js";
import { store } from "../store.js";

/** Shows one company's changes: switching company leaves it (see main.js). */
export const belongsToCompany = true;

const KINDS = ["added", "gone", "state", "tariff", "debt", "low_balance", "spend_rise", "dormant"];

/** A state's name in words (its wire name when this version does not know it). */
function stateText(state) {
  const key = `state.${state}`;
  const text = t(key);
  return text === key ? state : text;
}

/** `2026-06` as the month's name and year in the language shown. */
function monthText(ym) {
  const [y, m] = String(ym).split("-").map(Number);
  if (!y || !m) return ym;
  return new Intl.DateTimeFormat(currentLang(), { month: "long", year: "numeric", timeZone: "UTC" })
    .format(Date.UTC(y, m - 1, 1));
}

/** Before → after of one change, in words. */
export function detailText(c) {
  const money = (v) => formatMoney(Number(v));
  switch (c.kind) {
    case "added": return t("changes.detail.added", { state: stateText(c.after) });
    case "gone": return t("changes.detail.gone", { state: stateText(c.before) });
    case "state": return `${stateText(c.before)} → ${stateText(c.after)}`;
    case "tariff": return `${c.before} → ${c.after}`;
    case "debt":
    case "low_balance": return `${money(c.before)} → ${money(c.after)}`;
    case "spend_rise": {
      const before = Number(c.before);
      const percent = before > 0 ? (Number(c.after) / before - 1) * 100 : 0;
      const month = monthText(c.month);
      return t("changes.detail.spend_rise", { month: month.charAt(0).toUpperCase() + month.slice(1), before: money(c.before), after: money(c.after), percent: formatChangePercent(percent) });
    }
    case "dormant": return c.before
      ? t("changes.detail.dormant", { month: monthText(c.before), cost: money(c.after) })
      : t("changes.detail.dormant_unknown", { cost: money(c.after) });
    default: return `${c.before} → ${c.after}`;
  }
}

/** The kind in words (the id when this version does not know it). */
function kindText(kind) {
  const key = `changes.kind.${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}

export function render(view, ctx, params = {}) {
  const company = store.get("companies").find((c) => c.id === store.get("companyId"));
  if (!company) return;
  const filter = { kind: params.kind ?? "", number: params.number ?? "", cost_centre: params.cost_centre ?? null };
  const status = alertBox("changes-status");
  const kind = h("select", { id: "changes-kind", i18nLabel: "changes.kind" },
    h("option", { value: "", i18n: "changes.all_kinds" }),
    KINDS.map((k) => h("option", { value: k, i18n: `changes.kind.${k}` })));
  kind.value = filter.kind;
  const number = h("input", { type: "search", id: "changes-number", value: filter.number, i18nLabel: "changes.number",
    i18nPlaceholder: "changes.number_placeholder", i18nTip: "changes.number_placeholder" });
  const centre = h("select", { id: "changes-cost-centre", i18nLabel: "changes.cost_centre" },
    h("option", { value: "*", i18n: "changes.all_cost_centres" }),
    h("option", { value: "", i18n: "changes.no_cost_centre" }));
  const count = h("span", { id: "changes-count", class: "hint" });
  const feed = h("div", { id: "changes-feed" });

  view.append(h("section", { class: "wide", id: "screen-changes", "data-company-id": company.id },
    h("div", { class: "row" }, h("button", { class: "link", id: "changes-back", i18n: "changes.back", onclick: () => ctx.back() })),
    h("h1", {}, h("span", { i18n: "changes.title" }), " · ", h("span", { text: company.display_name })),
    h("p", { class: "hint", id: "changes-note", i18n: "changes.note" }),
    status,
    h("div", { class: "toolbar list-tools" }, kind, number, centre, count),
    feed,
    rulesCard(company)));

  let rows = null;
  const draw = () => {
    if (rows === null) return;
    bindText(count, () => t("changes.count", { count: formatCount(rows.length) }));
    if (rows.length === 0) {
      const filtered = kind.value || number.value.trim() || centre.value !== "*";
      mount(feed, h("p", { class: "hint", id: "changes-none", i18n: filtered ? "changes.none_filtered" : "changes.none" }));
      return;
    }
    mount(feed, h("table", { id: "changes-table" },
      h("thead", {}, h("tr", {}, ["changes.col_when", "changes.col_number", "changes.col_kind", "changes.col_detail"]
        .map((k) => h("th", { i18n: k })))),
      h("tbody", {}, rows.map((c) => h("tr", { "data-change": c.id, "data-kind": c.kind, "data-msisdn": c.msisdn },
        h("td", { class: "nowrap", text: formatDateTime(c.at) }),
        h("td", { class: "nowrap" }, h("button", { class: "link changes-number", type: "button", text: formatPhone(c.msisdn),
          onclick: () => ctx.go("number", { msisdn: c.msisdn }) })),
        h("td", { text: kindText(c.kind) }),
        h("td", { class: "changes-detail", text: detailText(c) }))))));
  };
  const load = async () => {
    status.clear();
    const chosen = centre.value === "*" ? null : centre.value;
    Object.assign(params, { kind: kind.value, number: number.value.trim(), cost_centre: chosen });
    try {
      rows = await api.changes_list({ company_id: company.id, since: null,
        filter: { kind: kind.value || null, msisdn: number.value.trim() || null, cost_centre: chosen } });
      draw();
    } catch (err) {
      rows = [];
      draw();
      status.showError(err);
    }
  };
  kind.addEventListener("change", load);
  centre.addEventListener("change", load);
  number.addEventListener("change", load);
  onLanguage(feed, draw);

  // The cost centres the labels use (kept on this computer), to filter by.
  api.labels_choices({ company_id: company.id }).then((choices) => {
    for (const c of choices.cost_centres) {
      centre.append(h("option", { value: c.code, text: c.name ? `${c.code} — ${c.name}` : c.code }));
    }
    centre.value = filter.cost_centre ?? "*";
    if (centre.value !== (filter.cost_centre ?? "*")) centre.value = "*";
  }).catch(() => {}).finally(load);
}

/** Tiyn as the rules form writes them: tenge with a dot, no grouping (what core reads back). */
/** An amount as the user would type it back: whole tenge, else with the language's decimal mark. */
const tengeInput = (tiyn) => {
  const text = tiyn % 100 === 0 ? String(tiyn / 100) : (tiyn / 100).toFixed(2);
  return currentLang() === "en" ? text : text.replace(".", ",");
};

/** The company's rules and its notifications' opt-in. */
function rulesCard(company) {
  const card = h("section", { class: "card", id: "changes-rules" },
    bindText(h("h2"), () => t("changes.rules", { company: company.display_name })),
    h("p", { class: "hint", i18n: "changes.rules_note" }));
  const bound = (v) => (v === undefined ? "" : formatNumber(Number(v)));
  const word = (err) => (["low_balance", "spend_rise", "dormant_days"].includes(err?.field)
    ? t(`changes.bad_${err.field}`, { min: bound(err.params?.min), max: bound(err.params?.max) }) : errorText(err));
  api.changes_rules({ company_id: company.id }).then((rules) => {
    const notifyStatus = alertBox("changes-notify-status");
    const notify = h("input", { type: "checkbox", id: "changes-notify" });
    notify.checked = rules.notify;
    notify.addEventListener("change", () => busy(notify, async () => {
      notifyStatus.clear();
      try {
        const kept = await api.changes_notify({ company_id: company.id, on: notify.checked });
        notifyStatus.showKey("success", kept.notify ? "changes.notify_on" : "changes.notify_off");
      } catch (err) {
        notify.checked = !notify.checked;
        notifyStatus.showError(err);
      }
    }));
    const form = screenForm({
      id: "changes-rules-form", needsPortal: false, submitKey: "changes.rules_save", submitId: "changes-rules-save", errorText: word,
      fields: [
        { name: "low_balance", labelKey: "changes.low_balance", value: tengeInput(rules.low_balance_tiyn), inputProps: { inputmode: "decimal" } },
        { name: "spend_rise", labelKey: "changes.spend_rise", value: String(rules.spend_rise_percent), inputProps: { inputmode: "numeric" } },
        { name: "dormant_days", labelKey: "changes.dormant_days", value: String(rules.dormant_days), inputProps: { inputmode: "numeric" } },
      ],
      submit: (v) => api.changes_rules_save({ company_id: company.id,
        rules: { low_balance: v.low_balance, spend_rise: v.spend_rise, dormant_days: v.dormant_days, notify: notify.checked } }),
      onDone: () => form.say("success", "changes.rules_saved"),
    });
    card.append(form.form,
      h("div", { class: "field check" }, h("div", { class: "row" }, notify, h("label", { for: "changes-notify", i18n: "changes.notify" }))),
      notifyStatus);
  }).catch((err) => card.append(h("p", { class: "hint", text: errorText(err) })));
  return card;
}
