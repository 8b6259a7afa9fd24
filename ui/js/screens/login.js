// Login: phone number and password, "Forgot password?", remember me, and the demo login.

import { api } from "../api.js";
import { alertBox, busy, checkFields, field, h } from "../dom.js";
import { t } from "../i18n.js";

export function render(view, ctx, params = {}) {
  const phone = field("login.phone", { id: "login-phone", type: "tel", autocomplete: "username", inputmode: "numeric",
    placeholder: "77010016515", value: params.phone ?? "", required: true }, "login.phone_hint");
  const password = field("login.password", { id: "login-password", type: "password", autocomplete: "current-password", required: true });
  const remember = h("input", { id: "login-remember", type: "checkbox" });
  const error = alertBox("login-error");
  const notice = alertBox("login-notice");
  if (params.noticeKey) notice.showKey(params.noticeKind ?? "info", params.noticeKey);
  const submit = h("button", { class: "primary", type: "submit", id: "login-submit", i18n: "login.submit" });
  const activate = h("button", { class: "link", type: "button", id: "login-activate", i18n: "login.activate", hidden: true,
    onclick: () => ctx.go("recovery", { phone: phone.input.value }) });

  const demo = ctx.demoLogin();
  // After the demo administrator's password was changed here, the hint no longer offers the old one.
  const hintKey = demo?.password ? "demo.hint" : "demo.hint_changed";
  const demoBox = demo ? h("div", { class: "alert warn", id: "demo-login" },
    h("span", { "data-i18n": hintKey, text: t(hintKey, demo) }),
    " ",
    h("button", { class: "link", type: "button", id: "demo-fill", i18n: "demo.fill", onclick: () => {
      error.clear();
      notice.clear();
      activate.hidden = true;
      phone.input.value = demo.phone;
      password.input.value = demo.password ?? "";
      (demo.password ? submit : password.input).focus();
    } })) : null;
  if (demoBox) demoBox.firstChild._vars = demo;

  const form = h("form", { id: "login-form", novalidate: true },
    notice, error, phone.field,
    h("div", { class: "field" },
      h("div", { class: "row" },
        h("label", { for: "login-password", class: "label", i18n: "login.password" }),
        h("span", { class: "spacer" }),
        h("button", { class: "link", type: "button", id: "login-forgot", i18n: "login.forgot",
          onclick: () => ctx.go("recovery", { phone: phone.input.value }) })),
      password.input),
    h("label", { class: "check" }, remember, h("span", { i18n: "login.remember" })),
    h("div", { class: "row" }, submit, activate),
    h("p", { class: "hint", i18n: "login.first_time" }));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(submit, async () => {
      error.clear();
      notice.clear();
      activate.hidden = true;
      const ready = checkFields(error, [
        [phone.input, phone.input.value.trim() !== "", "check.phone_required"],
        [password.input, password.input.value !== "", "check.password_required"],
      ]);
      if (!ready) return;
      try {
        const signedIn = await api.login({ phone: phone.input.value, password: password.input.value, remember: remember.checked });
        password.input.value = "";
        await ctx.enter({ data: signedIn.profile, fetched_at: new Date().toISOString(), offline: false });
        if (signedIn.remembered === "memory_only") ctx.notice?.("login.remember_memory");
      } catch (err) {
        error.showError(err);
        // A refused password is not kept for the next try.
        if (err.code !== "invalid_phone") password.input.value = "";
        if (err.code === "activation_required") activate.hidden = false;
        (err.code === "invalid_phone" ? phone.input : password.input).focus();
      }
    });
  });

  view.append(h("section", { class: "card centered", id: "screen-login" },
    h("h1", { i18n: "login.title" }),
    demoBox,
    form));
  (params.phone ? password.input : phone.input).focus();
}
