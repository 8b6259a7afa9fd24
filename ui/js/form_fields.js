// The fields of a form that asks before it acts, with their checks and errors, in one place for
// the dialog (form_dialog.js) and the forms drawn on a screen (a report's tab):
// - each field has its label (`aria-labelledby`), its hint and its error (`aria-describedby`);
//   a field that fails is marked `aria-invalid` and focused, with the error under it;
// - checks run before anything is sent, every wrong field marked at once; an error of the
//   portal that names a field (`field`) is shown under that field, any other in the form's
//   alert, translated (its `reason`);
// - the submit button is disabled while the action runs, so it is sent once;
// - a `live` field is checked as soon as the user leaves it (its error shown, not focused), so
//   a date out of the allowed period is refused as it is typed.
//
// A field: `{name, labelKey, hintKey?, type?: "text" | "checkbox" | "select" | "date" | "radio",
// options?: [{value, key} | {value, text}], value?, inputProps?, live?, check?: (value, values) =>
// errorKey | {key, vars} | [several, said in turn] | null}`; a date field (dom.js `dateInput`) takes and gives yyyy-mm-dd
// (the typed text when it is no date). A radio field is the manual's choice shown side by side
// ("On screen  XLS file"): its options are the labels, its `labelKey` names the group for
// screen readers only; each option's input is `<form id>-<name>-<value>`, the first one checked
// unless `value` says. Portal data only ever lands in textContent (dom.js `h`).

import { dateInput, h } from "./dom.js";
import { errorText, t } from "./i18n.js";

/**
 * The options of a radio field, side by side, in a group that reads and sets its value like an
 * input (`value`, `focus()`), so the form treats it as one field.
 */
function radioGroup(common, f) {
  const group = h("div", { id: common.id, role: "radiogroup", class: "choice", "aria-labelledby": common["aria-labelledby"], "aria-describedby": common["aria-describedby"] });
  const radios = (f.options ?? []).map((o, i) => {
    const radio = h("input", { type: "radio", id: `${common.id}-${o.value}`, name: common.name, value: o.value, checked: i === 0 });
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

/** A check's answer as text: a key, `{key, vars}`, or a list of them (a reason, then the rule). */
const checkText = (answer) => {
  if (Array.isArray(answer)) return answer.map(checkText).join(" ");
  return typeof answer === "string" ? t(answer) : t(answer.key, answer.vars);
};

/**
 * Builds the fields of form `id`. Returns `{rows, alert, inputs, values(), clearErrors(),
 * showError(name, text, quiet), run(submitButton, submit)}`; `run` checks every field, then
 * calls `submit(values)` with the button disabled, showing a rejection by its field.
 */
export function formFields(id, fields) {
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
      input = h("select", common, (f.options ?? []).map((o) => h("option", { value: o.value, i18n: o.key, text: o.text })));
    } else if (f.type === "checkbox") {
      input = h("input", { ...common, type: "checkbox" });
    } else if (f.type === "date") {
      input = dateInput(common);
    } else if (f.type === "radio") {
      input = radioGroup(common, f);
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
    if (f.type === "radio") {
      const name = h("span", { id: labelId, class: "visually-hidden", i18n: f.labelKey });
      return h("div", { class: "field choice-field" }, name, input, hint, error);
    }
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

  /** Checks every field, then sends; resolves what `submit` resolved, or undefined when not sent or refused. */
  const run = async (button, submit) => {
    if (button.disabled) return undefined;
    clearErrors();
    const v = values();
    const wrong = fields.map((f) => [f, f.check?.(v[f.name], v)]).filter(([, answer]) => answer);
    wrong.forEach(([f, answer], i) => showError(f.name, checkText(answer), i > 0));
    if (wrong.length) return undefined;
    button.disabled = true;
    try {
      return { result: await submit(v) };
    } catch (err) {
      showError(err?.field, errorText(err));
      return undefined;
    } finally {
      button.disabled = false;
    }
  };

  return { rows, alert, inputs, values, clearErrors, showError, run };
}

/**
 * A form drawn on a screen (not a dialog): the fields, then the submit button and whatever
 * `extra` buttons. `submit(values)` sends; its result goes to `onDone(result)`.
 */
export function inlineForm({ id, fields, submitKey, submit, onDone, needsPortal = true }) {
  const f = formFields(id, fields);
  const button = h("button", { type: "submit", class: "primary", id: `${id}-submit`, i18n: submitKey, ...(needsPortal ? { "data-needs-portal": true } : {}) });
  const form = h("form", { id, class: "inline-form", novalidate: true }, f.rows, f.alert, h("div", { class: "row" }, button));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const sent = await f.run(button, submit);
    if (sent) onDone?.(sent.result);
  });
  return { form, ...f };
}
