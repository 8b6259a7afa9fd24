// "My Profile": name, phone, e-mail (editable) and password change; "My Companies": the
// companies granted to this administrator, with the name each shows in the profile (editable).

import { api } from "../api.js";
import { alertBox, busy, checkFields, field, h, mount } from "../dom.js";
import { formatPhone } from "../format.js";
import { errorText, t } from "../i18n.js";

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
  const p = ctx.profile;
  const email = field("profile.email", { id: "profile-email", type: "email", value: p.email, required: true });
  const emailStatus = alertBox("profile-email-status");
  const saveEmail = h("button", { class: "secondary", type: "submit", id: "profile-save-email", i18n: "profile.save_email" });
  const emailForm = h("form", { novalidate: true }, emailStatus, email.field, saveEmail);
  emailForm.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(saveEmail, async () => {
      emailStatus.clear();
      if (!checkFields(emailStatus, [[email.input, email.input.value.trim() !== "", "check.email_required"]])) return;
      try {
        ctx.profile = await api.profile_change_email({ email: email.input.value });
        email.input.value = ctx.profile.email;
        emailStatus.showKey("success", "profile.email_saved");
      } catch (err) {
        emailStatus.showError(err);
      }
    });
  });

  const current = field("profile.current_password", { id: "profile-current-password", type: "password", autocomplete: "current-password" });
  const next = field("profile.new_password", { id: "profile-new-password", type: "password", autocomplete: "new-password" }, "password.policy");
  const confirm = field("profile.confirm_password", { id: "profile-confirm-password", type: "password", autocomplete: "new-password" });
  const pwStatus = alertBox("profile-password-status");
  const savePw = h("button", { class: "secondary", type: "submit", id: "profile-save-password", i18n: "profile.save_password" });
  const pwForm = h("form", { novalidate: true }, pwStatus, current.field, next.field, confirm.field, savePw);
  pwForm.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(savePw, async () => {
      pwStatus.clear();
      const ready = checkFields(pwStatus, [
        [current.input, current.input.value !== "", "check.current_password_required"],
        [next.input, next.input.value !== "", "check.new_password_required"],
        [confirm.input, confirm.input.value !== "", "check.confirmation_required"],
      ]);
      if (!ready) return;
      try {
        await api.profile_change_password({
          current_password: current.input.value,
          new_password: next.input.value,
          confirmation: confirm.input.value,
        });
        for (const f of [current, next, confirm]) f.input.value = "";
        ctx.passwordChanged(p.phone);
        pwStatus.showKey("success", "profile.password_saved");
      } catch (err) {
        pwStatus.showError(err);
      }
    });
  });

  mount(body,
    h("table", {},
      h("tr", {}, h("th", { i18n: "profile.name" }), h("td", { id: "profile-name", text: p.name })),
      h("tr", {}, h("th", { i18n: "profile.phone" }), h("td", { id: "profile-phone", text: formatPhone(p.phone) }))),
    h("h2", { i18n: "profile.email" }), emailForm,
    h("h2", { i18n: "profile.password_title" }), pwForm);
}

function renderCompanies(body, ctx) {
  const rows = ctx.companies.map((c) => {
    const input = h("input", { value: c.display_name, "aria-label": c.name, maxlength: 100, "data-company-id": c.id });
    const status = h("span", { class: "hint", role: "status" });
    const save = h("button", { class: "secondary", type: "submit", i18n: "companies.save" });
    const form = h("form", { class: "row", novalidate: true }, input, save, status);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      busy(save, async () => {
        status.textContent = "";
        try {
          const updated = await api.company_set_display_name({ company_id: c.id, display_name: input.value });
          input.value = updated.display_name;
          await ctx.loadCompanies();
          status.dataset.i18n = "companies.saved";
          status.textContent = t("companies.saved");
        } catch (err) {
          status.textContent = errorText(err);
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
