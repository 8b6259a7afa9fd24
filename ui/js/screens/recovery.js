// Password recovery and account activation, in the portal's three steps:
// 1. the phone number; 2. the code (SMS, or e-mail for Tele2/Altel and foreign numbers), with
// "Code will be resent in: 57"; 3. the new password and its confirmation. When the account was
// never activated, step 3 says "You need to change your password to activate your account."

import { api } from "../api.js";
import { alertBox, busy, h } from "../dom.js";
import { screenForm } from "../form.js";
import { errorText, setText } from "../i18n.js";

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
  const step = screenForm({
    id: "recovery", formClass: "", needsPortal: false, submitKey: "recovery.next", submitId: "recovery-next", alertFirst: true, codeFields: { invalid_phone: "phone" },
    fields: [{ name: "phone", type: "tel", labelKey: "login.phone", hintKey: "recovery.phone_hint", value: phoneValue,
      inputProps: { inputmode: "numeric", placeholder: "77010018576" }, check: (v) => (v ? null : "check.phone_required") }],
    tail: [h("div", { class: "alert info", i18n: "recovery.email_note" })],
    buttons: [h("button", { class: "link", type: "button", id: "recovery-back", i18n: "recovery.back", onclick: () => ctx.go("login") })],
    submit: async (v) => {
      try {
        return await api.recovery_start({ phone: v.phone });
      } catch (err) {
        step.inputs.get("phone").focus();
        throw err;
      }
    },
    // The number as core read it (its one rule for written numbers), not as typed.
    onDone: (started) => stepCode(card, ctx, { phone: started.phone, ticket: started.ticket }),
  });
  card.append(step.form);
  step.inputs.get("phone").focus();
}

function stepCode(card, ctx, flow) {
  const sms = flow.ticket.channel === "sms";
  header(card, sms ? "recovery.code_sms" : "recovery.code_email");
  const sent = alertBox("recovery-sent");
  sent.showKey("success", sms ? "recovery.sent_sms" : "recovery.sent_email");
  const countdown = h("span", { id: "recovery-countdown", class: "hint" });
  const resend = h("button", { class: "link", type: "button", id: "recovery-resend", i18n: "recovery.resend", hidden: true });
  const step = screenForm({
    id: "recovery", formClass: "", needsPortal: false, submitKey: "recovery.next", submitId: "recovery-verify", lead: [sent], alertFirst: true,
    fields: [{
      name: "code", labelKey: sms ? "recovery.code_label_sms" : "recovery.code_label_email", beside: [countdown, resend],
      inputProps: { inputmode: "numeric", autocomplete: "one-time-code", i18nPlaceholder: "recovery.code_placeholder" },
      // Checked here, so a slip of the keyboard never uses up one of the 3 tries.
      check: (v) => (v === "" ? "check.code_required" : CODE_FORMAT.test(v) ? null : "check.code_digits"),
    }],
    buttons: [h("button", { class: "secondary", type: "button", id: "recovery-cancel", i18n: "recovery.cancel", onclick: () => {
      clearInterval(timer);
      ctx.go("login");
    } })],
    submit: async (v) => {
      sent.clear();
      try {
        return await api.recovery_verify({ recovery_id: flow.ticket.recovery_id, code: v.code });
      } catch (err) {
        code.select();
        throw err;
      }
    },
    onDone: (verified) => {
      clearInterval(timer);
      stepPassword(card, ctx, { ...flow, verified });
    },
  });
  const code = step.inputs.get("code");

  let timer = null;
  const startCountdown = (seconds) => {
    clearInterval(timer);
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setText(countdown, "recovery.resend_in", { seconds: left });
      countdown.hidden = left === 0;
      resend.hidden = left > 0;
      if (left === 0 || !card.isConnected) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 250);
  };
  startCountdown(flow.ticket.resend_after_s);

  resend.addEventListener("click", () => busy(resend, async () => {
    step.clearErrors();
    try {
      flow.ticket = await api.recovery_resend({ recovery_id: flow.ticket.recovery_id });
      sent.showKey("success", sms ? "recovery.sent_sms" : "recovery.sent_email");
      code.value = "";
      startCountdown(flow.ticket.resend_after_s);
    } catch (err) {
      step.showError(null, () => errorText(err));
      if (err.retry_after_s) startCountdown(err.retry_after_s);
    }
  }));

  card.append(step.form);
  code.focus();
}

function stepPassword(card, ctx, flow) {
  header(card, "recovery.subtitle");
  const banner = flow.verified.activation_required
    ? h("div", { class: "alert warn", id: "recovery-activate", i18n: "recovery.activate_banner" }) : null;
  const step = screenForm({
    id: "recovery", formClass: "", needsPortal: false, submitKey: "recovery.submit", lead: [banner], alertFirst: true,
    codeFields: { weak_password: "password", password_mismatch: "confirmation" },
    fields: [
      { name: "password", type: "password", labelKey: "recovery.new_password", hintKey: "password.policy",
        inputProps: { autocomplete: "new-password" }, check: (v) => (v ? null : "check.new_password_required") },
      { name: "confirmation", type: "password", labelKey: "recovery.confirm_password",
        inputProps: { autocomplete: "new-password" }, check: (v) => (v ? null : "check.confirmation_required") },
    ],
    submit: async (v) => {
      try {
        return await api.recovery_complete({
          recovery_id: flow.ticket.recovery_id,
          phone: flow.phone,
          reset_token: flow.verified.reset_token,
          password: v.password,
          confirmation: v.confirmation,
        });
      } catch (err) {
        step.inputs.get(err.code === "password_mismatch" ? "confirmation" : "password").focus();
        if (err.code === "code_expired" || err.code === "not_allowed_in_state") {
          setTimeout(() => stepPhone(card, ctx, flow.phone), 2500);
        }
        throw err;
      }
    },
    onDone: () => {
      ctx.passwordChanged(flow.phone);
      ctx.go("login", { phone: flow.phone, noticeKey: "login.password_set", noticeKind: "success" });
    },
  });
  card.append(step.form);
  step.inputs.get("password").focus();
}
