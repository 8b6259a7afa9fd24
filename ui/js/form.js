// The ONE way to build a form: every field with its label, hint, check and error, for the
// dialogs (`formDialog`, also the plain "Are you sure?" questions), the forms drawn on a screen
// (`screenForm`: sign-in, recovery, profile, settings, usage, the reports' tabs) and the
// transfer form (its number pickers and amount boxes are `build` fields). Why one: three ways
// had grown (a checker writing into an alert box, this one, and the transfer form by hand),
// each marking errors differently. Here, for every form alike:
// - each field has its label (`aria-labelledby`), its hint and its error (`aria-describedby`);
//   a field that fails is marked `aria-invalid` and focused, with the error under it;
// - checks run before anything is sent, every wrong field marked at once; an error of the
//   portal that names a field (`field`) is shown under that field, any other in the form's
//   alert, translated (its `reason`);
// - what is shown (errors, hints, the alert) is bound to its element as a key or a function
//   (i18n.js `bindText`), so a language change writes it again in the new language;
// - the submit button is disabled while the action runs, so it is sent once;
// - a `live` field is checked as soon as the user leaves it (its error shown, not focused), so
//   a date out of the allowed period is refused as it is typed.
//
// A field: `{name, labelKey, hintKey?, hint?: true (a hint the screen writes, `setHint`), id?
// (the input's id; `<form id>-<name>` by default), type?: "text" | "password" | "email" | "tel"
// | "url" | "checkbox" | "select" | "date" | "radio", options?: [{value, key} | {value, text}],
// value?, inputProps?, live?, labelExtra? (a node beside the label), beside? (nodes beside the
// input), build?: (attrs) => {input, control, value()} (an input of its own, given the ids and
// ARIA attributes to put on it), check?: (value, values) => answer | null}`. An answer is a text
// key, `{key, vars}`, a list of them (a reason, then the rule) or a function giving the text. A
// date field (dom.js `dateInput`) takes and gives yyyy-mm-dd (the typed text when it is no
// date). A radio field is the manual's choice shown side by side ("On screen  XLS file"): its
// options are the labels, its `labelKey` names the group for screen readers only; each option's
// input is `<input id>-<value>`, the first one checked unless `value` says.
//
// Portal data only ever lands in textContent (dom.js `h`).

import { dateInput, h } from "./dom.js";
import { bindText, clearText, errorText, setText, t } from "./i18n.js";

/** An answer as text, in the language shown now. */
const textOf = (answer) => {
  if (typeof answer === "function") return answer();
  if (Array.isArray(answer)) return answer.map(textOf).join(" ");
  return typeof answer === "string" ? t(answer) : t(answer.key, answer.vars);
};

/** Writes `answer` into `el`, and again in each language chosen later. */
const show = (el, answer) => bindText(el, () => textOf(answer));

/**
 * The options of a radio field, side by side, in a group that reads and sets its value like an
 * input (`value`, `focus()`), so the form treats it as one field.
 */
function radioGroup(attrs, f) {
  const group = h("div", { ...attrs, role: "radiogroup", class: "choice" });
  const radios = (f.options ?? []).map((o, i) => {
    const radio = h("input", { type: "radio", id: `${attrs.id}-${o.value}`, name: attrs.name, value: o.value, checked: i === 0 });
    group.append(h("label", { class: "choice-option" }, radio, h("span", { i18n: o.key, text: o.text })));
    return radio;
  });
  Object.defineProperty(group, "value", {
    get: () => radios.find((r) => r.checked)?.value ?? "",
    set: (v) => radios.forEach((r) => { r.checked = r.value === String(v); }),
  });
  group.focus = () => (radios.find((r) => r.checked) ?? radios[0])?.focus();
  return group;
}

/** The input of field `f`: `{input, control (what is placed), value()}`. */
function control(f, attrs) {
  if (f.build) return f.build(attrs);
  const plain = (input) => ({ input, control: input, value: () => input.value.trim() });
  if (f.type === "select") {
    return plain(h("select", attrs, (f.options ?? []).map((o) => h("option", { value: o.value, i18n: o.key, text: o.text }))));
  }
  if (f.type === "checkbox") {
    const input = h("input", { ...attrs, type: "checkbox" });
    return { input, control: input, value: () => input.checked };
  }
  if (f.type === "date") {
    const input = dateInput(attrs);
    return { input, control: input, value: () => input.isoValue() ?? input.value.trim() };
  }
  if (f.type === "radio") return plain(radioGroup(attrs, f));
  if (f.type === "password") {
    // A password is taken as typed: spaces are part of it.
    const input = h("input", { type: "password", ...attrs });
    return { input, control: input, value: () => input.value };
  }
  return plain(h("input", { type: f.type ?? "text", autocomplete: "off", ...attrs }));
}

