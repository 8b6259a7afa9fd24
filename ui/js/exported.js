// What an export leaves on screen: where the file went, and buttons to open it or its folder.
// The app opens only files its own exports wrote (see src-tauri/commands/files.rs).

import { api } from "./api.js";
import { h, mount } from "./dom.js";
import { t } from "./i18n.js";

/** Shows "Saved to <path>" with Open file / Show in folder in `box`; errors go to `status`. */
export function showExported(box, path, status) {
  const open = (folder) => async () => {
    try {
      await api.export_open({ path, folder });
    } catch (err) {
      status.showError(err);
    }
  };
  const message = h("span", { class: "export-path", i18n: "export.saved" });
  message._vars = { path };
  message.textContent = t("export.saved", message._vars);
  mount(box,
    message,
    h("button", { class: "link", type: "button", id: "export-open-file", i18n: "export.open_file", onclick: open(false) }),
    h("button", { class: "link", type: "button", id: "export-open-folder", i18n: "export.open_folder", onclick: open(true) }));
  box.className = "alert success export-done";
  box.hidden = false;
}
