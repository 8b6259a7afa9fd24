// The numbers list's selection for bulk actions (screens/bulk.js): a checkbox on each row, a
// header checkbox, shift-click for a range, and "Select all N results of this search".
//
// Two kinds of selection, as the bulk commands take them:
// - a list: the numbers ticked one by one or by range (`{numbers: [...]}`, in the order they
//   were ticked, a range in the list's order). A range may reach rows that were never drawn:
//   they are read through the list's own window command (`rowsBetween`).
// - all the results of the search: `{search: text}` (the whole company when there is no
//   search), never a list of 100,000 numbers. With a state or tariff filter on, which a search
//   selection cannot say, the results are read through the window command instead and become a
//   list.
//
// The selection lives in the list's view state (store `numbersView`), so it survives a visit to a
// profile and Back, and it is KEPT across searches and filters: a user who looks for one more
// number keeps what they ticked, and the bar counts all of it. "All the results" of a search is
// that search's numbers, so a new search first reads them into a list (`listChanging`). Each
// ticked number remembers the list it was ticked in (`listKey`), so "select all" of a list
// whose ticks all came from it is still that search, and otherwise adds its numbers.

import { h } from "../../dom.js";
import { counted, formatPhone } from "../../format.js";
import { setText, t } from "../../i18n.js";

/** A fresh, empty selection. */
export function emptySelection() {
  return { all: false, numbers: new Map(), anchor: -1 };
}

/** Which list a filter shows (its search text, state and tariff; the order does not matter). */
function listKey(f) {
  return JSON.stringify([f.text ?? "", f.state ?? null, f.tariff ?? null, f.department ?? null, f.cost_centre ?? null, f.tag ?? null]);
}

/**
 * The selection's part of the list. `list` is the list's view state (its `selection` is kept
 * there); `rowsBetween(from, to)` resolves to the rows `from..=to` of the current list;
 * `rowsOf(filter, count)` to the first `count` rows of the list `filter` shows; `total()` the
 * current list's length; `filter()` the list's filter; `onBulk(selection, count)` opens the bulk
 * screen; `onLabels(msisdns)` edits the selected numbers' labels. Returns the header cell, the
 * bar, and what the rows call.
 */
