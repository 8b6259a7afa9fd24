// The numbers list's columns: which show (the number always; the portal's columns and the
// label values, employee, department and cost centre, each toggled in the "Columns" menu and
// kept in this computer's localStorage), the grid's tracks for the shown ones, and each cell.
// Every column sorts (the label columns by the cache's labels, the unlabelled last). With label
// columns shown, the tracks' minimums shrink so the list still fits a 900-pixel window; cells
// cut with an ellipsis keep their full text as a tooltip.

import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { formatMoney } from "../../format.js";
import { stateLabel } from "../../block.js";

const STORE_KEY = "kabinet.numbers.columns";

/** Every column: its header text, its sort column, its track (wide, and narrow when label columns show), its cell. */
export const COLUMNS = [
  { key: "col.number", column: "number", track: "minmax(136px, 1fr)", fixed: true },
  { key: "col.account", column: "account", track: "minmax(76px, .7fr)", narrow: "minmax(64px, .6fr)", cell: (n) => n.account },
  { key: "col.tariff", column: "tariff", track: "minmax(70px, 1.6fr)", narrow: "minmax(56px, 1fr)", cell: (n) => n.tariff },
  { key: "col.payment", column: "payment_method", track: "minmax(86px, .7fr)", narrow: "minmax(56px, .6fr)", cell: (n) => t(`payment.${n.payment_method}`) },
  { key: "col.state", column: "state", track: "minmax(158px, 1fr)", narrow: "minmax(80px, .9fr)", cell: (n) => stateLabel(n.state), cls: (n) => `state-${n.state}` },
  { key: "col.available", column: "available_funds", track: "minmax(128px, 1fr)", narrow: "minmax(84px, .8fr)", num: true, cell: (n) => (n.available_funds === null ? "–" : formatMoney(n.available_funds)) },
  { key: "col.balance", column: "balance", track: "minmax(106px, 1.1fr)", narrow: "minmax(88px, .8fr)", num: true, cell: (n) => formatMoney(n.balance) },
  { key: "labels.employee", column: "employee", track: "minmax(60px, 1fr)", label: true, cell: (n) => n.label?.employee ?? "" },
  { key: "labels.department", column: "department", track: "minmax(60px, 1fr)", label: true, cell: (n) => n.label?.department ?? "" },
  { key: "labels.cost_centre", column: "cost_centre", track: "minmax(60px, 1fr)", label: true,
    cell: (n) => [n.label?.cost_centre?.code, n.label?.cost_centre?.name].filter(Boolean).join(" — ") },
];

/** The shown columns' sort names, as kept (default: the portal's columns, no label column). */
export function loadShown() {
  try {
    const kept = JSON.parse(localStorage.getItem(STORE_KEY) ?? "null");
    if (Array.isArray(kept)) return new Set(["number", ...kept.filter((c) => COLUMNS.some((col) => col.column === c))]);
  } catch {
    // Unreadable: the default.
  }
  return new Set(COLUMNS.filter((c) => !c.label).map((c) => c.column));
}

function save(shown) {
  try { localStorage.setItem(STORE_KEY, JSON.stringify([...shown])); } catch { /* private mode: not kept */ }
}

/** The shown columns, in order. */
export const shownColumns = (shown) => COLUMNS.filter((c) => shown.has(c.column));

/** The grid's tracks: the selection box, the shown columns, the row's menu. */
export function gridTemplate(shown) {
  const cols = shownColumns(shown);
  const narrow = cols.some((c) => c.label);
  return ["14px", ...cols.map((c) => (narrow && c.narrow ? c.narrow : c.track)), "28px"].join(" ");
}

/** A row's cell of `col` (the number's own cell is the list's). */
export function cellOf(col, n) {
  const text = col.cell(n);
  return h("span", { class: [col.num ? "num" : "", col.cls?.(n) ?? "", col.label ? "label-cell" : ""].filter(Boolean).join(" ") || null,
    "data-column": col.column, text, title: text || null });
}

/**
 * The "Columns" button (the list header's last cell, above the rows' menus): a menu of the
 * columns to show, each ticked or not; choosing one toggles it, closes the menu and calls
 * `changed()`.
 */
export function columnsButton(shown, changed) {
  const button = h("button", { type: "button", class: "link", id: "numbers-columns", "aria-haspopup": "menu", i18nTitle: "numbers.columns", text: "⚙" });
  button.addEventListener("click", () => {
    document.getElementById("row-menu")?.remove();
    const menu = h("div", { class: "menu", id: "row-menu", role: "menu" });
    const close = () => { menu.remove(); document.removeEventListener("mousedown", outside); };
    const outside = (e) => { if (!menu.contains(e.target) && e.target !== button) close(); };
    for (const col of COLUMNS.filter((c) => !c.fixed)) {
      const item = h("button", { type: "button", role: "menuitemcheckbox", id: `column-${col.column}`, "aria-checked": String(shown.has(col.column)) },
        h("span", { class: "tick", "aria-hidden": "true", text: shown.has(col.column) ? "✓ " : "   " }), h("span", { text: t(col.key) }));
      item.addEventListener("click", () => {
        if (shown.has(col.column)) shown.delete(col.column); else shown.add(col.column);
        save(shown);
        close();
        button.focus();
        changed();
      });
      menu.append(item);
    }
    document.body.append(menu);
    const r = button.getBoundingClientRect();
    menu.style.top = `${Math.max(8, Math.min(r.bottom, window.innerHeight - menu.offsetHeight - 8))}px`;
    menu.style.left = `${Math.max(8, Math.min(r.right, window.innerWidth - 8) - menu.offsetWidth)}px`;
    document.addEventListener("mousedown", outside);
    menu.addEventListener("keydown", (e) => {
      const items = [...menu.querySelectorAll("button")];
      const i = items.indexOf(document.activeElement);
      if (e.key === "Escape") { close(); button.focus(); }
      if (e.key === "ArrowDown") { e.preventDefault(); items[(i + 1) % items.length]?.focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); items[(i - 1 + items.length) % items.length]?.focus(); }
    });
    menu.querySelector("button")?.focus();
  });
  return button;
}
