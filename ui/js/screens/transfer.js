// "Balance transfer" (manual): the third main tab. Sender and Recipient are chosen from the
// company's CACHED list, searched as the user types (the list's own search, `numbers_window`),
// with a small suggestion list (↑/↓ move, Enter picks, Esc closes); the amount is the manual's
// two boxes, tenge and tiyn. Under the sender: what it can give (`transfer_available`, by the
// shared rule over its cached figures). "Transfer balance" checks the transfer by the shared rule
// (`transfer_check`, nothing sent), asks in the confirmation dialog, then sends it as one intent
// (`transfer_send`, "Sending…" while the portal is awaited); an error that names `sender`,
// `recipient` or `amount` is shown under that field, and a done transfer says both numbers' new
// balances. A sender that may not give (not Active) is said so under it, with the rule.
//
// Reached from the tab, or from a number's "…" menu with that number as the sender
// (`ctx.go("transfer", {from})`).

import { api } from "../api.js";
import { h, mount, noWrap } from "../dom.js";
import { formDialog } from "../form_dialog.js";
import { formatMoney, formatPhone } from "../format.js";
import { errorText, t } from "../i18n.js";

/** Shows one company's numbers: switching company starts again (see main.js). */
export const belongsToCompany = true;

const SUGGESTIONS = 8;
const FIELDS = ["sender", "recipient", "amount"];

/** An error as the user reads it; the amount the sender can give formatted as money. */
function transferErrorText(err) {
  if (err?.params?.available !== undefined) {
    return errorText({ ...err, params: { ...err.params, available: formatMoney(err.params.available) } });
  }
  return errorText(err);
}

/**
 * A number box that suggests the company's numbers as the user types. Returns `{field, input,
 * error, msisdn(), set(msisdn), showError(text), clearError()}` (`text` a function, so the error
 * is written again in a new language); `onPick(msisdn)` is called when a
 * number is chosen (or the typed one changes).
 */
