// Building the DOM without HTML strings: data from the portal only ever lands in textContent
// or attribute values, never in innerHTML.

import { bindText, clearText, errorText, onLanguage, setText, t } from "./i18n.js";
import { dateSeparator, formatDateInput, parseDateInput } from "./format.js";

/**
 * h("button", {class: "primary", i18n: "login.submit", onclick}, child, ...)
 * - `text`: plain text content; `i18n`: a translation key (kept up to date on language change);
 * - `i18nPlaceholder`, `i18nLabel` (aria-label), `i18nTip` (title), `i18nTitle` (both: an icon
 *   button): translated attributes, kept up to date as `i18n` is;
 * - `on<event>`: listeners; anything else: attributes.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "i18n") { el.dataset.i18n = value; el.textContent = t(value); }
    else if (key === "i18nPlaceholder") { el.dataset.i18nPlaceholder = value; el.placeholder = t(value); }
    else if (key === "i18nLabel") { el.dataset.i18nLabel = value; el.setAttribute("aria-label", t(value)); }
    else if (key === "i18nTip") { el.dataset.i18nTip = value; el.title = t(value); }
    else if (key === "i18nTitle") { el.dataset.i18nTitle = value; el.title = t(value); el.setAttribute("aria-label", el.title); }
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "style") el.style.cssText = value; // CSSOM: allowed under the strict CSP

    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren(...children.flat().filter(Boolean));
}

/** An alert box that shows an error `{code, message}` translated, and keeps it translated. */
export function alertBox(id) {
  const box = h("div", { id, class: "alert", role: "alert", hidden: true });
  box.showError = (err) => {
    box.className = "alert error";
    bindText(box, () => errorText(err));
    box.hidden = false;
  };
  box.showKey = (kind, key, vars) => {
    box.className = `alert ${kind}`;
    setText(box, key, vars);
    box.hidden = false;
  };
  /** Shows `render()` (a text with figures in the language), kept translated. */
  box.showBound = (kind, render) => {
    box.className = `alert ${kind}`;
    bindText(box, render);
    box.hidden = false;
  };
  box.clear = () => { box.hidden = true; clearText(box); };
  return box;
}

/** Disables a button while `work` runs, so an action cannot be sent twice by a double click. */
export async function busy(button, work) {
  button.disabled = true;
  try { return await work(); } finally { button.disabled = false; }
}

/** Text that must not break across lines (a phone number inside a sentence): no-break spaces. */
export function noWrap(text) {
  return String(text).replaceAll(" ", "\u00a0");
}

/**
 * A "more options" menu under `anchor`: items are `{id, key, onclick, needsPortal, why?}` (`why`: a
 * text key; the item is then disabled and says why under its label). Arrow keys
 * move, Escape closes and gives the focus back; a click elsewhere closes it. One menu at a time.
 */
export function openMenu(anchor, items) {
  document.getElementById("row-menu")?.remove();
  const menu = h("div", { class: "menu", id: "row-menu", role: "menu" });
  const close = () => { menu.remove(); document.removeEventListener("mousedown", outside); };
  const outside = (e) => { if (!menu.contains(e.target)) close(); };
  for (const item of items) {
    if (item.why) {
      // Listed but not possible now: disabled for every input, still focusable, saying why.
      const whyId = `${item.id}-why`;
      menu.append(h("button", { role: "menuitem", id: item.id, class: "not-allowed", "aria-disabled": "true", "aria-describedby": whyId },
        h("span", { i18n: item.key }), h("span", { class: "hint why", id: whyId, i18n: item.why })));
      continue;
    }
    menu.append(h("button", { role: "menuitem", id: item.id, i18n: item.key, "data-needs-portal": item.needsPortal,
      // The menu's button keeps the focus, so a dialog the item opens gives it back there.
      onclick: () => { close(); anchor.focus(); item.onclick(); } }));
  }
  document.body.append(menu);
  // Under the anchor, right-aligned with it, and always inside the window.
  const r = anchor.getBoundingClientRect();
  menu.style.top = `${Math.max(8, Math.min(r.bottom, window.innerHeight - menu.offsetHeight - 8))}px`;
  menu.style.left = `${Math.max(8, Math.min(r.right, window.innerWidth - 8) - menu.offsetWidth)}px`;
  document.addEventListener("mousedown", outside);
  menu.addEventListener("keydown", (e) => {
    const buttons = [...menu.querySelectorAll("button:not(:disabled)")];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === "Escape") { close(); anchor.focus(); }
    if (e.key === "ArrowDown") { e.preventDefault(); buttons[(i + 1) % buttons.length]?.focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); buttons[(i - 1 + buttons.length) % buttons.length]?.focus(); }
  });
  return menu;
}

/** The ⓘ of a service: a button that shows or hides its terms (drawn by CSS, so any font has it). */
export function termsToggle(text) {
  const terms = h("p", { class: "terms", hidden: true, text });
  const toggle = h("button", { class: "info-icon", type: "button", "aria-expanded": "false", text: "i",
    i18nTitle: "number.terms",
    onclick: () => { terms.hidden = !terms.hidden; toggle.setAttribute("aria-expanded", String(!terms.hidden)); } });
  return { toggle, terms };
}

/**
 * A date box in the app's language format (`дд.мм.гггг` / `dd/mm/yyyy`), never the system
 * locale's: a text input that adds the separators as digits are typed, reads the date back as
 * yyyy-mm-dd (`input.isoValue()`, null when it is no date), and rewrites itself in the other
 * format when the language changes. form.js labels it (a field of type "date").
 */
export function dateInput(inputProps = {}) {
  const input = h("input", { ...inputProps, type: "text", inputmode: "numeric", autocomplete: "off", maxlength: 10,
    i18nPlaceholder: "date.placeholder", style: "width: 9em" });
  let iso = null;
  input.isoValue = () => parseDateInput(input.value);
  input.setIso = (value) => { iso = value; input.value = formatDateInput(value); };
  input.addEventListener("input", (e) => {
    if (e.inputType === "insertText") {
      // Typing goes day, month, year: the separator comes by itself, a typed one is not doubled.
      const sep = dateSeparator();
      let typed = input.value.replace(/[./-]+/g, sep);
      if (/^(\d{2}|\d{2}[./]\d{2})$/.test(typed)) typed += sep;
      input.value = typed;
    }
    iso = input.isoValue();
  });
  input.addEventListener("blur", () => { if (input.isoValue()) input.setIso(input.isoValue()); });
  onLanguage(input, () => { if (iso) input.value = formatDateInput(iso); });
  return input;
}
