// Number management: the selected company and its numbers list. The list is virtualised: the
// UI asks the cache for windows of 100 rows as the user scrolls, so 100,000 numbers scroll as
// smoothly as 30. Sync runs in the background with progress; the list works offline.

import { api } from "../api.js";
import { onRequestChanged } from "../requests.js";
import { menuItems } from "../actions.js";
import { askAndSetBlocked, stateLabel } from "../block.js";
import { alertBox, busy, h, openMenu } from "../dom.js";
import { counted, formatCount, formatDateTimeKz, formatMoney, formatPhone } from "../format.js";
import { showSaved } from "../documents/saved.js";
import { createSelection } from "./numbers/selection.js";
import { offerPausedRuns } from "./bulk/paused.js";
import { bindText, onLanguage, t } from "../i18n.js";
import { store } from "../store.js";
import { labelTools } from "./numbers/label_tools.js";
import { editSelection } from "../labels.js";
import { cellOf, columnsButton, gridTemplate, loadShown, shownColumns } from "./numbers/columns.js";

/** Shows one company's data: switching company leaves it (see main.js). */
export const belongsToCompany = true;

const ROW = 34;
const PAGE = 100;
const STATES = ["active", "blocked", "in_process", "blocked_debt"];

export function render(view, ctx) {
  const company = store.get("companies").find((c) => c.id === store.get("companyId"));
  if (!company) {
    view.append(h("section", { class: "card wide", id: "screen-home" }, h("p", { i18n: "home.none" })));
    return;
  }
  const kept = store.get("numbersView");
  const list = kept?.companyId === company.id ? kept
    : { companyId: company.id, filter: { text: "", state: null, tariff: null, department: null, cost_centre: null, tag: null,
      order: { column: "number", descending: false } }, scrollTop: 0 };
  store.set({ numbersView: list });

  const status = alertBox("numbers-status");
  // The company's counts and names, as the store has them now: the screen follows `companies`
  // (read again after a sync, a block or unblock that completed, a new display name).
  let shown = company;
  const activeCount = bindText(h("span", { "data-testid": "numbers-active" }), () => formatCount(shown.numbers_active));
  const blockedCount = bindText(h("span", { "data-testid": "numbers-blocked" }), () => formatCount(shown.numbers_blocked));
  const title = h("h1", { id: "company-title", text: company.display_name });
  /** Reads the company's counts again (after a block or unblock completed). */
  const refreshCounts = () => ctx.loadCompanies();
  const syncText = h("span", { id: "numbers-synced", class: "asof" });
  const progress = h("progress", { id: "sync-progress", hidden: true });
  const syncButton = h("button", { class: "secondary", id: "numbers-sync", "data-needs-portal": true, i18n: "numbers.sync" });
  const search = h("input", { type: "search", id: "numbers-search", i18nPlaceholder: "numbers.search_placeholder", value: list.filter.text, i18nLabel: "numbers.search", i18nTip: "numbers.search_placeholder" });
  const stateSelect = h("select", { id: "numbers-state", i18nLabel: "col.state" },
    h("option", { value: "", i18n: "numbers.all_states" }),
    STATES.map((s) => h("option", { value: s, i18n: `state.${s}` })));
  stateSelect.value = list.filter.state ?? "";
  const tariffSelect = h("select", { id: "numbers-tariff", i18nLabel: "col.tariff" }, h("option", { value: "", i18n: "numbers.all_tariffs" }));
  const count = h("span", { id: "numbers-count", class: "hint" });
  // One "Export" button with a menu of formats, so the tools fit one line in a narrow window.
  const exportButton = h("button", { class: "secondary", id: "numbers-export", "aria-haspopup": "menu", i18n: "numbers.export" });
  const exported = alertBox("numbers-exported");

  const viewport = h("div", { class: "vviewport", id: "numbers-viewport", tabindex: 0, role: "grid", i18nLabel: "tab.numbers" });
  const spacer = h("div", { class: "vspacer" });
  viewport.append(spacer);
  // The columns shown (numbers/columns.js), toggled in the "Columns" menu.
  const columns = loadShown();
  // Sortable column headers: a click sorts by the column, a second click reverses it.
  const headerOf = ({ key, column, num }) => {
    const arrow = h("span", { class: "sort-arrow", "aria-hidden": "true" });
    const button = h("button", { class: "sort", type: "button", "data-sort": column,
      onclick: () => {
        const o = list.filter.order;
        list.filter.order = { column, descending: o.column === column ? !o.descending : false };
        showOrder();
        reset();
      } }, h("span", { i18n: key }), arrow);
    return h("span", { role: "columnheader", "data-column": column, class: num ? "num" : null }, button);
  };
  let headers = shownColumns(columns).map(headerOf);
  const showOrder = () => {
    for (const header of headers) {
      const on = header.dataset.column === list.filter.order.column;
      header.setAttribute("aria-sort", on ? (list.filter.order.descending ? "descending" : "ascending") : "none");
      header.querySelector(".sort-arrow").textContent = on ? (list.filter.order.descending ? " ▼" : " ▲") : "";
    }
  };
  showOrder();
  // ---- the selection for bulk actions (numbers/selection.js) --------------------------------
  const selection = createSelection({
    list,
    rowsBetween: (from, to) => rowsBetween(from, to),
    rowsOf: (f, count) => windows(filterArgOf(f), 0, count - 1),
    total: () => total,
    filter: () => list.filter,
    onBulk: (chosen, count) => { list.scrollTop = viewport.scrollTop; ctx.go("bulk", { companyId: company.id, selection: chosen, count }); },
    onLabels: async (msisdns) => labels.afterChange(await editSelection(company.id, msisdns)),
    redraw: () => draw(),
  });
  const columnsCell = h("span", { role: "columnheader" });
  const head = h("div", { class: "vrow vhead", role: "row" }, selection.headCell, headers, columnsCell);
  const table = h("div", { class: "vtable", style: `--numbers-cols: ${gridTemplate(columns)}` }, head, viewport);
  const columnsChanged = () => {
    headers = shownColumns(columns).map(headerOf);
    head.replaceChildren(selection.headCell, ...headers, columnsCell);
    table.style.setProperty("--numbers-cols", gridTemplate(columns));
    showOrder();
    alignHead();
    draw();
  };
  columnsCell.append(columnsButton(columns, columnsChanged));
  // Who uses each number (labels.js): a filter by department, cost centre or tag; the import.
  const labels = labelTools(company.id, list.filter,
    () => { selection.listChanging(); reset(); selection.listChanged(); },
    () => redraw());
  const paused = h("div", { id: "bulk-paused" });

  view.append(h("section", { class: "wide numbers-screen", id: "screen-home", "data-company-id": company.id },
    h("div", { class: "row" },
      h("div", {},
        title,
        h("p", { class: "subtitle" },
          h("span", { id: "company-name", text: company.name }), " · ", h("span", { i18n: "home.bin" }), " ",
          h("span", { id: "company-bin", text: company.bin }), " · ",
          h("span", { i18n: "home.numbers_active" }), ": ", activeCount, " · ",
          h("span", { i18n: "home.numbers_blocked" }), ": ", blockedCount)),
      h("span", { class: "spacer" }),
      h("div", { class: "row" }, syncText, progress, labels.importButton,
        h("button", { class: "secondary", id: "numbers-changes", i18n: "changes.open", onclick: () => ctx.go("changes") }), syncButton)),
    status,
    paused,
    h("div", { class: "toolbar list-tools" }, search, stateSelect, tariffSelect, labels.select, count, h("span", { class: "spacer" }),
      exportButton),
    exported,
    labels.status,
    labels.notice,
    h("div", { class: "numbers-list" }, selection.bar, table)));
  offerPausedRuns(paused, ctx, company.id);
  store.follow(viewport, "companies", (companies) => {
    shown = companies.find((c) => c.id === company.id) ?? shown;
    title.textContent = shown.display_name;
    activeCount.textContent = formatCount(shown.numbers_active);
    blockedCount.textContent = formatCount(shown.numbers_blocked);
  });
  // The rows share the viewport with its scroll bar; the header keeps the same room, so the
  // columns line up at any window width.
  const alignHead = () => { head.style.paddingRight = `${8 + viewport.offsetWidth - viewport.clientWidth}px`; };

  // ---- the virtual list -------------------------------------------------------------------
  let pages = new Map();
  let total = 0;
  let selected = -1;
  let generation = 0;

  const filterArgOf = (f) => ({ text: f.text, state: f.state || null, tariff: f.tariff || null,
    department: f.department || null, cost_centre: f.cost_centre || null, tag: f.tag || null, order: f.order });
  const filterArg = () => filterArgOf(list.filter);

  function page(n) {
    if (!pages.has(n)) {
      const gen = generation;
      const p = api.numbers_window({ company_id: company.id, filter: filterArg(), offset: n * PAGE, limit: PAGE })
        .then((w) => {
          if (gen === generation && w.total !== total) { total = w.total; layout(); }
          return w.rows.map((row) => ({ ...row, label: w.labels[row.msisdn] ?? null }));
        })
        .catch((err) => { pages.delete(n); status.showError(err); return []; });
      pages.set(n, p);
    }
    return pages.get(n);
  }

  /** Pages kept around the ones on screen; the rest are forgotten (read again when scrolled
   * back to), so the window holds a few hundred rows however far the user scrolls. */
  const KEPT_AROUND = 2;
  function forgetFarPages(wanted) {
    const low = wanted[0] - KEPT_AROUND;
    const high = wanted[wanted.length - 1] + KEPT_AROUND;
    for (const n of [...pages.keys()]) if (n < low || n > high) pages.delete(n);
  }

  function layout() {
    spacer.style.height = `${total * ROW}px`;
    alignHead();
    bindText(count, () => t("numbers.count", { count: counted(total) }));
    selection.show();
    if (total === 0) spacer.replaceChildren(h("div", { class: "hint", id: "numbers-empty", style: "padding: 12px", i18n: "numbers.empty" }));
  }

  function rowEl(n, index) {
    const more = h("button", { class: "link", i18nTitle: "numbers.more", "data-testid": "row-more", text: "⋮",
      onclick: (e) => { e.stopPropagation(); rowMenu(e.currentTarget, n); } });
    return h("div", { class: "vrow data", role: "row", "data-msisdn": n.msisdn, "data-index": index, "aria-selected": String(index === selected),
      style: `top: ${index * ROW}px`, onclick: () => { select(index); open(n.msisdn); } },
      selection.cell(index, n),
      numberCell(n),
      shownColumns(columns).filter((c) => !c.fixed).map((c) => cellOf(c, n)),
      more);
  }

  /** The number, with who uses it (its label's employee, else department) after it, unless a column shows them. */
  function numberCell(n) {
    const who = columns.has("employee") || columns.has("department") ? "" : n.label?.employee || n.label?.department || "";
    return h("span", { class: "number-cell", title: who ? `${formatPhone(n.msisdn)} · ${who}` : null },
      h("span", { class: "phone", text: formatPhone(n.msisdn) }), who ? h("span", { class: "row-who", text: ` · ${who}` }) : null);
  }

  async function draw() {
    const gen = generation;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW) - 5);
    const last = Math.floor((viewport.scrollTop + viewport.clientHeight) / ROW) + 5;
    const wanted = [];
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) wanted.push(p);
    forgetFarPages(wanted);
    const rows = await Promise.all(wanted.map(page));
    if (gen !== generation || !viewport.isConnected) return;
    const els = [];
    rows.forEach((pageRows, i) => pageRows.forEach((n, j) => {
      const index = wanted[i] * PAGE + j;
      if (index >= first && index <= last) els.push(rowEl(n, index));
    }));
    if (total > 0) spacer.replaceChildren(...els);
    // Which search the drawn rows answer (a test waits on it before clicking a row).
    viewport.dataset.search = list.filter.text ?? "";
  }

  function reset() {
    generation++;
    pages = new Map();
    total = 0;
    selected = -1;
    viewport.scrollTop = 0;
    page(0).then(() => { layout(); draw(); });
  }

  function select(index) {
    selected = Math.max(0, Math.min(index, total - 1));
    const top = selected * ROW;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + ROW - viewport.clientHeight;
    draw();
  }

  async function selectedMsisdn() {
    const rows = await page(Math.floor(selected / PAGE));
    return rows[selected % PAGE]?.msisdn;
  }

  /** The rows `from..=to` of the list: from its pages, or in windows of 500 for a long range. */
  async function rowsBetween(from, to) {
    const rows = [];
    if (to - from < 10 * PAGE) {
      for (let p = Math.floor(from / PAGE); p <= Math.floor(to / PAGE); p++) {
        (await page(p)).forEach((row, j) => { const i = p * PAGE + j; if (i >= from && i <= to) rows.push(row); });
      }
      return rows;
    }
    return windows(filterArg(), from, to);
  }

  /** The rows `from..=to` of the list `filterArgument` shows, read in windows of 500. */
  async function windows(filterArgument, from, to) {
    const rows = [];
    for (let offset = from; offset <= to; offset += 500) {
      const w = await api.numbers_window({ company_id: company.id, filter: filterArgument, offset, limit: Math.min(500, to - offset + 1) });
      rows.push(...w.rows);
      if (w.rows.length === 0) break;
    }
    return rows;
  }

  function open(msisdn, section) {
    list.scrollTop = viewport.scrollTop;
    ctx.go("number", { msisdn, section });
  }

  // A language change draws the rows on screen again from the pages already read (their
  // labels, money and counts in the new language): the list, its scroll and its keyboard row stay.
  onLanguage(viewport, () => { if (total > 0) { layout(); draw(); } });
  viewport.addEventListener("scroll", () => { list.scrollTop = viewport.scrollTop; draw(); });
  // The list's height is what the screen leaves it (a notice or the selection bar may come and
  // go): rows are drawn again for the new height.
  new ResizeObserver(() => { if (viewport.isConnected && total > 0) draw(); }).observe(viewport);
  viewport.addEventListener("keydown", async (e) => {
    const visible = Math.max(1, Math.floor(viewport.clientHeight / ROW) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: visible, PageUp: -visible };
    if (e.key in moves) { e.preventDefault(); select((selected < 0 ? -1 : selected) + moves[e.key]); }
    else if (e.key === "Home") { e.preventDefault(); select(0); }
    else if (e.key === "End") { e.preventDefault(); select(total - 1); }
    else if (e.key === "Enter" && selected >= 0) { const m = await selectedMsisdn(); if (m) open(m); }
    else if (e.key === " " && selected >= 0) {
      // Space ticks the focused row for a bulk action; Shift+Space the range from the last one.
      e.preventDefault();
      const m = await selectedMsisdn();
      if (m) selection.toggle(selected, m, e.shiftKey);
    }
  });

  let debounce = null;
  search.addEventListener("input", () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { selection.listChanging(); list.filter.text = search.value; reset(); selection.listChanged(); }, 150);
  });
  search.addEventListener("keydown", (e) => { if (e.key === "ArrowDown") { e.preventDefault(); viewport.focus(); select(0); } });
  stateSelect.addEventListener("change", () => { selection.listChanging(); list.filter.state = stateSelect.value || null; reset(); selection.listChanged(); });
  tariffSelect.addEventListener("change", () => { selection.listChanging(); list.filter.tariff = tariffSelect.value || null; reset(); selection.listChanged(); });

  // ---- the "more options" menu: the actions registry (actions.js), as the manual has it ------
  function rowMenu(anchor, n) {
    openMenu(anchor, menuItems("row", "menu", n, {
      open: (section) => open(n.msisdn, section ?? undefined),
      usage: () => ctx.go("usage", { msisdn: n.msisdn }),
      setBlocked: (block) => setBlocked(n.msisdn, block),
      refresh: () => redraw(),
      notice: (key, vars) => ctx.notice(key, vars),
      go: (screen, params) => ctx.go(screen, params),
    }));
    ctx.applyConnection();
    document.querySelector("#row-menu button:not(:disabled)")?.focus();
  }

  /** Blocks or unblocks from the list; the row shows In process until the portal completes it. */
  async function setBlocked(msisdn, block) {
    status.clear();
    try {
      if (!(await askAndSetBlocked(msisdn, block))) return;
      status.showKey("success", block ? "numbers.block_sent" : "numbers.unblock_sent", { number: formatPhone(msisdn) });
      redraw();
    } catch (err) {
      status.showError(err);
    }
  }

  // A request of a number on this list changed (the watcher re-read its profile, so its cached
  // row is fresh): redraw, and say what it became.
  onRequestChanged(viewport, async (record) => {
    redraw();
    if (!record.msisdn || record.state === "in_process") return;
    try {
      const fresh = await api.number_get({ msisdn: record.msisdn });
      if (!viewport.isConnected || fresh.offline) return;
      if (record.kind === "sim_replacement") {
        status.showKey(record.state === "done" ? "success" : "error", record.state === "done" ? "sim.done" : "sim.failed", { number: formatPhone(record.msisdn) });
        return;
      }
      // Block and unblock change the number's state; other requests (IMEI) leave it as it was.
      if (record.kind !== "block" && record.kind !== "unblock") return;
      const state = fresh.data.summary.state;
      status.showBound("success", () => t("numbers.state_now", { number: formatPhone(record.msisdn), state: stateLabel(state) }));
      await refreshCounts();
    } catch {
      // Offline or signed out: the list keeps what the cache has.
    }
  });

  /** Reloads the rows on screen from the cache, keeping the scroll position and selection. */
  function redraw() {
    generation++;
    pages = new Map();
    page(Math.floor(viewport.scrollTop / ROW / PAGE)).then(() => { layout(); draw(); });
  }

  // ---- sync and status --------------------------------------------------------------------
  async function refreshStatus() {
    const s = await api.numbers_status({ company_id: company.id });
    tariffSelect.replaceChildren(h("option", { value: "", i18n: "numbers.all_tariffs" }), ...s.tariffs.map((name) => h("option", { value: name, text: name })));
    tariffSelect.value = list.filter.tariff ?? "";
    bindText(syncText, () => t(s.synced_at ? "numbers.synced_at" : "numbers.never_synced", { time: s.synced_at ? formatDateTimeKz(s.synced_at) : "" }));
    if (s.synced_at) store.set({ dataAsOf: s.synced_at });
    ctx.applyConnection();
    return s;
  }

  async function sync(full) {
    if (store.get("syncing")) return;
    store.set({ syncing: true });
    status.clear();
    progress.hidden = false;
    progress.removeAttribute("value");
    const stop = await ctx.onSyncProgress((p) => {
      if (p.company_id !== company.id) return;
      const key = p.expected ? "numbers.syncing" : "numbers.syncing_changes";
      bindText(syncText, () => t(key, { fetched: formatCount(p.fetched), expected: formatCount(p.expected ?? 0) }));
      if (p.expected) { progress.max = p.expected; progress.value = p.fetched; }
    });
    try {
      await busy(syncButton, () => api.numbers_sync({ company_id: company.id, full }));
      await ctx.loadCompanies();
      if (viewport.isConnected) { await refreshStatus(); reset(); }
    } catch (err) {
      if (viewport.isConnected) status.showError(err);
    } finally {
      stop();
      store.set({ syncing: false });
      progress.hidden = true;
      ctx.applyConnection();
    }
  }

  syncButton.addEventListener("click", () => sync(false));
  const exportAs = (format) => busy(exportButton, async () => {
    try {
      status.clear();
      exported.clear();
      const doc = await api.numbers_export({ company_id: company.id, filter: filterArg(), format });
      showSaved(exported, doc);
    } catch (err) {
      status.showError(err);
    }
  });
  exportButton.addEventListener("click", () => {
    openMenu(exportButton, [
      { id: "numbers-export-xlsx", key: "numbers.export_xlsx", onclick: () => exportAs("xlsx") },
      { id: "numbers-export-csv", key: "numbers.export_csv", onclick: () => exportAs("csv") },
    ]);
    document.querySelector("#row-menu button")?.focus();
  });

  ctx.applyConnection();
  refreshStatus().then((s) => {
    page(0).then(() => {
      layout();
      viewport.scrollTop = list.scrollTop;
      draw();
    });
    // Once per session and company, bring the list up to date (full the first time).
    const synced = store.get("autoSynced");
    if (store.get("online") && !synced.has(company.id)) {
      store.set({ autoSynced: new Set([...synced, company.id]) });
      sync(!s.synced_at);
    }
  }).catch((err) => status.showError(err));
}
