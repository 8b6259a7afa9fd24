// The one dialog for an action that asks before it acts: a title, what it is about (the number),
// the manual's question or explanation, optional fields, and Confirm / Cancel. Every action of
// the registry (actions.js) asks through it, so they all behave alike:
// - each field has its label (`aria-labelledby`), its hint and its error (`aria-describedby`);
//   a field that fails is marked `aria-invalid` and focused, with the error under it;
// - checks run before anything is sent; an error of the portal that names a field (`field`) is
//   shown under that field, any other in the dialog's alert, translated (its `reason`);
// - the dialog stays open while the action runs (Confirm disabled, so it is sent once) and
//   until it succeeds or the user cancels (Cancel, Escape);
// - the focus starts on the first field, or on Cancel when the action is destructive;
// - a `live` field is checked as soon as the user leaves it (its error shown, not focused), so
//   a date out of the allowed period is refused as it is typed, not only on Confirm.
//
// Portal data only ever lands in textContent (dom.js `h`).

import { dateInput, h } from "./dom.js";
import { errorText, t } from "./i18n.js";

let counter = 0;

/**
 * What `submit` resolves to when the dialog should stay open without an error: a step it
 * opened on top (a confirmation) was cancelled, so the user is back where they were.
 */
export const STAY_OPEN = Symbol("stay open");

/**
 * Opens the dialog; resolves the action's result once it succeeded, or null when cancelled.
 * - `id`: the dialog's element id (tests find it by that);
 * - `titleKey`; `subject`: plain text under the title (a number), optional;
 * - `messageKey` + `messageVars`, or `message` (plain text): the question or explanation;
 * - `fields`: `[{name, labelKey, hintKey?, type?: "text" | "checkbox" | "select" | "date",
 *   options?: [{value, key}], value?, inputProps?, live?, check?: (value, values) => errorKey |
 *   {key, vars} | null}]`; a date field (dom.js `dateInput`) takes and gives yyyy-mm-dd (the
 *   typed text when it is no date);
 * - `confirmKey`, `destructive`;
 * - `submit(values)`: sends the action (rejects with the portal's `{code, message, field?}`), or
 *   resolves `STAY_OPEN` to keep the dialog open as it is.
 */
