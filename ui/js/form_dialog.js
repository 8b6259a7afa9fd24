// The one dialog for an action that asks before it acts: a title, what it is about (the number),
// the manual's question or explanation, optional fields (form_fields.js: labels, checks, errors
// by field), and Confirm / Cancel. Every action of the registry (actions.js) asks through it, so
// they all behave alike:
// - the dialog stays open while the action runs (Confirm disabled, so it is sent once) and
//   until it succeeds or the user cancels (Cancel, Escape);
// - the focus starts on the first field, or on Cancel when the action is destructive, or on the
//   question itself when no Enter may act on it (`focusMessage`, the balance transfer).
//
// Portal data only ever lands in textContent (dom.js `h`).

import { h } from "./dom.js";
import { formFields } from "./form_fields.js";
import { t } from "./i18n.js";

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
 * - `fields`: as form_fields.js describes them;
 * - `confirmKey`, `destructive`;
 * - `focusMessage`: the focus starts on the question itself, where Enter does nothing, so an
 *   Enter pressed again after the one that opened the dialog neither confirms nor closes it
 *   (whenever it lands); Confirm and Cancel take a click, or Tab then Enter; Escape cancels;
 * - `busyKey`: while `submit` runs, Confirm says this text ("Sending…") and Cancel waits too, so
 *   a slow answer is seen as awaited and its result is not lost by closing the dialog;
 * - `submit(values)`: sends the action (rejects with the portal's `{code, message, field?}`), or
 *   resolves `STAY_OPEN` to keep the dialog open as it is.
 */
export function formDialog({ id, titleKey, subject, messageKey, messageVars, message, fields = [], confirmKey = "dialog.confirm", destructive = false, focusMessage = false, busyKey = null, submit }) {
  return new Promise((resolve) => {
    const uid = `fd${++counter}`;
    const dialog = h("dialog", { id, class: "dialog form-dialog", "aria-labelledby": `${uid}-title`, "aria-describedby": `${uid}-message` });
    const { rows, alert, inputs, run } = formFields(id, fields);

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
    if (focusMessage) messageEl.tabIndex = -1;

    /** Confirm's label: `key`, kept translated (i18n.js re-translates `data-i18n`). */
    const label = (key) => { confirm.dataset.i18n = key; confirm.textContent = t(key); };
    const send = busyKey ? async (values) => {
      label(busyKey);
      cancel.disabled = true;
      form.setAttribute("aria-busy", "true");
      try {
        return await submit(values);
      } finally {
        label(confirmKey);
        cancel.disabled = false;
        form.removeAttribute("aria-busy");
      }
    } : submit;

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const sent = await run(confirm, send);
      if (sent && sent.result !== STAY_OPEN) done(sent.result ?? true);
    });

    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    const first = inputs.values().next().value;
    (focusMessage ? messageEl : destructive ? cancel : first ?? confirm).focus();
  });
}
