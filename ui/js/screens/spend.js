// The Spend area: who spends what, from each number's charges by month and service that core
// keeps in the cache (`spend_overview`), so it reads the same offline, as of the last fetch.
// Toolbar: Fetch from portal (the last 12 certificate months), Chargeback… (a file in the
// library), the slot of Import breakdown… (its own module), and With VAT / Without VAT. Under
// it the parts (screens/spend/sections.js), each a chart with its table; a figure leads to the
// numbers behind it (the same screen with `params.figure`, so Back returns here), a number to
// its profile.

import { api } from "../api.js";
import { alertBox, h } from "../dom.js";
import { bindText, clearText, onLanguage, setText, t } from "../i18n.js";
import { formatDateTimeKz, formatMonthYear, formatMoney } from "../format.js";
import { store } from "../store.js";
import { amountOf, byGroup, byMonth, topNumbers } from "./spend/sections.js";
import { renderBehind } from "./spend/behind.js";
import { chargebackPanel } from "./spend/chargeback.js";
import { breakdownImportButton } from "./spend/breakdown_import.js";

/** Shows one company's spend: switching company leaves it (see main.js). */
export const belongsToCompany = true;

const BASES = ["with_vat", "without_vat"];

export function render(view, ctx, params) {
  const screen = h("section", { class: "spend", id: "screen-spend" });
  view.append(screen);
  if (!store.get("companyId")) {
    screen.append(h("p", { i18n: "home.none" }));
    return;
  }
  if (params.figure) {
    renderBehind(screen, ctx, params.figure, params.name ?? "");
    return;
  }
  const status = alertBox("spend-status");
  const saved = alertBox("spend-saved");
  const asOf = h("p", { class: "asof", id: "spend-asof" });
  const busyNote = h("div", { class: "spend-busy", id: "spend-busy", role: "status", "aria-live": "polite" });
  const fetchButton = h("button", { type: "button", class: "secondary", id: "spend-fetch", "data-needs-portal": true,
    i18n: "spend.fetch", onclick: () => fetchNow() });
  const chargebackButton = h("button", { type: "button", class: "secondary", id: "spend-chargeback", disabled: true,
    "aria-controls": "spend-chargeback-panel", i18n: "spend.chargeback.open" });
  let panel = h("span", { hidden: true });
  chargebackButton.addEventListener("click", () => panel.open?.());
  const content = h("div", { id: "spend-content", "aria-busy": "true" });
  // Breakdown files received earlier (the certificate's Excel) fill the same months, offline too.
  const importer = breakdownImportButton(ctx, store.get("companyId"), () => load());
  screen.append(
    h("div", { class: "spend-head" }, h("h1", { i18n: "spend.title" }), asOf),
    h("div", { class: "toolbar spend-toolbar" },
      fetchButton, importer.button, chargebackButton,
      h("span", { class: "spacer" }), basisSwitch(() => load())),
    busyNote, status, importer.results, saved, panel, content);

  /** Reads the overview from the cache and draws it. */
  async function load() {
    let overview;
    try {
      overview = await api.spend_overview({ company_id: store.get("companyId"), basis: store.get("spendBasis") });
    } catch (err) {
      content.removeAttribute("aria-busy");
      status.showError(err);
      return;
    }
    if (!content.isConnected) return;
    content.removeAttribute("aria-busy");
    store.set({ dataAsOf: overview.fetched_at });
    if (overview.fetched_at) bindText(asOf, () => t("spend.as_of", { time: formatDateTimeKz(overview.fetched_at) }));
    else clearText(asOf);
    const next = overview.months.length ? chargebackPanel(overview.months, saved) : h("span", { hidden: true });
    panel.replaceWith(next);
    panel = next;
    chargebackButton.disabled = !overview.months.length;
    const draw = () => content.replaceChildren(...(overview.months.length ? parts(overview) : [emptyState()]));
    draw();
    onLanguage(content, draw);
    ctx.applyConnection();
  }

  /** Every part of the overview, by the basis chosen. */
  function parts(overview) {
    const basis = store.get("spendBasis");
    const open = (figure) => {
      const group = figure.dimension === "cost_centre" ? overview.by_cost_centre.find((g) => g.key === figure.key) : null;
      ctx.go("spend", { figure, name: group?.name ?? "" });
    };
    const latest = overview.by_month.at(-1);
    const fact = (label, value, id) => h("div", { class: "fact", id }, h("div", { class: "label", text: label }),
      h("div", { class: "value", text: value }));
    return [
      h("div", { class: "facts spend-facts" },
        fact(t("spend.fact.total", { count: overview.months.length }), formatMoney(amountOf(overview.total, basis)), "spend-fact-total"),
        fact(t("spend.fact.latest", { month: formatMonthYear(latest.month) }), formatMoney(amountOf(latest.amounts, basis)), "spend-fact-latest"),
        fact(t("spend.fact.basis"), t(`spend.basis.${basis}`), "spend-fact-basis")),
      byMonth(overview, basis, open),
      byGroup("cost_centre", overview.by_cost_centre, overview, basis, open),
      byGroup("department", overview.by_department, overview, basis, open),
      byGroup("tariff", overview.by_tariff, overview, basis, open),
      byGroup("service", overview.by_service, overview, basis, open),
      topNumbers(overview, basis, ctx),
    ];
  }

  /** No month is held yet: say so, and offer the fetch. */
  function emptyState() {
    return h("div", { class: "card spend-empty", id: "spend-empty" },
      h("h2", { i18n: "spend.empty.title" }),
      h("p", { i18n: "spend.empty.text" }),
      h("button", { type: "button", class: "primary", id: "spend-empty-fetch", "data-needs-portal": true,
        i18n: "spend.fetch", onclick: () => fetchNow() }));
  }

  /** Fetches the last 12 months from the portal, then draws them. */
  async function fetchNow() {
    status.clear();
    saved.clear();
    const buttons = screen.querySelectorAll("#spend-fetch, #spend-empty-fetch");
    buttons.forEach((b) => { b.disabled = true; b.setAttribute("aria-busy", "true"); });
    busyNote.replaceChildren(h("progress", { "aria-hidden": "true" }), setText(h("span"), "spend.fetching"));
    try {
      const fetched = await api.spend_fetch({ company_id: store.get("companyId") });
      await load();
      ctx.notice("spend.fetched", { months: fetched.months.length, numbers: fetched.numbers });
    } catch (err) {
      status.showError(err);
    } finally {
      busyNote.replaceChildren();
      buttons.forEach((b) => b.removeAttribute("aria-busy"));
      ctx.applyConnection();
    }
  }

  load();
  // A sync's charges step runs behind it: months it brought are drawn while Spend is on show.
  ctx.onChargesRefreshed((p) => {
    if (p.company_id === store.get("companyId") && p.months > 0 && content.isConnected) load();
  }).then((stop) => {
    const watch = new MutationObserver(() => { if (!screen.isConnected) { stop(); watch.disconnect(); } });
    watch.observe(view, { childList: true });
  });
}

/** With VAT / Without VAT: a pair of radio buttons (arrow keys move between them). */
function basisSwitch(changed) {
  const chosen = store.get("spendBasis");
  return h("fieldset", { class: "spend-basis", id: "spend-basis" },
    h("legend", { class: "visually-hidden", i18n: "spend.basis.legend" }),
    BASES.map((basis) => h("label", {},
      h("input", { type: "radio", name: "spend-basis", value: basis, checked: basis === chosen,
        onchange: () => { store.set({ spendBasis: basis }); changed(); } }),
      h("span", { i18n: `spend.basis.${basis}` }))));
}
