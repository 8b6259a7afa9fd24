// Login: phone number and password, "Forgot password?", remember me, and the demo login.

import { api } from "../api.js";
import { alertBox, h } from "../dom.js";
import { screenForm } from "../form.js";
import { setText } from "../i18n.js";
import { store } from "../store.js";

export function render(view, ctx, params = {}) {
  const notice = alertBox("login-notice");
  if (params.noticeKey) notice.showKey(params.noticeKind ?? "info", params.noticeKey);
  const activate = h("button", { class: "link", type: "button", id: "login-activate", i18n: "login.activate", hidden: true,
    onclick: () => ctx.go("recovery", { phone: login.inputs.get("phone").value }) });
  const forgot = h("button", { class: "link", type: "button", id: "login-forgot", i18n: "login.forgot",
    onclick: () => ctx.go("recovery", { phone: login.inputs.get("phone").value }) });

  const login = screenForm({
    id: "login", formId: "login-form", codeFields: { invalid_phone: "phone" }, formClass: "", needsPortal: false, submitKey: "login.submit", alertFirst: true,
    lead: [notice],
    fields: [
      { name: "phone", type: "tel", labelKey: "login.phone", hintKey: "login.phone_hint", value: params.phone ?? "",
        inputProps: { autocomplete: "username", inputmode: "numeric", placeholder: "77010016515" },
        check: (v) => (v ? null : "check.phone_required") },
      { name: "password", type: "password", labelKey: "login.password", labelExtra: forgot,
        inputProps: { autocomplete: "current-password" }, check: (v) => (v ? null : "check.password_required") },
      { name: "remember", type: "checkbox", labelKey: "login.remember" },
    ],
    buttons: [activate],
    submit: async (v) => {
      notice.clear();
      activate.hidden = true;
      // The app is still opening its cache and the portal: the sign-in waits for them.
      if (store.get("info")?.starting) notice.showKey("info", "login.waiting_start");
      try {
        return await api.login({ phone: v.phone, password: v.password, remember: v.remember });
      } catch (err) {
        notice.clear();
        // A refused password is not kept for the next try.
        if (err.code !== "invalid_phone") password.value = "";
        if (err.code === "activation_required") activate.hidden = false;
        (err.code === "invalid_phone" ? phone : password).focus();
        throw err;
      }
    },
    onDone: async (signedIn) => {
      password.value = "";
      await ctx.enter({ data: signedIn.profile, fetched_at: new Date().toISOString(), offline: false });
      if (signedIn.remembered === "memory_only") ctx.notice?.("login.remember_memory");
    },
  });
  const phone = login.inputs.get("phone");
  const password = login.inputs.get("password");
  login.form.append(h("p", { class: "hint", i18n: "login.first_time" }));

  const demoBox = () => {
    const demo = ctx.demoLogin();
    if (!demo) return null;
    // After the demo administrator's password was changed, the hint no longer offers the old one.
    const hintKey = demo.password ? "demo.hint" : "demo.hint_changed";
    return h("div", { class: "alert warn", id: "demo-login" },
      setText(h("span"), hintKey, demo),
      " ",
      h("button", { class: "link", type: "button", id: "demo-fill", i18n: "demo.fill", onclick: () => {
        login.clearErrors();
        notice.clear();
        activate.hidden = true;
        phone.value = demo.phone;
        password.value = demo.password ?? "";
        (demo.password ? login.button : password).focus();
      } }));
  };

  const title = h("h1", { i18n: "login.title" });
  const section = h("section", { class: "card centered", id: "screen-login" }, title, demoBox(), login.form);
  view.append(section);
  // Drawn before the demo portal's check (the last start's answer): redrawn if it differs.
  store.follow(section, "info", () => {
    section.querySelector("#demo-login")?.remove();
    const box = demoBox();
    if (box) title.after(box);
  });
  (params.phone ? password : phone).focus();
}
