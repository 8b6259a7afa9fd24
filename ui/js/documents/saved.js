// What a file in the documents library offers wherever it is shown (a sub-tab after a
// download, the library's list): Open (the system viewer) and Save as… (the native save
// dialog). Both work offline: the file is in the library.
//
// A computer may have no application for the file's kind (no spreadsheet program, a bare
// Linux): Open then says so (`no_application`), shows where the file is, and offers Save as…
// and Show in folder instead of a generic error.

import { api } from "../api.js";
import { h } from "../dom.js";
import { errorText, setText, t } from "../i18n.js";

/** A text element kept translated on a language switch (i18n.js `setText`). */
function text(key, vars, props = {}) {
  return setText(h("span", props), key, vars);
}

/** Save as… of library file `doc`: "saved to" or the error go to `status`. */
function saveAsButton(doc, status) {
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
  return saveAs;
}

/**
 * "No application on this computer opens XLSX files", where the file is (selectable, to copy),
 * and Save as… and Show in folder, in `status` (an alertBox).
 */
function showNoApplication(status, doc, err) {
  const folderError = h("div", { class: "field-error doc-folder-error", role: "alert", hidden: true });
  const showFolder = h("button", { type: "button", class: "link doc-show-folder", i18n: "docs.show_in_folder" });
  showFolder.addEventListener("click", async () => {
    folderError.hidden = true;
    try {
      await api.library_show_in_folder({ id: doc.id });
    } catch (e) {
      folderError.textContent = e?.code === "no_application" ? t("docs.no_file_manager") : errorText(e);
      folderError.hidden = false;
    }
  });
  const kind = err.params?.extension || doc.file_name.split(".").pop().toUpperCase();
  status.clear?.();
  status.className = "alert warn doc-no-application";
  status.replaceChildren(
    h("div", {}, text("docs.no_application", { kind })),
    h("div", { class: "doc-where" }, text("docs.file_is_here", {}), " ",
      h("code", { class: "doc-path", text: err.params?.path ?? doc.file_name })),
    h("div", { class: "row" }, saveAsButton(doc, status), showFolder),
    folderError);
  status.hidden = false;
}

/** The Open and Save as… buttons of library file `doc`; errors and "saved to" go to `status`. */
export function fileButtons(doc, status) {
  const open = h("button", { type: "button", class: "link doc-open", i18n: "docs.open" });
  open.addEventListener("click", async () => {
    status.clear?.();
    try {
      await api.library_open({ id: doc.id });
    } catch (err) {
      if (err?.code === "no_application") showNoApplication(status, doc, err);
      else status.showError(err);
    }
  });
  return [open, saveAsButton(doc, status)];
}

/** "Saved in the library: <file>" with Open and Save as…, in `box` (an alertBox). */
export function showSaved(box, doc) {
  const message = text("docs.saved_in_library", { file: doc.file_name });
  box.clear();
  box.className = "alert success doc-saved";
  box.replaceChildren(message, " ", ...fileButtons(doc, box));
  box.dataset.document = doc.id;
  box.hidden = false;
}