/**
 * Builds the fields of form `id`. Returns `{rows, alert, inputs, values(), clearErrors(),
 * clearError(name), showError(name, answer, quiet), say(kind, answer), setHint(name, answer), check(),
 * run(submitButton, submit)}`: `check` marks every wrong field and gives the values, or null;
 * `run` checks, then calls `submit(values)` with the button disabled, showing a rejection by
 * its field. `options.errorText(err)` words the portal's errors (default: i18n.js's);
 * `options.alertId` names the alert (default `<id>-error`); `options.codeFields` names the
 * field of an error that names none, by its code (`{invalid_email: "email"}`).
 */
export function formFields(id, fields, options = {}) {
  const wordError = options.errorText ?? errorText;
  const alert = h("div", { id: options.alertId ?? `${id}-error`, class: "alert error", role: "alert", hidden: true });
  const inputs = new Map();
  const readers = new Map();
  const errors = new Map();
  const hints = new Map();

  const rows = fields.map((f) => {
    const inputId = f.id ?? `${id}-${f.name}`;
    const labelId = `${inputId}-label`;
    const errorId = `${inputId}-error`;
    const hintId = f.hintKey || f.hint ? `${inputId}-hint` : null;
    const attrs = {
      id: inputId, name: f.name, "aria-labelledby": labelId,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" "), ...(f.inputProps ?? {}),
    };
    const { input, control: placed, value } = control(f, attrs);
    if (f.value !== undefined && !f.build) {
      if (f.type === "checkbox") input.checked = Boolean(f.value);
      else if (f.type === "date") input.setIso(f.value);
      else input.value = f.value;
    }
    const error = h("div", { id: errorId, class: "field-error", hidden: true });
    inputs.set(f.name, input);
    readers.set(f.name, value);
    errors.set(f.name, error);
    const hint = hintId ? h("span", { id: hintId, class: "hint", i18n: f.hintKey, "aria-live": f.hint ? "polite" : undefined }) : null;
    if (hint) hints.set(f.name, hint);
    const label = h("label", { id: labelId, for: inputId, i18n: f.labelKey });
    const box = f.beside ? h("div", { class: "row" }, placed, f.beside) : placed;
    if (f.type === "checkbox") return h("div", { class: "field check" }, h("div", { class: "row" }, input, label), hint, error);
    if (f.type === "radio") {
      const name = h("span", { id: labelId, class: "visually-hidden", i18n: f.labelKey });
      return h("div", { class: "field choice-field" }, name, placed, hint, error);
    }
    const head = f.labelExtra ? h("div", { class: "row" }, label, h("span", { class: "spacer" }), f.labelExtra) : label;
    return h("div", { class: `field ${f.class ?? ""}`.trim() }, head, box, hint, error);
  });

  const values = () => Object.fromEntries(fields.map((f) => [f.name, readers.get(f.name)()]));

  const hideError = (name) => {
    inputs.get(name).removeAttribute("aria-invalid");
    errors.get(name).hidden = true;
    clearText(errors.get(name));
  };
  const clearErrors = () => {
    alert.hidden = true;
    clearText(alert);
    for (const name of inputs.keys()) hideError(name);
  };

  /** Says `answer` in the form's alert, as `kind` ("error", "success", "info"). */
  const say = (kind, answer) => {
    alert.className = `alert ${kind}`;
    show(alert, answer);
    alert.hidden = false;
  };

  /** Shows an error under its field (focused unless `quiet`), or in the alert. */
  const showError = (name, answer, quiet = false) => {
    const input = inputs.get(name);
    if (!input) { say("error", answer); return; }
    input.setAttribute("aria-invalid", "true");
    const error = errors.get(name);
    show(error, answer);
    error.hidden = false;
    if (!quiet) input.focus();
  };

  /** Writes the hint of a `hint: true` field (null empties it). */
  const setHint = (name, answer) => {
    const hint = hints.get(name);
    if (answer === null) clearText(hint);
    else show(hint, answer);
  };

  for (const f of fields.filter((f) => f.live && f.check)) {
    inputs.get(f.name).addEventListener("change", () => {
      hideError(f.name);
      const v = values();
      const answer = f.check(v[f.name], v);
      if (answer) showError(f.name, answer, true);
    });
  }

  /** Marks every wrong field (the first focused); the values when none is wrong, else null. */
  const check = () => {
    clearErrors();
    const v = values();
    const wrong = fields.map((f) => [f, f.check?.(v[f.name], v)]).filter(([, answer]) => answer);
    wrong.forEach(([f, answer], i) => showError(f.name, answer, i > 0));
    return wrong.length ? null : v;
  };

  /** Checks every field, then sends; resolves `{result}`, or undefined when not sent or refused. */
  const run = async (button, submit) => {
    if (button.disabled) return undefined;
    const v = check();
    if (!v) return undefined;
    button.disabled = true;
    try {
      return { result: await submit(v) };
    } catch (err) {
      showError(err?.field ?? options.codeFields?.[err?.code], () => wordError(err));
      return undefined;
    } finally {
      button.disabled = false;
    }
  };

  return { rows, alert, inputs, values, clearErrors, clearError: hideError, showError, say, setHint, check, run };
}