export function formDialog({ id, titleKey, subject, messageKey, messageVars, message, fields = [], confirmKey = "dialog.confirm", destructive = false, submit }) {
  return new Promise((resolve) => {
    const uid = `fd${++counter}`;
    const dialog = h("dialog", { id, class: "dialog form-dialog", "aria-labelledby": `${uid}-title`, "aria-describedby": `${uid}-message` });
    const alert = h("div", { id: `${id}-error`, class: "alert error", role: "alert", hidden: true });
    const inputs = new Map();
    const errors = new Map();

    const rows = fields.map((f) => {
      const inputId = `${id}-${f.name}`;
      const labelId = `${inputId}-label`;
      const errorId = `${inputId}-error`;
      const hintId = f.hintKey ? `${inputId}-hint` : null;
      const describedBy = [hintId, errorId].filter(Boolean).join(" ");
      const common = { id: inputId, name: f.name, "aria-labelledby": labelId, "aria-describedby": describedBy, ...(f.inputProps ?? {}) };
      let input;
      if (f.type === "select") {
        input = h("select", common, (f.options ?? []).map((o) => h("option", { value: o.value, i18n: o.key })));
      } else if (f.type === "checkbox") {
        input = h("input", { ...common, type: "checkbox" });
      } else if (f.type === "date") {
        input = dateInput(common);
      } else {
        input = h("input", { type: "text", autocomplete: "off", ...common });
      }
      if (f.value !== undefined) {
        if (f.type === "checkbox") input.checked = Boolean(f.value);
        else if (f.type === "date") input.setIso(f.value);
        else input.value = f.value;
      }
      const error = h("div", { id: errorId, class: "field-error", hidden: true });
      inputs.set(f.name, input);
      errors.set(f.name, error);
      const label = h("label", { id: labelId, for: inputId, i18n: f.labelKey });
      const hint = hintId ? h("span", { id: hintId, class: "hint", i18n: f.hintKey }) : null;
      if (f.type === "checkbox") return h("div", { class: "field check" }, h("div", { class: "row" }, input, label), hint, error);
      return h("div", { class: "field" }, label, input, hint, error);
    });

    const values = () => Object.fromEntries(fields.map((f) => {
      const input = inputs.get(f.name);
      if (f.type === "checkbox") return [f.name, input.checked];
      if (f.type === "date") return [f.name, input.isoValue() ?? input.value.trim()];
      return [f.name, input.value.trim()];
    }));

    const clearErrors = () => {
      alert.hidden = true;
      for (const [name, input] of inputs) {
        input.removeAttribute("aria-invalid");
        errors.get(name).hidden = true;
      }
    };

    /** A check's answer as text: a key, or `{key, vars}`. */
    const checkText = (answer) => (typeof answer === "string" ? t(answer) : t(answer.key, answer.vars));

    /** Shows an error by its field (focused unless `quiet`), or in the alert. */
    const showError = (name, text, quiet = false) => {
      const input = inputs.get(name);
      if (!input) {
        alert.textContent = text;
        alert.hidden = false;
        return;
      }
      input.setAttribute("aria-invalid", "true");
      const error = errors.get(name);
      error.textContent = text;
      error.hidden = false;
      if (!quiet) input.focus();
    };

    for (const f of fields.filter((f) => f.live && f.check)) {
      inputs.get(f.name).addEventListener("change", () => {
        const input = inputs.get(f.name);
        input.removeAttribute("aria-invalid");
        errors.get(f.name).hidden = true;
        const answer = f.check(values()[f.name], values());
        if (answer) showError(f.name, checkText(answer), true);
      });
    }

    const confirm = h("button", { type: "submit", class: destructive ? "danger" : "primary", id: `${id}-confirm`, i18n: confirmKey });
    const cancel = h("button", { type: "button", class: "secondary", id: `${id}-cancel`, i18n: "dialog.cancel" });
    // The focus goes back where it was when the dialog opened (the button or menu that opened
    // it), so the next Tab goes on from there; the screen itself if that is gone.
    const opener = document.activeElement;
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      if (opener?.isConnected && opener !== document.body) opener.focus();
      else document.getElementById("view")?.focus();
      resolve(answer);
    };
    cancel.addEventListener("click", () => done(null));
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); if (!confirm.disabled) done(null); });

    const form = h("form", { method: "dialog", novalidate: true },
      h("h2", { id: `${uid}-title`, i18n: titleKey }),
      subject ? h("p", { class: "subject", id: `${id}-subject`, text: subject }) : null,
      h("p", { id: `${uid}-message`, class: "message", ...(messageKey ? { "data-i18n": messageKey } : {}), text: messageKey ? t(messageKey, messageVars) : message ?? "" }),
      rows,
      alert,
      h("div", { class: "row" }, confirm, cancel));
    const messageEl = form.querySelector(".message");
    if (messageKey) messageEl._vars = messageVars;
    if (!messageEl.textContent) messageEl.hidden = true;

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (confirm.disabled) return;
      clearErrors();
      // Every wrong field is marked at once; the focus goes to the first.
      const v = values();
      const wrong = fields.map((f) => [f, f.check?.(v[f.name], v)]).filter(([, answer]) => answer);
      wrong.forEach(([f, answer], i) => showError(f.name, checkText(answer), i > 0));
      if (wrong.length) return;
      confirm.disabled = true;
      try {
        const result = await submit(v);
        if (result !== STAY_OPEN) done(result ?? true);
      } catch (err) {
        showError(err?.field, errorText(err));
      } finally {
        confirm.disabled = false;
      }
    });

    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    const first = inputs.values().next().value;
    (destructive ? cancel : first ?? confirm).focus();
  });
}
