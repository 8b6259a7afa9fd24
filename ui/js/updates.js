// Updates, as the window shows them: the check at start (Rust makes no request when Settings
// turned it off), the offer under the top bar, and the install on the user's word: "What's
// new…" opens a dialog with the version's notes (as text: they come from the manifest) and
// Install / Cancel. A check that could not be made says nothing here: Settings has its quiet
// line (`statusText`). A refused or failed install is said in the dialog, in the user's language.

import { api } from "./api.js";
import { h } from "./dom.js";
import { formatDateTimeKz } from "./format.js";
import { formDialog } from "./form.js";
import { bindText, setText, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

/** Asks once at start; shows the offer when there is one. Never throws. */
export async function checkAtStart() {
  try {
    show(await api.update_check({ again: false }));
  } catch (err) {
    console.warn("update check", err);
  }
}

/** Shows the offer (or what was installed) under the top bar, or hides it. */
export function show(status) {
  const bar = $("update-offer");
  if (status?.state === "offered") {
    const text = h("span", { id: "update-offer-text" });
    setText(text, "update.available", { version: status.version, current: status.current_version });
    bar.replaceChildren(text,
      h("button", { type: "button", class: "primary", id: "update-see", i18n: "update.see", onclick: () => offer(status) }),
      h("button", { type: "button", class: "link", id: "update-later", i18n: "update.later", onclick: () => { bar.hidden = true; } }));
    bar.hidden = false;
  } else if (status?.state === "installed") {
    const text = h("span", { id: "update-offer-text" });
    setText(text, "update.installed", { version: status.version });
    bar.replaceChildren(text,
      h("button", { type: "button", class: "primary", id: "update-restart", i18n: "update.restart", onclick: () => api.update_restart() }));
    bar.hidden = false;
  } else {
    bar.hidden = true;
  }
}

/** The dialog of the offered version: what is new, and Install. */
async function offer(status) {
  const installed = await formDialog({
    id: "update-dialog",
    titleKey: "update.title",
    subject: t("update.versions", { version: status.version, current: status.current_version }),
    message: status.notes?.trim() ? status.notes : t("update.no_notes"),
    confirmKey: "update.install",
    busyKey: "update.installing",
    submit: () => api.update_install(),
  });
  if (installed) show(installed);
}

/** Settings' quiet line about updates, kept translated. */
export function statusLine(status) {
  const line = h("p", { id: "settings-update-status", class: "hint" });
  const key = {
    off: "settings.update_off",
    not_checked: "settings.update_not_checked",
    latest: "settings.update_latest",
    offered: "settings.update_offered",
    unreachable: "settings.update_unreachable",
    installed: "settings.update_installed",
  }[status.state];
  bindText(line, () => t(key, {
    current: status.current_version ?? "",
    version: status.version ?? "",
    time: status.checked_at ? formatDateTimeKz(status.checked_at) : "",
  }));
  return line;
}
