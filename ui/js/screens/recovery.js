// Password recovery and account activation, in the portal's three steps:
// 1. the phone number; 2. the code (SMS, or e-mail for Tele2/Altel and foreign numbers), with
// "Code will be resent in: 57"; 3. the new password and its confirmation. When the account was
// never activated, step 3 says "You need to change your password to activate your account."

import { api } from "../api.js";
import { alertBox, busy, checkFields, field, h } from "../dom.js";
import { t } from "../i18n.js";

/** A code as the portal sends it, by SMS or e-mail: 6 digits. */
const CODE_FORMAT = /^\d{6}$/;

export function render(view, ctx, params = {}) {
  const card = h("section", { class: "card centered", id: "screen-recovery" });
  view.append(card);
  stepPhone(card, ctx, params.phone ?? "");
}

function header(card, subtitleKey) {
  card.replaceChildren(
    h("h1", { i18n: "recovery.title" }),
    h("p", { class: "subtitle", i18n: subtitleKey, id: "recovery-subtitle" }));
}

function stepPhone(card, ctx, phoneValue) {
  header(card, "recovery.subtitle");
  const phone = field("login.phone", { id: "recovery-phone", type: "tel", inputmode: "numeric", placeholder: "77010018576",
    value: phoneValue, required: true }, "recovery.phone_hint");
  const error = alertBox("recovery-error");
  const next = h("button", { class: "primary", type: "submit", id: "recovery-next", i18n: "recovery.next" });
  const form = h("form", { novalidate: true },
    error, phone.field,
    h("div", { class: "alert info", i18n: "recovery.email_note" }),
    h("div", { class: "row" }, next, h("button", { class: "link", type: "button", id: "recovery-back", i18n: "recovery.back",
      onclick: () => ctx.go("login") })));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(next, async () => {
      error.clear();
      if (!checkFields(error, [[phone.input, phone.input.value.trim() !== "", "check.phone_required"]])) return;
      try {
        const ticket = await api.recovery_start({ phone: phone.input.value });
        stepCode(card, ctx, { phone: phone.input.value.replace(/\D/g, ""), ticket });
      } catch (err) {
        error.showError(err);
        phone.input.focus();
      }
    });
  });
  card.append(form);
  phone.input.focus();
}

function stepCode(card, ctx, flow) {
  const sms = flow.ticket.channel === "sms";
  header(card, sms ? "recovery.code_sms" : "recovery.code_email");
  const code = field(sms ? "recovery.code_label_sms" : "recovery.code_label_email",
    { id: "recovery-code", inputmode: "numeric", autocomplete: "one-time-code", i18nPlaceholder: "recovery.code_placeholder", required: true });
  const error = alertBox("recovery-error");
  const sent = alertBox("recovery-sent");
  sent.showKey("success", sms ? "recovery.sent_sms" : "recovery.sent_email");
  const countdown = h("span", { id: "recovery-countdown", class: "hint" });
  const resend = h("button", { class: "link", type: "button", id: "recovery-resend", i18n: "recovery.resend", hidden: true });
  const next = h("button", { class: "primary", type: "submit", id: "recovery-verify", i18n: "recovery.next" });

  let timer = null;
  const startCountdown = (seconds) => {
    clearInterval(timer);
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      countdown.dataset.i18n = "recovery.resend_in";
      countdown._vars = { seconds: left };
      countdown.textContent = t("recovery.resend_in", countdown._vars);
      countdown.hidden = left === 0;
      resend.hidden = left > 0;
      if (left === 0 || !card.isConnected) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 250);
  };
  startCountdown(flow.ticket.resend_after_s);

  resend.addEventListener("click", () => busy(resend, async () => {
    error.clear();
    try {
      flow.ticket = await api.recovery_resend({ recovery_id: flow.ticket.recovery_id });
      sent.showKey("success", sms ? "recovery.sent_sms" : "recovery.sent_email");
      code.input.value = "";
      startCountdown(flow.ticket.resend_after_s);
    } catch (err) {
      error.showError(err);
      if (err.retry_after_s) startCountdown(err.retry_after_s);
    }
  }));

  const form = h("form", { novalidate: true },
    sent, error,
    h("div", { class: "field" }, code.field.firstChild,
      h("div", { class: "row" }, code.input, countdown, resend)),
    h("div", { class: "row" }, next,
      h("button", { class: "secondary", type: "button", id: "recovery-cancel", i18n: "recovery.cancel", onclick: () => {
        clearInterval(timer);
        ctx.go("login");
      } })));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(next, async () => {
      error.clear();
      sent.clear();
      // Checked here, so a slip of the keyboard never uses up one of the 3 tries.
      const typed = code.input.value.trim();
      const ready = checkFields(error, [
        [code.input, typed !== "", "check.code_required"],
        [code.input, CODE_FORMAT.test(typed), "check.code_digits"],
      ]);
      if (!ready) return;
      try {
        const verified = await api.recovery_verify({ recovery_id: flow.ticket.recovery_id, code: typed });
        clearInterval(timer);
        stepPassword(card, ctx, { ...flow, verified });
      } catch (err) {
        error.showError(err);
        code.input.select();
      }
    });
  });
  card.append(form);
  code.input.focus();
}

function stepPassword(card, ctx, flow) {
  header(card, "recovery.subtitle");
  const banner = flow.verified.activation_required
    ? h("div", { class: "alert warn", id: "recovery-activate", i18n: "recovery.activate_banner" }) : null;
  const password = field("recovery.new_password", { id: "recovery-password", type: "password", autocomplete: "new-password", required: true },
    "password.policy");
  const confirmation = field("recovery.confirm_password", { id: "recovery-confirmation", type: "password", autocomplete: "new-password", required: true });
  const error = alertBox("recovery-error");
  const submit = h("button", { class: "primary", type: "submit", id: "recovery-submit", i18n: "recovery.submit" });
  const form = h("form", { novalidate: true }, banner, error, password.field, confirmation.field, submit);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(submit, async () => {
      error.clear();
      const ready = checkFields(error, [
        [password.input, password.input.value !== "", "check.new_password_required"],
        [confirmation.input, confirmation.input.value !== "", "check.confirmation_required"],
      ]);
      if (!ready) return;
      try {
        await api.recovery_complete({
          recovery_id: flow.ticket.recovery_id,
          phone: flow.phone,
          reset_token: flow.verified.reset_token,
          password: password.input.value,
          confirmation: confirmation.input.value,
        });
        ctx.passwordChanged(flow.phone);
        ctx.go("login", { phone: flow.phone, noticeKey: "login.password_set", noticeKind: "success" });
      } catch (err) {
        error.showError(err);
        (err.code === "password_mismatch" ? confirmation.input : password.input).focus();
        if (err.code === "code_expired" || err.code === "not_allowed_in_state") {
          setTimeout(() => stepPhone(card, ctx, flow.phone), 2500);
        }
      }
    });
  });
  card.append(form);
  password.input.focus();
}