export function createSelection({ list, rowsBetween, rowsOf, total, filter, onBulk, onLabels, redraw }) {
  list.selection ??= emptySelection();
  const sel = () => list.selection;
  /** "All the results" of a list being read into numbers after the list changed. */
  let reading = null;

  const headBox = h("input", { type: "checkbox", id: "numbers-select-page", i18nLabel: "bulk.select_all_label" });
  const headCell = h("span", { role: "columnheader", "data-column": "select", class: "select-cell" }, headBox);

  const countText = h("span", { id: "selection-count", class: "selection-count" });
  const allLink = h("button", { type: "button", class: "link", id: "selection-all" });
  const allSeparator = h("span", { "aria-hidden": "true", text: "·" });
  const bulkButton = h("button", { type: "button", class: "secondary", id: "selection-bulk", i18n: "bulk.open" });
  const clearButton = h("button", { type: "button", class: "link", id: "selection-clear", i18n: "bulk.clear" });
  const labelsButton = h("button", { type: "button", class: "secondary", id: "selection-labels", i18n: "labels.edit_selection" });
  const readingText = h("span", { class: "hint", id: "selection-reading", hidden: true });
  const bar = h("div", { class: "selection-bar", id: "selection-bar", role: "region", i18nLabel: "bulk.selection", hidden: true },
    countText, " · ", bulkButton, " ", labelsButton, " · ", clearButton, allSeparator, allLink, readingText);

  /** How many numbers are selected (while an old list's results are read: how many they are). */
  const count = () => (sel().all ? total() : sel().pending ?? sel().numbers.size);

  /** Whether some ticked number came from another list than the one shown. */
  const fromOtherLists = () => {
    const key = listKey(filter());
    return sel().pending !== undefined || [...sel().numbers.values()].some((k) => k !== key);
  };

  /** The bar and the header checkbox say what is selected. */
  function show() {
    const s = sel();
    const n = count();
    const others = fromOtherLists();
    bar.hidden = n === 0;
    headBox.checked = s.all || (n > 0 && n === total() && !others);
    headBox.indeterminate = !headBox.checked && n > 0;
    // What "all" is: the list under a state or tariff filter, the search's results, or the company.
    const f = filter();
    const what = f.state || f.tariff ? "list" : f.text ? "search" : "company";
    if (s.all) setText(countText, `bulk.selected_all_${what}`, { count: counted(n), search: f.text });
    else setText(countText, "bulk.selected", { count: counted(n) });
    allLink.hidden = s.all || n === 0 || (n >= total() && !others);
    allSeparator.hidden = allLink.hidden;
    if (!allLink.hidden) setText(allLink, `bulk.select_all_${what}`, { count: counted(total()) });
  }

  function clear() {
    list.selection = emptySelection();
    show();
    redraw();
  }

  /** Reads `count` rows of the list `f` shows, saying so while it takes. */
  async function reads(f, count) {
    readingText.hidden = false;
    setText(readingText, "bulk.reading", { count: counted(count) });
    try {
      return await rowsOf(f, count);
    } finally {
      readingText.hidden = true;
    }
  }

  /** Selects the whole list shown: that search itself, or its numbers added to the ticks of
   * other lists. */
  async function selectAll() {
    await reading;
    if (!fromOtherLists()) {
      list.selection = { ...emptySelection(), all: true };
    } else {
      const f = { ...filter() };
      const rows = await reads(f, total());
      for (const row of rows) sel().numbers.set(row.msisdn, listKey(f));
    }
    show();
    redraw();
  }

  /** Whether the row with `msisdn` is selected. */
  const isSelected = (msisdn) => sel().all || sel().numbers.has(msisdn);

  /** Ticks or unticks one row; with shift, the range from the last clicked row. */
  async function toggle(index, msisdn, range) {
    await reading;
    const s = sel();
    const key = listKey(filter());
    if (s.all) {
      // Unticking one number of "all results" makes the results a list: read them first.
      if (!(await materialise())) return;
    }
    const on = !sel().numbers.has(msisdn);
    if (range && sel().anchor >= 0 && sel().anchor !== index) {
      const [from, to] = sel().anchor < index ? [sel().anchor, index] : [index, sel().anchor];
      const rows = await rowsBetween(from, to);
      for (const row of rows) {
        if (on) sel().numbers.set(row.msisdn, key);
        else sel().numbers.delete(row.msisdn);
      }
    } else if (on) sel().numbers.set(msisdn, key);
    else sel().numbers.delete(msisdn);
    sel().anchor = index;
    show();
    redraw();
  }

  /** Turns "all results" into the list of their numbers (a filter the search cannot say). */
  async function materialise() {
    const f = { ...filter() };
    const rows = await reads(f, total());
    list.selection = { ...emptySelection(), numbers: new Map(rows.map((r) => [r.msisdn, listKey(f)])) };
    return true;
  }

  /** The selection as the bulk commands take it: `{search}` or `{numbers}`. */
  async function forBulk() {
    await reading;
    const f = filter();
    if (sel().all && !f.state && !f.tariff && !f.department && !f.cost_centre && !f.tag) return { search: f.text };
    if (sel().all && !(await materialise())) return null;
    return { numbers: [...sel().numbers.keys()] };
  }

  headBox.addEventListener("change", () => (headBox.checked ? selectAll() : clear()));
  labelsButton.addEventListener("click", async () => {
    labelsButton.disabled = true;
    try {
      await reading;
      if (sel().all && !(await materialise())) return;
      await onLabels([...sel().numbers.keys()]);
    } finally {
      labelsButton.disabled = false;
    }
  });
  allLink.addEventListener("click", selectAll);
  clearButton.addEventListener("click", clear);
  bulkButton.addEventListener("click", async () => {
    bulkButton.disabled = true;
    try {
      const n = count();
      const selection = await forBulk();
      if (selection) onBulk(selection, n);
    } finally {
      bulkButton.disabled = false;
    }
  });

  /** The checkbox cell of a row (`index` in the list). */
  function cell(index, n) {
    const box = h("input", { type: "checkbox", tabindex: -1, "data-testid": "row-select",
      "aria-label": t("bulk.select_number", { number: formatPhone(n.msisdn) }) });
    box.checked = isSelected(n.msisdn);
    // The click toggles the box only: the row's own click opens the profile.
    box.addEventListener("click", (e) => {
      e.stopPropagation();
      e.preventDefault();
      toggle(index, n.msisdn, e.shiftKey);
    });
    return h("span", { class: "select-cell", onclick: (e) => { e.stopPropagation(); toggle(index, n.msisdn, e.shiftKey); } }, box);
  }

  /**
   * The list is about to show another search or filter (called BEFORE the filter changes): the
   * ticks stay; "all the results" of the list shown now is read into its numbers, as it was.
   */
  function listChanging() {
    sel().anchor = -1;
    if (!sel().all) return;
    const f = { ...filter() };
    const n = total();
    list.selection = { ...emptySelection(), pending: n };
    const mine = list.selection;
    reading = reads(f, n).then((rows) => {
      if (list.selection !== mine) return;
      list.selection = { ...emptySelection(), numbers: new Map(rows.map((r) => [r.msisdn, listKey(f)])) };
    }).catch(() => {
      if (list.selection === mine) list.selection = emptySelection();
    }).finally(() => {
      reading = null;
      show();
      redraw();
    });
  }

  /** The list changed (a new search or filter): the bar says what is selected of it. */
  function listChanged() {
    show();
  }

  return { headCell, bar, cell, toggle, isSelected, show, listChanging, listChanged };
}
