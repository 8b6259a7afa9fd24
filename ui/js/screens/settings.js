// Settings: the portal address (blank: the embedded demo portal) and the language.

import { api } from "../api.js";
import { alertBox, busy, field, h } from "../dom.js";

export function render(view, ctx) {
  const settings = ctx.info.settings;
  const url = field("settings.portal_url", { id: "settings-portal-url", type: "url", value: settings.portal_url ?? "",
    placeholder: "https://" }, "settings.portal_hint");
  const language = h("select", { id: "settings-language" },
    h("option", { value: "en", text: "English" }),
    h("option", { value: "ru", text: "Русский" }));
  language.value = settings.language;
  const status = alertBox("settings-status");
  const save = h("button", { class: "primary", type: "submit", id: "settings-save", i18n: "settings.save" });
  const form = h("form", { novalidate: true },
    status, url.field,
    h("div", { class: "field" }, h("label", { for: "settings-language", i18n: "settings.language" }), language),
    h("div", { class: "row" }, save,
      h("button", { class: "secondary", type: "button", i18n: "nav.back", onclick: () => ctx.back() })));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(save, async () => {
      status.clear();
      const before = ctx.info.portal_url;
      try {
        const info = await api.settings_save({ settings: { portal_url: url.input.value.trim() || null, language: language.value } });
        await ctx.applyInfo(info);
        if (info.portal_url !== before) {
          ctx.signOutUi();
          ctx.go("login", { noticeKey: "settings.portal_changed" });
          return;
        }
        status.showKey("success", "settings.saved");
      } catch (err) {
        status.showError(err);
      }
    });
  });
  view.append(h("section", { class: "card", id: "screen-settings" }, h("h1", { i18n: "settings.title" }), form));
  url.input.focus();
}
