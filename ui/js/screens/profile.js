// "My Profile": name, phone, e-mail (editable) and password change; "My Companies": the
// companies granted to this administrator, with the name each shows in the profile (editable).

import { api } from "../api.js";
import { busy, h, mount } from "../dom.js";
import { screenForm } from "../form.js";
import { store } from "../store.js";
import { formatPhone } from "../format.js";
import { bindText, clearText, errorText, setText } from "../i18n.js";

export function render(view, ctx, params = {}) {
  const body = h("div", { id: "profile-body" });
  const tabProfile = h("button", { role: "tab", id: "tab-profile", i18n: "profile.tab_profile" });
  const tabCompanies = h("button", { role: "tab", id: "tab-companies", i18n: "profile.tab_companies" });
  const select = (which) => {
    tabProfile.setAttribute("aria-selected", String(which === "profile"));
    tabCompanies.setAttribute("aria-selected", String(which === "companies"));
    if (which === "profile") renderProfile(body, ctx);
    else renderCompanies(body, ctx);
  };
  tabProfile.addEventListener("click", () => select("profile"));
  tabCompanies.addEventListener("click", () => select("companies"));
  view.append(h("section", { class: "card wide", id: "screen-profile" },
    h("h1", { i18n: "profile.title" }),
    h("div", { class: "tabs", role: "tablist" }, tabProfile, tabCompanies),
    body));
  select(params.tab ?? "profile");
}

function renderProfile(body, ctx) {
  const p = store.get("profile");
  const emailForm = screenForm({
    id: "profile", formId: "profile-email-form", formClass: "", needsPortal: false, alertFirst: true, alertId: "profile-email-status",
    submitKey: "profile.save_email", submitId: "profile-save-email", submitClass: "secondary", codeFields: { invalid_email: "email" },
    fields: [{ name: "email", type: "email", labelKey: "profile.email", value: p.email, check: (v) => (v ? null : "check.email_required") }],
    submit: (v) => api.profile_change_email({ email: v.email }),
    onDone: (profile) => {
      store.set({ profile });
      emailForm.inputs.get("email").value = profile.email;
      emailForm.say("success", "profile.email_saved");
    },
  });

  const required = (key) => (v) => (v ? null : key);
  const pwForm = screenForm({
    id: "profile", formId: "profile-password-form", formClass: "", needsPortal: false, alertFirst: true, alertId: "profile-password-status",
    submitKey: "profile.save_password", submitId: "profile-save-password", submitClass: "secondary",
    codeFields: { weak_password: "new_password", password_mismatch: "confirmation" },
    fields: [
      { name: "current_password", id: "profile-current-password", type: "password", labelKey: "profile.current_password",
        inputProps: { autocomplete: "current-password" }, check: required("check.current_password_required") },
      { name: "new_password", id: "profile-new-password", type: "password", labelKey: "profile.new_password", hintKey: "password.policy",
        inputProps: { autocomplete: "new-password" }, check: required("check.new_password_required") },
      { name: "confirmation", id: "profile-confirm-password", type: "password", labelKey: "profile.confirm_password",
        inputProps: { autocomplete: "new-password" }, check: required("check.confirmation_required") },
    ],
    submit: (v) => api.profile_change_password(v),
    onDone: () => {
      for (const input of pwForm.inputs.values()) input.value = "";
      ctx.passwordChanged(p.phone);
      pwForm.say("success", "profile.password_saved");
    },
  });

  mount(body,
    h("table", {},
      h("tr", {}, h("th", { i18n: "profile.name" }), h("td", { id: "profile-name", text: p.name })),
      h("tr", {}, h("th", { i18n: "profile.phone" }), h("td", { id: "profile-phone", text: formatPhone(p.phone) }))),
    h("h2", { i18n: "profile.email" }), emailForm.form,
    h("h2", { i18n: "profile.password_title" }), pwForm.form);
}

function renderCompanies(body, ctx) {
  const rows = store.get("companies").map((c) => {
    const input = h("input", { value: c.display_name, "aria-label": c.name, maxlength: 100, "data-company-id": c.id });
    const status = h("span", { class: "hint", role: "status" });
    const save = h("button", { class: "secondary", type: "submit", i18n: "companies.save" });
    const form = h("form", { class: "row", novalidate: true }, input, save, status);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      busy(save, async () => {
        clearText(status);
        try {
          const updated = await api.company_set_display_name({ company_id: c.id, display_name: input.value });
          input.value = updated.display_name;
          await ctx.loadCompanies();
          setText(status, "companies.saved");
        } catch (err) {
          bindText(status, () => errorText(err));
        }
      });
    });
    return h("tr", {}, h("td", { text: c.name }), h("td", { text: c.bin }), h("td", {}, form));
  });
  mount(body,
    h("p", { class: "hint", i18n: "companies.hint" }),
    h("table", { id: "companies-table" },
      h("thead", {}, h("tr", {}, h("th", { i18n: "companies.company" }), h("th", { i18n: "companies.bin" }), h("th", { i18n: "companies.display_name" }))),
      h("tbody", {}, rows)));
}
