// Settings: the portal address (blank: the embedded demo portal), the language, and whether
// Kabinet checks for updates at start (with a quiet line saying what the last check found).

import { api } from "../api.js";
import { h } from "../dom.js";
import { languageOptions } from "../i18n.js";
import { screenForm } from "../form.js";
import { store } from "../store.js";
import * as updates from "../updates.js";

export function render(view, ctx) {
  const settings = store.get("info").settings;
  const language = languageOptions(h("select", { id: "settings-language" }));
  language.value = settings.language;
  let before = null;
  const form = screenForm({
    id: "settings", formClass: "", needsPortal: false, alertFirst: true, alertId: "settings-status", submitKey: "settings.save", submitId: "settings-save",
    fields: [{ name: "portal_url", id: "settings-portal-url", type: "url", labelKey: "settings.portal_url", hintKey: "settings.portal_hint",
      value: settings.portal_url ?? "", inputProps: { placeholder: "https://" } },
    { name: "check_updates", id: "settings-check-updates", type: "checkbox", labelKey: "settings.check_updates",
      inputProps: { checked: settings.check_updates } }],
    tail: [h("div", { class: "field" }, h("label", { for: "settings-language", i18n: "settings.language" }), language)],
    buttons: [h("button", { class: "secondary", type: "button", i18n: "nav.back", onclick: () => ctx.back() })],
    submit: async (v) => {
      before = store.get("info").portal_url;
      const info = await api.settings_save({ settings: { portal_url: v.portal_url || null, language: language.value, check_updates: v.check_updates } });
      ctx.applyInfo(info);
      return info;
    },
    onDone: (info) => {
      if (info.portal_url !== before) {
        ctx.signOutUi();
        ctx.go("login", { noticeKey: "settings.portal_changed" });
        return;
      }
      form.say("success", "settings.saved");
      showUpdateStatus();
    },
  });
  const updateStatus = h("div", { id: "settings-updates" });
  const showUpdateStatus = () => api.update_status()
    .then((status) => updateStatus.replaceChildren(updates.statusLine(status)))
    .catch((err) => console.warn("update status", err));
  showUpdateStatus();
  view.append(h("section", { class: "card", id: "screen-settings" }, h("h1", { i18n: "settings.title" }), form.form, updateStatus));
  form.inputs.get("portal_url").focus();
}