function numberPicker(ctx, name, labelKey, onPick) {
  const id = `transfer-${name}`;
  const listId = `${id}-list`;
  const input = h("input", {
    type: "text", id, name, autocomplete: "off", spellcheck: "false", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId,
    "aria-labelledby": `${id}-label`, "aria-describedby": `${id}-hint ${id}-error`,
    i18nPlaceholder: "transfer.number_placeholder",
  });
  const list = h("ul", { id: listId, class: "suggestions", role: "listbox", "aria-labelledby": `${id}-label`, hidden: true });
  const hint = h("span", { id: `${id}-hint`, class: "hint", "aria-live": "polite" });
  const error = h("div", { id: `${id}-error`, class: "field-error", hidden: true });
  let chosen = null;
  let options = [];
  let active = -1;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    options.forEach((o, j) => o.el.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", options[i].el.id);
      options[i].el.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const pick = (msisdn) => {
    chosen = msisdn;
    input.value = formatPhone(msisdn);
    close();
    clearError();
    onPick(msisdn);
  };
  const suggest = async () => {
    const mine = ++seq;
    const text = input.value.trim();
    if (!text) { options = []; close(); return; }
    let rows = [];
    try {
      const w = await api.numbers_window({ company_id: ctx.companyId, filter: { text }, offset: 0, limit: SUGGESTIONS });
      rows = w.rows;
    } catch {
      rows = [];
    }
    if (mine !== seq || !input.isConnected) return;
    options = rows.map((n, i) => ({
      msisdn: n.msisdn,
      el: h("li", {
        id: `${listId}-${i}`, role: "option", "aria-selected": "false", "data-msisdn": n.msisdn,
        // mousedown, not click: the input keeps its focus (no blur closes the list first).
        onmousedown: (e) => { e.preventDefault(); pick(n.msisdn); },
      }, h("span", { class: "nowrap", text: formatPhone(n.msisdn) }), " ",
      h("span", { class: "hint", i18n: `state.${n.state}` })),
    }));
    mount(list, options.map((o) => o.el));
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    highlight(options.length ? 0 : -1);
  };

  input.addEventListener("input", () => {
    if (chosen !== null) { chosen = null; onPick(null); }
    suggest();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { suggest(); e.preventDefault(); return; }
      e.preventDefault();
      const n = options.length;
      if (n) highlight((active + (e.key === "ArrowDown" ? 1 : -1) + n) % n);
    } else if (e.key === "Enter" && !list.hidden && active >= 0) {
      e.preventDefault();
      pick(options[active].msisdn);
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  input.addEventListener("blur", close);

  const showError = (text, quiet = false) => {
    input.setAttribute("aria-invalid", "true");
    error._text = text;
    error.textContent = text();
    error.hidden = false;
    if (!quiet) input.focus();
  };
  function clearError() {
    input.removeAttribute("aria-invalid");
    error.hidden = true;
  }

  /** The number chosen, or as typed: the core reads it by its one rule for written numbers
   * (`domain/written.rs`) and refuses anything else under this field, so "+-7701…" or "7701a…"
   * is never sent as the digits left in it. */
  const msisdn = () => chosen || input.value.trim() || null;

  const field = h("div", { class: "field transfer-number" },
    h("label", { id: `${id}-label`, for: id, i18n: labelKey }),
    h("div", { class: "combo" }, input, list),
    hint, error);
  return { field, input, hint, error, msisdn, set: pick, showError, clearError };
}

export function render(view, ctx, params = {}) {
  const result = h("div", { id: "transfer-result", class: "alert success", role: "status", hidden: true });
  const alert = h("div", { id: "transfer-error", class: "alert error", role: "alert", hidden: true });
  let availableSeq = 0;

  // Money is formatted in the language shown: painted again when it changes.
  const paintAvailable = () => {
    sender.hint._vars = { amount: formatMoney(sender.hint._tiyn) };
    sender.hint.textContent = t("transfer.available", sender.hint._vars);
  };
  const paintResult = () => {
    const done = result._done;
    result._vars = {
      amount: formatMoney(done.amount),
      from: noWrap(formatPhone(done.from.msisdn)), from_balance: formatMoney(done.from.balance),
      to: noWrap(formatPhone(done.to.msisdn)), to_balance: formatMoney(done.to.balance),
    };
    result.textContent = t("transfer.done", result._vars);
  };
  const onLang = () => {
    if (!result.isConnected) {
      document.removeEventListener("kabinet-langchange", onLang);
      return;
    }
    if (sender.hint.dataset.i18n) paintAvailable();
    if (result._done) paintResult();
    for (const el of [sender.error, recipient.error, amountError, alert]) {
      if (!el.hidden && el._text) el.textContent = el._text();
    }
  };
  document.addEventListener("kabinet-langchange", onLang);

  const showAvailable = async (msisdn) => {
    const mine = ++availableSeq;
    delete sender.hint.dataset.i18n;
    sender.hint.textContent = "";
    if (!msisdn) return;
    try {
      const tiyn = await api.transfer_available({ msisdn });
      if (mine !== availableSeq || !result.isConnected) return;
      sender.hint.dataset.i18n = "transfer.available";
      sender.hint._tiyn = tiyn;
      paintAvailable();
    } catch (err) {
      if (mine === availableSeq) sender.showError(() => transferErrorText(err), true);
    }
  };

  const sender = numberPicker(ctx, "sender", "transfer.sender", (m) => showAvailable(m));
  const recipient = numberPicker(ctx, "recipient", "transfer.recipient", () => {});

  // The manual's two boxes: whole tenge, and tiyn (0–99), digits only.
  const tenge = h("input", {
    type: "text", id: "transfer-amount", name: "amount", inputmode: "numeric", autocomplete: "off",
    placeholder: "0", "aria-labelledby": "transfer-amount-label", "aria-describedby": "transfer-amount-error", class: "tenge",
  });
  const tiyn = h("input", {
    type: "text", id: "transfer-amount-tiyn", name: "amount_tiyn", inputmode: "numeric", autocomplete: "off",
    placeholder: "00", "aria-labelledby": "transfer-amount-label transfer-tiyn-label", "aria-describedby": "transfer-amount-error", class: "tiyn",
  });
  // Nothing typed is dropped or changed: "12,5" or "1e3" is refused under the field, never read
  // as another amount.
  tiyn.addEventListener("blur", () => { if (tiyn.value.length === 1) tiyn.value = `0${tiyn.value}`; });
  const amountError = h("div", { id: "transfer-amount-error", class: "field-error", hidden: true });
  const amountField = h("div", { class: "field transfer-amount" },
    h("label", { id: "transfer-amount-label", for: "transfer-amount", i18n: "transfer.amount" }),
    h("div", { class: "amount-boxes" }, tenge, h("span", { "aria-hidden": "true", text: "," }), tiyn,
      h("span", { id: "transfer-tiyn-label", class: "visually-hidden", i18n: "transfer.tiyn" })),
    amountError);

  /** The amount in tiyn; null when a box holds anything but digits (spaces between tenge
   * groups allowed), more than 12 digits of tenge or more than 2 of tiyn. */
  const amountTiyn = () => {
    const whole = tenge.value.replace(/[\s\u00a0]/g, "");
    const part = tiyn.value.trim();
    if (!/^\d{0,12}$/.test(whole) || !/^\d{0,2}$/.test(part)) return null;
    if (!whole && !part) return null;
    return Number(whole || "0") * 100 + Number(part || "0");
  };

  const showError = (name, text, quiet = false) => {
    if (name === "sender") sender.showError(text, quiet);
    else if (name === "recipient") recipient.showError(text, quiet);
    else if (name === "amount") {
      tenge.setAttribute("aria-invalid", "true");
      amountError._text = text;
      amountError.textContent = text();
      amountError.hidden = false;
      if (!quiet) tenge.focus();
    } else {
      alert._text = text;
      alert.textContent = text();
      alert.hidden = false;
    }
  };
  const clearErrors = () => {
    sender.clearError();
    recipient.clearError();
    tenge.removeAttribute("aria-invalid");
    amountError.hidden = true;
    alert.hidden = true;
  };

  const submit = h("button", { type: "submit", class: "primary", id: "transfer-submit", "data-needs-portal": true, i18n: "transfer.submit" });
  const form = h("form", { id: "transfer-form", class: "transfer-form", novalidate: true },
    sender.field, recipient.field, amountField, alert, h("div", { class: "row" }, submit));

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    result.hidden = true;
    const v = { from: sender.msisdn(), to: recipient.msisdn(), amount: amountTiyn() };
    const wrong = [
      ["sender", v.from ? null : "transfer.choose_number"],
      ["recipient", v.to ? null : "transfer.choose_number"],
      ["amount", v.amount === null ? "transfer.enter_amount" : v.amount === 0 ? "transfer.amount_zero" : null],
    ].filter(([, key]) => key);
    wrong.forEach(([name, key], i) => showError(name, () => t(key), i > 0));
    if (wrong.length) return;
    const args = { company_id: ctx.companyId, from: v.from, to: v.to, amount_tiyn: v.amount };
    submit.disabled = true;
    try {
      // The numbers as the core read them (11 digits), shown and sent from here on.
      const checked = await api.transfer_check(args);
      Object.assign(v, { from: checked.from, to: checked.to });
      Object.assign(args, { from: checked.from, to: checked.to });
    } catch (err) {
      showError(err?.field, () => transferErrorText(err));
      return;
    } finally {
      submit.disabled = false;
    }
    // A phone number inside the sentence never breaks across lines (issue 15: it wrapped at 900 px).
    const vars = { amount: formatMoney(v.amount), from: noWrap(formatPhone(v.from)), to: noWrap(formatPhone(v.to)) };
    const answer = await formDialog({
      id: "transfer-dialog",
      titleKey: "transfer.confirm_title",
      messageKey: "transfer.confirm",
      messageVars: vars,
      confirmKey: "transfer.confirm_button",
      destructive: true,
      // Money leaves a number. One behaviour for a second Enter, whenever it lands (before the
      // dialog opened, while the check ran, or after): it does nothing. The confirmation opens
      // on its question, where Enter neither confirms (money would move unread) nor closes it
      // (the user would not know why nothing happened); a click, or Tab then Enter, chooses.
      focusMessage: true,
      // The portal may be slow: Confirm says "Sending…" until its answer is here.
      busyKey: "transfer.sending",
      // An error about a field of the screen closes the dialog and is shown under that field;
      // any other stays in the dialog (a retry sends the same intent, with the same key).
      submit: async () => {
        try {
          return { done: await api.transfer_send(args) };
        } catch (err) {
          if (FIELDS.includes(err?.field)) return { error: err };
          throw err;
        }
      },
    });
    if (!answer || !result.isConnected) return;
    if (answer.error) {
      showError(answer.error.field, () => transferErrorText(answer.error));
      return;
    }
    const done = answer.done;
    result._done = done;
    result.dataset.i18n = "transfer.done";
    paintResult();
    result.hidden = false;
    tenge.value = "";
    tiyn.value = "";
    showAvailable(done.from.msisdn);
  });

  view.append(h("section", { class: "transfer", id: "screen-transfer" },
    h("h1", { i18n: "transfer.title" }),
    form, result));
  ctx.applyConnection?.();
  if (params.from) {
    sender.set(params.from);
    // After the shell focused the screen (main.js `show`): the sender is given, the recipient next.
    setTimeout(() => { if (recipient.input.isConnected) recipient.input.focus(); }, 0);
  }
}
