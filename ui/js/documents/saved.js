// What a file in the documents library offers wherever it is shown (a sub-tab after a
// download, the library's list): Open (the system viewer) and Save as… (the native save
// dialog). Both work offline: the file is in the library.

import { api } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";

/** The Open and Save as… buttons of library file `doc`; errors and "saved to" go to `status`. */
export function fileButtons(doc, status) {
  const open = h("button", { type: "button", class: "link doc-open", i18n: "docs.open" });
  open.addEventListener("click", async () => {
    status.clear?.();
    try {
      await api.library_open({ id: doc.id });
    } catch (err) {
      status.showError(err);
    }
  });
  const saveAs = h("button", { type: "button", class: "link doc-save-as", i18n: "docs.save_as" });
  saveAs.addEventListener("click", async () => {
    status.clear?.();
    try {
      const path = await api.library_save_as({ id: doc.id });
      if (path) status.showKey("success", "docs.saved_to", { path });
    } catch (err) {
      status.showError(err);
    }
  });
  return [open, saveAs];
}

/** "Saved in the library: <file>" with Open and Save as…, in `box` (an alertBox). */
export function showSaved(box, doc) {
  const message = h("span", { "data-i18n": "docs.saved_in_library" });
  message._vars = { file: doc.file_name };
  message.textContent = t("docs.saved_in_library", message._vars);
  box.clear();
  box.className = "alert success doc-saved";
  box.replaceChildren(message, " ", ...fileButtons(doc, box));
  box.dataset.document = doc.id;
  box.hidden = false;
}
