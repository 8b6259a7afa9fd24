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
import { formDialog, formFields } from "../form.js";
import { formatMoney, formatPhone } from "../format.js";
import { bindText, errorText, t } from "../i18n.js";
import { store } from "../store.js";

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
 * A number box that suggests the company's numbers as the user types: a `build` field of the
 * form (form.js), given the input's ids and ARIA attributes. Returns `{input, control, value(),
 * set(msisdn)}`; `onPick(msisdn)` is called when a number is chosen (or the typed one changes).
 * `value()` is the number chosen, or as typed: the core reads it by its one rule for written
 * numbers (`domain/written.rs`) and refuses anything else under this field, so "+-7701…" or
 * "7701a…" is never sent as the digits left in it.
 */
function numberPicker(ctx, attrs, onPick) {
  const listId = `${attrs.id}-list`;
  const input = h("input", {
    ...attrs, type: "text", autocomplete: "off", spellcheck: "false", role: "combobox",
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId,
    i18nPlaceholder: "transfer.number_placeholder",
  });
  const list = h("ul", { id: listId, class: "suggestions", role: "listbox", "aria-labelledby": attrs["aria-labelledby"], hidden: true });
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
    onPick(msisdn);
  };
  const suggest = async () => {
    const mine = ++seq;
    const text = input.value.trim();
    if (!text) { options = []; close(); return; }
    let rows = [];
    try {
      const w = await api.numbers_window({ company_id: store.get("companyId"), filter: { text }, offset: 0, limit: SUGGESTIONS });
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

  return { input, control: h("div", { class: "combo" }, input, list), value: () => chosen || input.value.trim() || null, set: pick };
}

/**
 * The manual's two boxes of the amount, whole tenge and tiyn (0–99), digits only: a `build`
 * field of the form. `value()` is the amount in tiyn; null when a box holds anything but digits
 * (spaces between tenge groups allowed), more than 12 digits of tenge or more than 2 of tiyn.
 * Nothing typed is dropped or changed: "12,5" or "1e3" is refused under the field, never read as
 * another amount.
 */
function amountBoxes(attrs) {
  const tenge = h("input", { ...attrs, type: "text", inputmode: "numeric", autocomplete: "off", placeholder: "0", class: "tenge" });
  const tiyn = h("input", {
    type: "text", id: `${attrs.id}-tiyn`, name: "amount_tiyn", inputmode: "numeric", autocomplete: "off", placeholder: "00",
    "aria-labelledby": `${attrs["aria-labelledby"]} transfer-tiyn-label`, "aria-describedby": attrs["aria-describedby"], class: "tiyn",
  });
  tiyn.addEventListener("blur", () => { if (tiyn.value.length === 1) tiyn.value = `0${tiyn.value}`; });
  const value = () => {
    const whole = tenge.value.replace(/[\s\u00a0]/g, "");
    const part = tiyn.value.trim();
    if (!/^\d{0,12}$/.test(whole) || !/^\d{0,2}$/.test(part)) return null;
    if (!whole && !part) return null;
    return Number(whole || "0") * 100 + Number(part || "0");
  };
  const control = h("div", { class: "amount-boxes" }, tenge, h("span", { "aria-hidden": "true", text: "," }), tiyn,
    h("span", { id: "transfer-tiyn-label", class: "visually-hidden", i18n: "transfer.tiyn" }));
  return { input: tenge, control, value, clear: () => { tenge.value = ""; tiyn.value = ""; } };
}

export function render(view, ctx, params = {}) {
  const result = h("div", { id: "transfer-result", class: "alert success", role: "status", hidden: true });
  let availableSeq = 0;
  let amount = null;

  // Money and numbers are formatted in the language shown: written again when it changes.
  const paintResult = (done) => bindText(result, () => t("transfer.done", {
    amount: formatMoney(done.amount),
    from: noWrap(formatPhone(done.from.msisdn)), from_balance: formatMoney(done.from.balance),
    to: noWrap(formatPhone(done.to.msisdn)), to_balance: formatMoney(done.to.balance),
  }));

  const showAvailable = async (msisdn) => {
    const mine = ++availableSeq;
    fields.setHint("sender", null);
    if (!msisdn) return;
    try {
      const tiyn = await api.transfer_available({ msisdn });
      if (mine !== availableSeq || !result.isConnected) return;
      fields.setHint("sender", () => t("transfer.available", { amount: formatMoney(tiyn) }));
    } catch (err) {
      if (mine === availableSeq) fields.showError("sender", () => transferErrorText(err), true);
    }
  };

  const pickers = {};
  const picker = (name, onPick) => (attrs) => {
    pickers[name] = numberPicker(ctx, attrs, (msisdn) => {
      if (msisdn) fields.clearError(name);
      onPick(msisdn);
    });
    return pickers[name];
  };
  const chosen = (v) => (v ? null : "transfer.choose_number");
  const fields = formFields("transfer", [
    { name: "sender", labelKey: "transfer.sender", class: "transfer-number", hint: true, build: picker("sender", showAvailable), check: chosen },
    { name: "recipient", labelKey: "transfer.recipient", class: "transfer-number", build: picker("recipient", () => {}), check: chosen },
    { name: "amount", labelKey: "transfer.amount", class: "transfer-amount", build: (attrs) => (amount = amountBoxes(attrs)),
      check: (v) => (v === null ? "transfer.enter_amount" : v === 0 ? "transfer.amount_zero" : null) },
  ], { errorText: transferErrorText });

  const submit = h("button", { type: "submit", class: "primary", id: "transfer-submit", "data-needs-portal": true, i18n: "transfer.submit" });
  const form = h("form", { id: "transfer-form", class: "transfer-form", novalidate: true },
    fields.rows, fields.alert, h("div", { class: "row" }, submit));

  /** Checks the transfer by the shared rule (nothing sent): the numbers as core read them (11 digits). */
  const check = async (v) => {
    const checked = await api.transfer_check({ company_id: store.get("companyId"), from: v.sender, to: v.recipient, amount_tiyn: v.amount });
    return { company_id: store.get("companyId"), from: checked.from, to: checked.to, amount_tiyn: v.amount };
  };

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    result.hidden = true;
    const sent = await fields.run(submit, check);
    if (!sent) return;
    const args = sent.result;
    // A phone number inside the sentence never breaks across lines (issue 15: it wrapped at 900 px);
    // the amount is written in the language shown, also after a switch while the dialog is open.
    const question = () => t("transfer.confirm",
      { amount: formatMoney(args.amount_tiyn), from: noWrap(formatPhone(args.from)), to: noWrap(formatPhone(args.to)) });
    const answer = await formDialog({
      id: "transfer-dialog",
      titleKey: "transfer.confirm_title",
      message: question,
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
      fields.showError(answer.error.field, () => transferErrorText(answer.error));
      return;
    }
    paintResult(answer.done);
    result.hidden = false;
    amount.clear();
    showAvailable(answer.done.from.msisdn);
  });

  view.append(h("section", { class: "transfer", id: "screen-transfer" },
    h("h1", { i18n: "transfer.title" }),
    form, result));
  ctx.applyConnection?.();
  if (params.from) {
    pickers.sender.set(params.from);
    // After the shell focused the screen (main.js `show`): the sender is given, the recipient next.
    setTimeout(() => { if (pickers.recipient.input.isConnected) pickers.recipient.input.focus(); }, 0);
  }
}