/**
 * A form drawn on a screen (not a dialog): `lead` nodes, the alert (first when `alertFirst`),
 * the fields, `tail` nodes, then the submit button and the `buttons` beside it. `submit(values)`
 * sends (a rejection is shown by its field); its result goes to `onDone(result)`. The form's
 * id is `formId` (default `id`), its button's `submitId` (default `<id>-submit`); other options
 * go to `formFields`.
 */
export function screenForm({ id, formId, formClass = "inline-form", fields, submitKey, submitId, submitClass = "primary", submit, onDone,
  needsPortal = true, lead = [], tail = [], buttons = [], alertFirst = false, ...options }) {
  const f = formFields(id, fields, options);
  const button = h("button", { type: "submit", class: submitClass, id: submitId ?? `${id}-submit`, i18n: submitKey, ...(needsPortal ? { "data-needs-portal": true } : {}) });
  const form = h("form", { id: formId ?? id, class: formClass, novalidate: true },
    lead, alertFirst ? f.alert : null, f.rows, tail, alertFirst ? null : f.alert, h("div", { class: "row" }, button, buttons));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const sent = await f.run(button, submit);
    if (sent) onDone?.(sent.result);
  });
  return { form, button, ...f };
}

/**
 * What `submit` resolves to when the dialog should stay open without an error: a step it
 * opened on top (a confirmation) was cancelled, so the user is back where they were.
 */
export const STAY_OPEN = Symbol("stay open");

/**
 * The one dialog for anything that asks before it acts: a title, what it is about (the number),
 * the manual's question or explanation, optional fields, and Confirm / Cancel. It stays open
 * while the action runs (Confirm disabled, so it is sent once) and until it succeeds or the
 * user cancels (Cancel, Escape); the focus starts on the first field, or on Cancel when the
 * action is destructive, or on the question itself when no Enter may act on it. Resolves the
 * action's result once it succeeded (true when there is no `submit`), or null when cancelled.
 * - `id`: the dialog's element id; its parts are `<id>-title`, `-message`, `-confirm`, `-cancel`;
 * - `titleKey`; `subject`: plain text under the title (a number), optional;
 * - `messageKey` + `messageVars`, or `message` (plain text, or a function giving it in the
 *   language shown, for a question with figures): the question or explanation;
 * - `fields`: as `formFields` takes them; `confirmKey`, `destructive`;
 * - `focusMessage`: the focus starts on the question itself, where Enter does nothing, so an
 *   Enter pressed again after the one that opened the dialog neither confirms nor closes it
 *   (whenever it lands); Confirm and Cancel take a click, or Tab then Enter; Escape cancels;
 * - `busyKey`: while `submit` runs, Confirm says this text ("Sending…") and Cancel waits too, so
 *   a slow answer is seen as awaited and its result is not lost by closing the dialog;
 * - `submit(values)`: sends the action (rejects with the portal's `{code, message, field?}`), or
 *   resolves `STAY_OPEN` to keep the dialog open as it is.
 */
export function formDialog({ id, titleKey, subject, messageKey, messageVars, message, fields = [], confirmKey = "dialog.confirm",
  destructive = false, focusMessage = false, busyKey = null, errorText: wordError, submit = async () => true }) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { id, class: "dialog form-dialog", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-message` });
    const { rows, alert, inputs, run } = formFields(id, fields, { errorText: wordError });

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

    const messageEl = h("p", { id: `${id}-message`, class: "message", text: typeof message === "string" ? message : "" });
    if (messageKey) setText(messageEl, messageKey, messageVars);
    else if (typeof message === "function") bindText(messageEl, message);
    if (!messageEl.textContent) messageEl.hidden = true;
    if (focusMessage) messageEl.tabIndex = -1;
    const form = h("form", { method: "dialog", novalidate: true },
      h("h2", { id: `${id}-title`, i18n: titleKey }),
      subject ? h("p", { class: "subject", id: `${id}-subject`, text: subject }) : null,
      messageEl,
      rows,
      alert,
      h("div", { class: "row" }, confirm, cancel));

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
